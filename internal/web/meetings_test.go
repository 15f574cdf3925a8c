package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/convene/convene/internal/model"
)

func init() {
	sides := "talent enterprise delegation"
	expect(map[string]string{
		"GET /me/meetings":                            sides,
		"POST /me/meetings/requests":                  sides,
		"POST /me/meetings/requests/{id}/accept":      sides,
		"POST /me/meetings/requests/{id}/decline":     sides,
		"POST /me/meetings/requests/{id}/cancel":      sides,
		"POST /me/availability":                       sides,
		"GET /me/agenda":                              "signed-in",
		"GET /me/agenda.ics":                          "signed-in",
		"GET /admin/meetings":                         "organizer",
		"POST /admin/meetings/slots":                  "organizer",
		"POST /admin/meetings/tables":                 "organizer",
		"POST /admin/meetings/run":                    "organizer",
		"POST /admin/meetings/runs/{id}/publish":      "organizer",
		"GET /admin/tables/cards":                     "organizer",
		"GET /api/v1/meetings/requests":               sides,
		"POST /api/v1/meetings/requests":              sides,
		"GET /api/v1/meetings/requests/{id}":          sides,
		"POST /api/v1/meetings/requests/{id}/accept":  sides,
		"POST /api/v1/meetings/requests/{id}/decline": sides,
		"POST /api/v1/meetings/requests/{id}/cancel":  sides,
		"GET /api/v1/me/availability":                 sides,
		"PUT /api/v1/me/availability":                 sides,
		"GET /api/v1/me/agenda":                       "signed-in",
		"POST /api/v1/meetings/slots":                 "organizer",
		"POST /api/v1/meetings/tables":                "organizer",
		"POST /api/v1/meetings/runs":                  "organizer",
		"POST /api/v1/meetings/runs/{id}/publish":     "organizer",
	})
}

// meetingFixture adds a post of the fixture's enterprise, the talent's
// application to it, a venue, and makes the edition current.
func meetingFixture(t *testing.T, f *fixture) (appID int64, venueID int64) {
	t.Helper()
	f.makeCurrent()
	p := model.Post{OrgID: *f.users[model.RoleEnterprise].OrgID, FairID: f.fair.ID, Title: "Data engineer"}
	p.Validate()
	if err := f.db.CreatePost(bg, &p); err != nil {
		t.Fatal(err)
	}
	tal, _ := f.db.TalentByUser(bg, f.users[model.RoleTalent].ID)
	a, _, err := f.db.Apply(bg, tal.ID, p.ID, model.ChannelPC)
	if err != nil {
		t.Fatal(err)
	}
	v := model.Venue{EditionID: f.edition.ID, Name: "Pazhou Hall A"}
	if err := f.db.CreateVenue(bg, &v); err != nil {
		t.Fatal(err)
	}
	return a.ID, v.ID
}

func fieldsOf(t *testing.T, body string) map[string]string {
	t.Helper()
	var e apiError
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	return e.Error.Fields
}

func TestMeetingBadInput(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		appID, _ := meetingFixture(t, f)
		ent, tal, del := f.client(model.RoleEnterprise), f.client(model.RoleTalent), f.client(model.RoleDelegation)
		cases := []struct {
			name   string
			c      string
			method string
			path   string
			body   string
			status int
			field  string
		}{
			{"unknown application", "enterprise", "POST", "/api/v1/meetings/requests", `{"kind":"interview","application_id":999}`, 422, "application_id"},
			{"not a side", "delegation", "POST", "/api/v1/meetings/requests", fmt.Sprintf(`{"kind":"interview","application_id":%d}`, appID), 422, "application_id"},
			{"unknown project", "enterprise", "POST", "/api/v1/meetings/requests", `{"kind":"negotiation","project_id":77}`, 422, "project_id"},
			{"unknown zone", "talent", "PUT", "/api/v1/me/availability", `{"time_zone":"Mars/Olympus","windows":[]}`, 422, "time_zone"},
			{"inverted", "talent", "PUT", "/api/v1/me/availability", `{"time_zone":"Asia/Shanghai","windows":[{"starts_at":"2017-12-17T11:00","ends_at":"2017-12-17T10:00"}]}`, 422, "windows.0.ends_at"},
			{"overlap", "talent", "PUT", "/api/v1/me/availability", `{"time_zone":"Asia/Shanghai","windows":[{"starts_at":"2017-12-17T09:00","ends_at":"2017-12-17T11:00"},{"starts_at":"2017-12-17T10:00","ends_at":"2017-12-17T12:00"}]}`, 422, "windows.1.starts_at"},
			{"bad date", "talent", "PUT", "/api/v1/me/availability", `{"time_zone":"Asia/Shanghai","windows":[{"starts_at":"soon","ends_at":"2017-12-17T12:00"}]}`, 422, "windows.0.starts_at"},
			{"slot length", "organizer", "POST", "/api/v1/meetings/slots", `{"date":"2017-12-17","start":"09:00","end":"12:00","length":1}`, 422, "length"},
			{"slot clock", "organizer", "POST", "/api/v1/meetings/slots", `{"date":"2017-12-17","start":"9h","end":"12:00","length":30}`, 422, "start"},
			{"table venue", "organizer", "POST", "/api/v1/meetings/tables", `{"code":"T1","venue_id":999}`, 422, "venue_id"},
			{"room zone", "organizer", "POST", "/api/v1/meetings/tables", `{"code":"V1","video":true,"time_zone":"Nowhere/City"}`, 422, "time_zone"},
			{"run kind", "organizer", "POST", "/api/v1/meetings/runs", `{"kind":"lunch"}`, 422, "kind"},
		}
		clients := map[string]*http.Client{"enterprise": ent, "talent": tal, "delegation": del, "organizer": f.client(model.RoleOrganizer)}
		for _, c := range cases {
			resp, body := f.json(clients[c.c], c.method, c.path, c.body)
			if resp.StatusCode != c.status || fieldsOf(t, body)[c.field] == "" {
				t.Fatalf("%s: %d %s, want %d with a message on %s", c.name, resp.StatusCode, body, c.status, c.field)
			}
		}
		if l, _ := f.db.AvailabilityOf(bg, f.users[model.RoleTalent].ID); len(l) != 0 {
			t.Fatalf("bad windows saved: %+v", l)
		}
		if l, _ := f.db.ListSlots(bg, f.edition.ID); len(l) != 0 {
			t.Fatalf("bad slots saved: %+v", l)
		}
		// The talent asks; the delegation (not a side) can neither see nor
		// accept it; the talent cannot accept their own request.
		resp, body := f.json(tal, "POST", "/api/v1/meetings/requests", fmt.Sprintf(`{"kind":"interview","application_id":%d}`, appID))
		if resp.StatusCode != 201 {
			t.Fatalf("request: %d %s", resp.StatusCode, body)
		}
		var rq meetingRequestJ
		json.Unmarshal([]byte(body), &rq)
		path := fmt.Sprintf("/api/v1/meetings/requests/%d", rq.ID)
		if resp, _ := f.json(del, "GET", path, ""); resp.StatusCode != 404 {
			t.Fatalf("outsider reads request: %d", resp.StatusCode)
		}
		if resp, _ := f.json(del, "POST", path+"/accept", ""); resp.StatusCode != 404 {
			t.Fatalf("outsider accepts: %d", resp.StatusCode)
		}
		resp, body = f.json(tal, "POST", path+"/accept", "")
		if resp.StatusCode != 403 || fieldsOf(t, body)["id"] == "" {
			t.Fatalf("requester accepts own request: %d %s", resp.StatusCode, body)
		}
		if v, _ := f.db.MeetingRequest(bg, rq.ID, f.users[model.RoleTalent].ID); v.Status != model.RequestPending {
			t.Fatalf("status after refused answers: %s", v.Status)
		}
		// The form shows the problem beside its field.
		resp, body = f.postForm(tal, "/me/availability", url.Values{"time_zone": {"Asia/Shanghai"},
			"windows.0.starts_at": {"2017-12-17T11:00"}, "windows.0.ends_at": {"2017-12-17T10:00"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "The end must come after the start.") {
			t.Fatalf("availability form: %d", resp.StatusCode)
		}
	})
}

// TestMeetingFlow: request, accept, availability, slots, table, run,
// publish; both agendas show the same slot and table; the .ics parses.
func TestMeetingFlow(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		appID, venueID := meetingFixture(t, f)
		ent, tal, org := f.client(model.RoleEnterprise), f.client(model.RoleTalent), f.client(model.RoleOrganizer)
		must := func(c *http.Client, method, path, body string, want int) string {
			t.Helper()
			resp, b := f.json(c, method, path, body)
			if resp.StatusCode != want {
				t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
			}
			return b
		}
		var rq meetingRequestJ
		json.Unmarshal([]byte(must(ent, "POST", "/api/v1/meetings/requests", fmt.Sprintf(`{"kind":"interview","application_id":%d}`, appID), 201)), &rq)
		must(tal, "POST", fmt.Sprintf("/api/v1/meetings/requests/%d/accept", rq.ID), "", 200)
		// The talent states availability in Singapore time (09:30-12:00
		// there is the same in Guangzhou, UTC+8); the enterprise in the edition's.
		must(tal, "PUT", "/api/v1/me/availability", `{"time_zone":"Asia/Singapore","windows":[{"starts_at":"2017-12-17T09:30","ends_at":"2017-12-17T12:00"}]}`, 200)
		must(ent, "PUT", "/api/v1/me/availability", `{"time_zone":"Asia/Shanghai","windows":[{"starts_at":"2017-12-17T09:00","ends_at":"2017-12-17T10:30"}]}`, 200)
		must(org, "POST", "/api/v1/meetings/slots", `{"date":"2017-12-17","start":"09:00","end":"12:00","length":30,"gap":0,"breaks":"10:30-11:00"}`, 201)
		must(org, "POST", "/api/v1/meetings/tables", fmt.Sprintf(`{"code":"A-07","venue_id":%d}`, venueID), 201)
		var run runJ
		json.Unmarshal([]byte(must(org, "POST", "/api/v1/meetings/runs", `{"kind":"both"}`, 201)), &run)
		if run.Placed != 1 || len(run.Unplaced) != 0 {
			t.Fatalf("run: %+v", run)
		}
		if resp, body := f.do(org, "GET", "/admin/meetings", "", ""); resp.StatusCode != 200 || !strings.Contains(body, `id="placed">1<`) {
			t.Fatalf("review page: %d", resp.StatusCode)
		}
		must(org, "POST", fmt.Sprintf("/api/v1/meetings/runs/%d/publish", run.ID), "", 200)
		must(org, "POST", fmt.Sprintf("/api/v1/meetings/runs/%d/publish", run.ID), "", 409)
		var at, ae []agendaJ
		json.Unmarshal([]byte(must(tal, "GET", "/api/v1/me/agenda", "", 200)), &at)
		json.Unmarshal([]byte(must(ent, "GET", "/api/v1/me/agenda", "", 200)), &ae)
		if len(at) != 1 || len(ae) != 1 || !at[0].StartsAt.Equal(ae[0].StartsAt) || at[0].Table != "A-07" || ae[0].Table != "A-07" {
			t.Fatalf("agendas differ: %+v / %+v", at, ae)
		}
		if got := at[0].StartsAt.UTC().Format("15:04"); got != "01:30" { // 09:30 in Guangzhou: the first slot both can attend
			t.Fatalf("meeting at %s UTC", got)
		}
		resp, body := f.do(tal, "GET", "/me/agenda", "", "")
		if resp.StatusCode != 200 || !strings.Contains(body, "2017-12-17 09:30") || !strings.Contains(body, "A-07") || !strings.Contains(body, "The enterprise") {
			t.Fatalf("agenda page: %d %s", resp.StatusCode, body)
		}
		resp, body = f.do(tal, "GET", "/me/agenda.ics", "", "")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("ics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		for _, l := range strings.SplitAfter(body, "\r\n") {
			if len(strings.TrimSuffix(l, "\r\n")) > 75 || (l != "" && !strings.HasSuffix(l, "\r\n")) {
				t.Fatalf("ics line not folded or not CRLF: %q", l)
			}
		}
		cal, err := ics.ParseCalendar(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatalf("parse ics: %v", err)
		}
		evs := cal.Events()
		if len(evs) != 1 {
			t.Fatalf("ics events: %d", len(evs))
		}
		start, err := evs[0].GetStartAt()
		if err != nil || !start.Equal(at[0].StartsAt) {
			t.Fatalf("ics start %v (%v), want %v", start, err, at[0].StartsAt)
		}
		if uid := evs[0].Id(); uid != fmt.Sprintf("meeting-%d@%s", rq.ID, strings.TrimPrefix(f.ts.URL, "http://")) {
			t.Fatalf("ics uid %q", uid)
		}
		if loc := evs[0].GetProperty(ics.ComponentPropertyLocation); loc == nil || !strings.Contains(loc.Value, "A-07") {
			t.Fatalf("ics location %+v", loc)
		}
		if resp, body := f.do(org, "GET", "/admin/tables/cards", "", ""); resp.StatusCode != 200 || !strings.Contains(body, `data-table="A-07"`) || !strings.Contains(body, "Data engineer") {
			t.Fatalf("table cards: %d", resp.StatusCode)
		}
		// Cancelling tells the other side, in their language.
		must(tal, "POST", fmt.Sprintf("/api/v1/meetings/requests/%d/cancel", rq.ID), "", 200)
		if resp, body := f.do(ent, "GET", "/me/agenda", "", ""); resp.StatusCode != 200 || !strings.Contains(body, "The Interview with The talent was cancelled.") && !strings.Contains(body, "was cancelled") {
			t.Fatalf("cancel notice: %s", body)
		}
	})
}

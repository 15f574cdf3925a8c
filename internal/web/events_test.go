package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	pngenc "image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

func init() {
	expect(map[string]string{
		"GET /events":                           "anyone",
		"GET /events/{id}":                      "anyone",
		"POST /events/{id}/register":            "signed-in",
		"POST /events/{id}/cancel":              "signed-in",
		"POST /events/{id}/accept":              "signed-in",
		"GET /me/events.ics":                    "signed-in",
		"GET /admin/events":                     "organizer",
		"GET /admin/events/new":                 "organizer",
		"GET /admin/events/import":              "organizer",
		"POST /admin/events/import":             "organizer",
		"GET /admin/events/template.xlsx":       "organizer",
		"POST /admin/events":                    "organizer",
		"GET /admin/events/{id}/edit":           "organizer",
		"POST /admin/events/{id}":               "organizer",
		"GET /admin/events/{id}/boarding":       "organizer",
		"GET /admin/speakers":                   "organizer",
		"POST /admin/speakers":                  "organizer",
		"GET /speakers/{id}/photo":              "anyone",
		"GET /api/v1/events":                    "anyone",
		"GET /api/v1/events/{id}":               "anyone",
		"POST /api/v1/events":                   "organizer",
		"PUT /api/v1/events/{id}":               "organizer",
		"POST /api/v1/events/{id}/register":     "signed-in",
		"POST /api/v1/events/{id}/cancel":       "signed-in",
		"POST /api/v1/events/{id}/accept":       "signed-in",
		"GET /api/v1/events/{id}/registrations": "organizer",
	})
}

type eventJ struct {
	ID       int64  `json:"id"`
	Capacity int    `json:"capacity"`
	MyStatus string `json:"my_status"`
	Position int    `json:"position"`
	Free     int    `json:"free"`
}

// TestEventRegistrationFlow: an organizer makes a two-seat forum with a
// two-second hold; two people fill it, the third waits, a cancellation
// offers the seat, the hold ends unanswered and the seat passes to the
// fourth, who takes it; the .ics lists the event for those seated.
func TestEventRegistrationFlow(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		org := f.client(model.RoleOrganizer)
		resp, body := f.json(org, "POST", "/api/v1/events", `{"kind":"forum","title":"Small forum","room":"Room 9",
				"starts_at":"2017-12-17T14:00","ends_at":"2017-12-17T16:00","capacity":2,"hold_seconds":2}`)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %s", resp.StatusCode, body)
		}
		var ev eventJ
		json.Unmarshal([]byte(body), &ev)
		path := fmt.Sprintf("/events/%d", ev.ID)
		// Four people: the demo roles that may register.
		people := []model.Role{model.RoleTalent, model.RoleEnterprise, model.RoleDelegation, model.RoleJudge}
		cs := make([]*http.Client, len(people))
		for i, r := range people {
			cs[i] = f.client(r)
			resp, _ := f.postForm(cs[i], path+"/register", url.Values{})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s register: %d", r, resp.StatusCode)
			}
		}
		mine := func(i int) eventJ {
			_, body := f.json(cs[i], "GET", "/api/v1"+path, "")
			var e eventJ
			json.Unmarshal([]byte(body), &e)
			return e
		}
		for i, want := range []string{"registered", "registered", "waitlisted", "waitlisted"} {
			if m := mine(i); m.MyStatus != want || (want == "waitlisted" && m.Position != i-1) {
				t.Fatalf("person %d: %+v, want %s", i, m, want)
			}
		}
		if resp, _ := f.postForm(cs[0], path+"/register", url.Values{}); resp.StatusCode != http.StatusConflict {
			t.Fatalf("registering twice: %d", resp.StatusCode)
		}
		// A cancellation offers the seat to the first in line.
		f.postForm(cs[0], path+"/cancel", url.Values{})
		_, page := f.do(cs[2], "GET", path, "", "")
		if !strings.Contains(page, `data-status="offered"`) || !strings.Contains(page, `id="accept"`) {
			t.Fatalf("offer not shown:\n%s", page)
		}
		// The hold ends unanswered: the seat passes to the next.
		time.Sleep(2100 * time.Millisecond)
		if m := mine(2); m.MyStatus != "expired" {
			t.Fatalf("after the hold: %+v", m)
		}
		if m := mine(3); m.MyStatus != "offered" {
			t.Fatalf("next in line: %+v", m)
		}
		if resp, _ := f.postForm(cs[2], path+"/accept", url.Values{}); resp.StatusCode != http.StatusConflict {
			t.Fatalf("accepting an ended hold: %d", resp.StatusCode)
		}
		if resp, body := f.postForm(cs[3], path+"/accept", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d %s", resp.StatusCode, body)
		}
		if m := mine(3); m.MyStatus != "registered" {
			t.Fatalf("after accepting: %+v", m)
		}
		_, ics := f.do(cs[3], "GET", "/me/events.ics", "", "")
		if !strings.Contains(ics, "SUMMARY:Small forum") || !strings.Contains(ics, "\r\nEND:VCALENDAR\r\n") {
			t.Fatalf("ics:\n%s", ics)
		}
		_, ics = f.do(cs[2], "GET", "/me/events.ics", "", "")
		if strings.Contains(ics, "Small forum") {
			t.Fatal("the ics lists an event the person has no seat at")
		}
		// The organizer's list: two seats, nobody waiting.
		var regs []struct{ Status string }
		_, body = f.json(org, "GET", "/api/v1"+path+"/registrations", "")
		json.Unmarshal([]byte(body), &regs)
		if len(regs) != 2 || regs[0].Status != store.RegRegistered || regs[1].Status != store.RegRegistered {
			t.Fatalf("registrations %s", body)
		}
		// Pages render in both languages, and the agenda lists the event.
		for _, l := range []string{"en", "zh"} {
			_, p := f.doLang(f.client(""), "/events", l)
			if !strings.Contains(p, "Small forum") {
				t.Fatalf("%s agenda:\n%s", l, p)
			}
		}
		if resp, _ := f.do(org, "GET", "/admin/events", "", ""); resp.StatusCode != 200 {
			t.Fatalf("admin list %d", resp.StatusCode)
		}
		if resp, _ := f.do(org, "GET", fmt.Sprintf("/admin/events/%d/edit", ev.ID), "", ""); resp.StatusCode != 200 {
			t.Fatalf("edit form %d", resp.StatusCode)
		}
		resp, body = f.postForm(org, fmt.Sprintf("/admin/events/%d", ev.ID), url.Values{"kind": {"forum"}, "title": {"Small forum"},
			"starts_at": {"2017-12-17T16:00"}, "ends_at": {"2017-12-17T14:00"}, "capacity": {"2"}, "audience": {"all"}, "hold_minutes": {"5"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("inverted times: %d", resp.StatusCode)
		}
	})
}

// TestImportEvents: the organizer's events page links to the import; a file
// with bad rows imports nothing and names each problem by row and column;
// the template imports whole, its time read in the edition's zone.
func TestImportEvents(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		org := f.client(model.RoleOrganizer)
		if _, body := f.do(org, "GET", "/admin/events", "", ""); !strings.Contains(body, `href="/admin/events/import"`) {
			t.Fatal("the events page does not link to the import")
		}
		count := func() int {
			evs, err := db.EventInfos(bg, f.edition.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(evs)
		}
		before := count()
		bad := "title,kind,starts_at,ends_at,capacity\nGood,forum,2017-12-17 14:00,2017-12-17 16:00,10\nBad,party,2017-12-17 14:00,yesterday,many\n"
		ctype, body := importBody(t, nil, []byte(bad), "e.csv")
		resp, page := f.do(org, "POST", "/admin/events/import", ctype, body)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "row 3 · kind") || !strings.Contains(page, "row 3 · ends_at") ||
			!strings.Contains(page, "row 3 · capacity") || strings.Contains(page, "row 2") {
			t.Fatalf("bad file: %d %s", resp.StatusCode, page)
		}
		if n := count(); n != before {
			t.Fatalf("a bad file imported %d events", n-before)
		}
		resp, xlsx := f.do(org, "GET", "/admin/events/template.xlsx", "", "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("template: %d", resp.StatusCode)
		}
		ctype, body = importBody(t, nil, []byte(xlsx), "t.xlsx")
		if resp, page := f.do(org, "POST", "/admin/events/import", ctype, body); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("template import: %d %s", resp.StatusCode, page)
		}
		evs, _ := db.EventInfos(bg, f.edition.ID)
		if len(evs) != before+1 {
			t.Fatalf("%d events after the import, want %d", len(evs), before+1)
		}
		var got store.EventInfo
		for _, e := range evs {
			if e.TitleZH == "海外人才与大湾区" {
				got = e
			}
		}
		want := time.Date(2017, 12, 17, 14, 0, 0, 0, f.edition.Location())
		if !got.StartsAt.Equal(want) || got.Capacity != 300 || len(got.Speakers) != 2 || got.HoldSeconds != 3600 {
			t.Fatalf("imported %+v, want a start at %v", got, want)
		}
	})
}

// A field study's coaches: set on the form (refused with the reason on a
// forum, without seats, or seating fewer than its capacity, nothing
// saved), its boarding list per coach linked from the events list, each
// registered person on exactly one coach.
func TestEventBoarding(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	org := f.client(model.RoleOrganizer)
	form := func(kind, coaches, seats string) url.Values {
		return url.Values{"kind": {kind}, "title": {"Science City study"}, "room": {"Coach park"}, "starts_at": {"2017-12-17T09:00"},
			"ends_at": {"2017-12-17T17:00"}, "capacity": {"5"}, "coaches": {coaches}, "coach_seats": {seats}}
	}
	before, _ := f.db.EventInfos(bg, f.edition.ID)
	for _, c := range []struct{ kind, coaches, seats, field string }{
		{"forum", "2", "3", "coaches"}, {"field_study", "2", "0", "coach_seats"}, {"field_study", "2", "2", "coach_seats"},
	} {
		resp, body := f.postForm(org, "/admin/events", form(c.kind, c.coaches, c.seats))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `name="`+c.field+`"`) {
			t.Fatalf("%+v: %d", c, resp.StatusCode)
		}
	}
	if after, _ := f.db.EventInfos(bg, f.edition.ID); len(after) != len(before) {
		t.Fatalf("a refused event was saved")
	}
	if resp, body := f.postForm(org, "/admin/events", form("field_study", "2", "3")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	evs, _ := f.db.EventInfos(bg, f.edition.ID)
	ev := evs[len(evs)-1]
	if ev.Coaches != 2 || ev.CoachSeats != 3 {
		t.Fatalf("saved %d coaches of %d seats", ev.Coaches, ev.CoachSeats)
	}
	var names []string
	for _, r := range []model.Role{model.RoleTalent, model.RoleEnterprise, model.RoleDelegation, model.RoleJudge} {
		if resp, _ := f.postForm(f.client(r), fmt.Sprintf("/events/%d/register", ev.ID), url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s register: %d", r, resp.StatusCode)
		}
		names = append(names, "The "+string(r))
	}
	path := fmt.Sprintf("/admin/events/%d/boarding", ev.ID)
	if _, page := f.do(org, "GET", "/admin/events", "", ""); !strings.Contains(page, `href="`+path+`"`) {
		t.Fatalf("no boarding link on the events list")
	}
	_, page := f.do(org, "GET", path, "", "")
	if strings.Count(page, `class="card coach"`) != 2 {
		t.Fatalf("want two coaches:\n%s", page)
	}
	for _, n := range names {
		if strings.Count(page, n+"<") != 1 && strings.Count(page, n+" <") != 1 {
			t.Errorf("%s is not on exactly one coach", n)
		}
	}
}

// Speakers' profiles: the organizer adds one with a photo; an event naming
// the speaker (in Chinese here) shows the bio and the photo, which anyone
// may fetch; a file that is no JPEG or PNG is refused with the form, and
// nothing is saved.
func TestSpeakerProfiles(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	org := f.client(model.RoleOrganizer)
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	var png bytes.Buffer
	if err := pngenc.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	post := func(fields map[string]string, photo []byte) (*http.Response, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		if photo != nil {
			fw, _ := mw.CreateFormFile("photo", "photo.png")
			fw.Write(photo)
		}
		mw.Close()
		return f.do(org, "POST", "/admin/speakers", mw.FormDataContentType(), b.String())
	}
	speaker := map[string]string{"name": "Li Wei", "name_zh": "李伟", "affiliation": "Sun Yat-sen University", "bio": "Works on solid-state batteries.", "bio_zh": "研究固态电池。"}
	if resp, body := post(speaker, []byte("GIF89a not a photo")); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="photo-error"`) || !strings.Contains(body, "Sun Yat-sen University") {
		t.Fatalf("a GIF: %d\n%s", resp.StatusCode, body)
	}
	if l, _ := f.db.Speakers(bg, f.edition.ID); len(l) != 0 {
		t.Fatalf("a refused profile was saved: %+v", l)
	}
	if resp, body := post(speaker, png.Bytes()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d %s", resp.StatusCode, body)
	}
	l, _ := f.db.Speakers(bg, f.edition.ID)
	if len(l) != 1 || l[0].PhotoType != "image/png" {
		t.Fatalf("speakers %+v", l)
	}
	resp, body := f.json(org, "POST", "/api/v1/events", `{"kind":"forum","title":"Battery forum","room":"Room 9",
		"starts_at":"2017-12-17T14:00","ends_at":"2017-12-17T16:00","capacity":20,"speakers":["李伟","Zhang San"]}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("event: %d %s", resp.StatusCode, body)
	}
	var ev eventJ
	json.Unmarshal([]byte(body), &ev)
	_, page := f.do(f.client(model.RoleTalent), "GET", fmt.Sprintf("/events/%d", ev.ID), "", "")
	photo := fmt.Sprintf(`src="/speakers/%d/photo"`, l[0].ID)
	if !strings.Contains(page, "Works on solid-state batteries.") || !strings.Contains(page, photo) || !strings.Contains(page, "Zhang San") {
		t.Fatalf("event page without the profile:\n%s", page)
	}
	anon := &http.Client{Jar: nil, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, got := f.do(anon, "GET", fmt.Sprintf("/speakers/%d/photo", l[0].ID), "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || got != png.String() {
		t.Fatalf("photo: %d %s (%d bytes)", resp.StatusCode, resp.Header.Get("Content-Type"), len(got))
	}
}

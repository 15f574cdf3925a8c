package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/account"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/session"
)

// TestRegisterApproveLogin runs the enterprise journey over the JSON API on
// both databases: register (pending), organizer approves, sign in again.
func TestRegisterApproveLogin(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		anon := f.client("")
		resp, body := f.json(anon, "POST", "/api/v1/register", `{"email":"HR@Huawei.example","name":"Wang Fang","password":"0123456789ab","role":"enterprise","org_name":"Huawei","org_name_zh":"华为","industry":"electronic information"}`)
		if resp.StatusCode != 201 {
			t.Fatalf("register: %d %s", resp.StatusCode, body)
		}
		var u jsonview.User
		json.Unmarshal([]byte(body), &u)
		if u.Email != "hr@huawei.example" || u.Role != "enterprise" || u.OrgID == nil {
			t.Fatalf("registered %+v", u)
		}
		resp, body = f.json(anon, "GET", "/api/v1/org", "")
		var o jsonview.Org
		json.Unmarshal([]byte(body), &o)
		if resp.StatusCode != 200 || o.Status != "pending" || o.NameZH != "华为" {
			t.Fatalf("own org: %d %s", resp.StatusCode, body)
		}
		boss := f.client(model.RoleOrganizer)
		resp, body = f.json(boss, "POST", "/api/v1/organizations/"+itoa(int(*u.OrgID))+"/status", `{"status":"approved"}`)
		if resp.StatusCode != 200 || !strings.Contains(body, `"approved"`) {
			t.Fatalf("approve: %d %s", resp.StatusCode, body)
		}
		if resp, _ := f.json(anon, "POST", "/api/v1/logout", ""); resp.StatusCode != 204 {
			t.Fatalf("logout: %d", resp.StatusCode)
		}
		if resp, _ := f.json(anon, "GET", "/api/v1/me", ""); resp.StatusCode != 401 {
			t.Fatalf("after logout /me = %d", resp.StatusCode)
		}
		resp, body = f.json(anon, "POST", "/api/v1/login", `{"email":"hr@huawei.example","password":"0123456789ab"}`)
		if resp.StatusCode != 200 {
			t.Fatalf("login: %d %s", resp.StatusCode, body)
		}
		_, body = f.json(anon, "GET", "/api/v1/org", "")
		if !strings.Contains(body, `"status":"approved"`) {
			t.Fatalf("org after approval: %s", body)
		}
	})
}

// TestCrossOriginPostRefused: a browser form posted from another site is
// refused before it reaches the handler, and changes nothing.
func TestCrossOriginPostRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	c := f.client(model.RoleTalent)
	for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}} {
		req, _ := http.NewRequest("POST", f.ts.URL+"/me/profile", strings.NewReader("name=Hacked&category=overseas&degree=none"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-origin post with %v: status %d, want 403", h, resp.StatusCode)
		}
	}
	tal, _ := f.db.TalentByUser(bg, f.users[model.RoleTalent].ID)
	if tal.Name == "Hacked" {
		t.Fatal("cross-origin post changed the profile")
	}
	// The same post from this site goes through.
	req, _ := http.NewRequest("POST", f.ts.URL+"/me/profile", strings.NewReader("name=Li+Wei&category=overseas&degree=phd"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, _ := c.Do(req)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("same-origin post: %d", resp.StatusCode)
	}
}

// TestBadInput: each bad request gets a clear, field-level answer and
// changes nothing.
func TestBadInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	boss := f.client(model.RoleOrganizer)
	before, _ := f.db.ListEditions(bg)
	cases := []struct {
		name, body string
		code       int
		field      string
	}{
		{"unknown field", `{"slug":"x-1","bogus":1}`, 422, "bogus"},
		{"wrong type", `{"slug":5}`, 422, "slug"},
		{"not json", `{"slug":`, 422, ""},
		{"trailing data", `{"slug":"a"} {}`, 422, ""},
		{"bad zone", `{"slug":"ocs-2018","name":"OCS","city":"GZ","start_date":"2018-12-01","end_date":"2018-12-02","time_zone":"Mars/Olympus"}`, 422, "time_zone"},
		{"inverted dates", `{"slug":"ocs-2018","name":"OCS","city":"GZ","start_date":"2018-12-03","end_date":"2018-12-02","time_zone":"Asia/Shanghai"}`, 422, "end_date"},
		{"bad date", `{"slug":"ocs-2018","name":"OCS","city":"GZ","start_date":"2018-13-01","end_date":"2018-12-02","time_zone":"Asia/Shanghai"}`, 422, "start_date"},
		{"bad slug", `{"slug":"OCS 2018!","name":"OCS","city":"GZ","start_date":"2018-12-01","end_date":"2018-12-02","time_zone":"Asia/Shanghai"}`, 422, "slug"},
		{"taken slug", `{"slug":"ocs-2017","name":"OCS","city":"GZ","start_date":"2018-12-01","end_date":"2018-12-02","time_zone":"Asia/Shanghai"}`, 409, "slug"},
		{"too large", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, 413, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.json(boss, "POST", "/api/v1/editions", c.body)
			if resp.StatusCode != c.code {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.code, body)
			}
			var e apiError
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Message == "" || e.RequestID == "" {
				t.Fatalf("error body %q", body)
			}
			if c.field != "" && e.Error.Fields[c.field] == "" {
				t.Fatalf("no message for field %q: %s", c.field, body)
			}
			if strings.Contains(body, "sql") || strings.Contains(body, "goroutine") {
				t.Fatalf("internals leaked: %s", body)
			}
		})
	}
	after, _ := f.db.ListEditions(bg)
	if len(after) != len(before) {
		t.Fatalf("bad requests created editions: %d → %d", len(before), len(after))
	}
	// Messages follow the account's language.
	f.setLocale(boss, "zh")
	_, body := f.json(boss, "POST", "/api/v1/editions", `{"slug":"ocs-2018","name":"OCS","city":"GZ","start_date":"2018-12-01","end_date":"2018-12-02","time_zone":"Mars/Olympus"}`)
	if !strings.Contains(body, "未知时区") {
		t.Fatalf("zh message missing: %s", body)
	}
	// A form with problems is shown again with field messages, status 422.
	resp, page := f.postForm(f.client(model.RoleTalent), "/me/profile", url.Values{"name": {""}, "category": {"alien"}, "degree": {"phd"}, "years_experience": {"many"}})
	if resp.StatusCode != 422 || !strings.Contains(page, "Required.") || !strings.Contains(page, "whole number") {
		t.Fatalf("profile form: %d", resp.StatusCode)
	}
	// Unknown ids are 404, not 500.
	if resp, _ := f.json(boss, "POST", "/api/v1/organizations/999999/status", `{"status":"approved"}`); resp.StatusCode != 404 {
		t.Fatalf("unknown org: %d", resp.StatusCode)
	}
	if resp, _ := f.json(boss, "POST", "/api/v1/fairs/"+itoa(int(f.fair.ID))+"/sessions", `{"location":"Tokyo","time_zone":"Asia/Tokyo","starts_at":"2017-12-17T10:00","ends_at":"2017-12-17T09:00"}`); resp.StatusCode != 422 {
		t.Fatalf("inverted session: %d", resp.StatusCode)
	}
}

// TestLoginThrottle: after five wrong passwords the account is locked for
// the window even with the right password; the lock lives in the database.
// The back-off is long, so a slow machine's five attempts do not outlast it.
func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	lim := session.DefaultLimits()
	lim.Account.Backoff = time.Hour
	f := newFixtureWith(t, storetest.SQLite(t), Config{Limits: lim})
	c := f.client("")
	email := f.users[model.RoleTalent].Email
	for i := 0; i < account.MaxFailsAccount; i++ {
		if resp, _ := f.json(c, "POST", "/api/v1/login", `{"email":"`+email+`","password":"wrong password!"}`); resp.StatusCode != 401 {
			t.Fatalf("attempt %d: %d", i, resp.StatusCode)
		}
	}
	resp, body := f.json(c, "POST", "/api/v1/login", `{"email":"`+email+`","password":"`+testPassword+`"}`)
	if resp.StatusCode != 429 {
		t.Fatalf("after %d failures: %d %s", account.MaxFailsAccount, resp.StatusCode, body)
	}
	// Another account from the same address is not locked yet.
	if resp, _ := f.json(c, "POST", "/api/v1/login", `{"email":"judge@test.example","password":"`+testPassword+`"}`); resp.StatusCode != 200 {
		t.Fatalf("other account: %d", resp.StatusCode)
	}
}

// TestOrganizerSetUp builds an edition through the pages, as an organizer
// would: edition, venue, video fair, remote session in Tokyo time.
func TestOrganizerSetUp(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	c := f.client(model.RoleOrganizer)
	resp, body := f.postForm(c, "/admin/editions", url.Values{"slug": {"ocs-2018"}, "name": {"OCS 2018"}, "name_zh": {"第二十届海交会"},
		"city": {"Guangzhou"}, "start_date": {"2018-12-16"}, "end_date": {"2018-12-17"}, "time_zone": {"Asia/Shanghai"}})
	if resp.StatusCode != 303 {
		t.Fatalf("create edition: %d %s", resp.StatusCode, body)
	}
	loc := resp.Header.Get("Location")
	resp, _ = f.postForm(c, loc+"/venues", url.Values{"name": {"Pazhou Complex"}, "area_m2": {"25000"}})
	if resp.StatusCode != 303 {
		t.Fatalf("venue: %d", resp.StatusCode)
	}
	resp, _ = f.postForm(c, loc+"/fairs", url.Values{"kind": {"video"}, "name": {"Video fair"}})
	if resp.StatusCode != 303 {
		t.Fatalf("fair: %d", resp.StatusCode)
	}
	e, _ := f.db.ListEditions(bg)
	var id int64
	for _, x := range e {
		if x.Slug == "ocs-2018" {
			id = x.ID
		}
	}
	fairs, _ := f.db.ListFairs(bg, id)
	if len(fairs) != 1 {
		t.Fatalf("fairs = %d", len(fairs))
	}
	resp, _ = f.postForm(c, "/admin/fairs/"+itoa(int(fairs[0].ID))+"/sessions", url.Values{"location": {"Tokyo"}, "time_zone": {"Asia/Tokyo"},
		"starts_at": {"2018-12-16T10:00"}, "ends_at": {"2018-12-16T13:00"}})
	if resp.StatusCode != 303 {
		t.Fatalf("session: %d", resp.StatusCode)
	}
	ss, _ := f.db.ListRemoteSessions(bg, fairs[0].ID)
	if len(ss) != 1 || ss[0].StartsAt.UTC().Hour() != 1 {
		t.Fatalf("Tokyo 10:00 should be 01:00 UTC: %+v", ss)
	}
	vs, _ := f.db.ListVenues(bg, id)
	if len(vs) != 1 || vs[0].AreaM2 != 25000 {
		t.Fatalf("venues %+v", vs)
	}
	// Search finds organizations by Chinese name too.
	o := model.Organization{Kind: model.OrgEnterprise, Name: "Guangzhou Pharma", NameZH: "广州医药", Status: model.OrgPending}
	f.db.CreateOrganization(bg, &o)
	_, page := f.do(c, "GET", "/admin/search?q="+url.QueryEscape("医药"), "", "")
	if !strings.Contains(page, "Guangzhou Pharma") {
		t.Fatal("search by Chinese name found nothing")
	}
	orgs, _ := f.db.ListOrganizations(bg, store.OrgFilter{Status: model.OrgPending})
	if len(orgs) != 1 {
		t.Fatalf("pending = %d", len(orgs))
	}
}

// TestApplyOnce: a talent applies; the second time gets the same
// application back; a closed post refuses; only talents may apply.
func TestApplyOnce(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		ent := f.users[model.RoleEnterprise]
		p := model.Post{OrgID: *ent.OrgID, FairID: f.fair.ID, Title: "Data scientist", Skills: []string{"Python"}}
		p.Validate()
		f.db.CreatePost(bg, &p)
		c := f.client(model.RoleTalent)
		path := "/api/v1/posts/" + itoa(int(p.ID)) + "/apply"
		sec, _ := f.srv.deps.Codes.Secret(bg) // a scan shows its token (issue 11)
		resp, body := f.json(c, "POST", path, `{"channel":"scan","token":"`+qr.Token(sec, qr.Post, p.ID)+`"}`)
		if resp.StatusCode != 201 || !strings.Contains(body, `"created":true`) {
			t.Fatalf("first apply: %d %s", resp.StatusCode, body)
		}
		resp, body = f.json(c, "POST", path, `{"channel":"pc"}`)
		if resp.StatusCode != 200 || !strings.Contains(body, `"created":false`) || !strings.Contains(body, `"channel":"scan"`) {
			t.Fatalf("second apply: %d %s", resp.StatusCode, body)
		}
		if resp, _ := f.json(c, "POST", path, `{"channel":"fax"}`); resp.StatusCode != 422 {
			t.Fatalf("bad channel: %d", resp.StatusCode)
		}
		if resp, _ := f.json(c, "POST", "/api/v1/posts/99999/apply", `{"channel":"pc"}`); resp.StatusCode != 404 {
			t.Fatalf("unknown post: %d", resp.StatusCode)
		}
		_, body = f.json(c, "GET", "/api/v1/me/applications", "")
		if strings.Count(body, `"post_id"`) != 1 {
			t.Fatalf("applications: %s", body)
		}
	})
}

// TestEditVenueAndFair: an organizer edits what they created; a fair may
// not point at another edition's venue.
func TestEditVenueAndFair(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	c := f.client(model.RoleOrganizer)
	v := model.Venue{EditionID: f.edition.ID, Name: "Area A"}
	f.db.CreateVenue(bg, &v)
	resp, body := f.json(c, "PUT", "/api/v1/venues/"+itoa(int(v.ID)), `{"name":"Canton Fair Complex","name_zh":"广交会展馆","area_m2":30000}`)
	if resp.StatusCode != 200 || !strings.Contains(body, `"area_m2":30000`) {
		t.Fatalf("venue update: %d %s", resp.StatusCode, body)
	}
	resp, _ = f.postForm(c, "/admin/fairs/"+itoa(int(f.fair.ID)), url.Values{"kind": {"video"}, "name": {"Video fair"}, "venue_id": {itoa(int(v.ID))}})
	if resp.StatusCode != 303 {
		t.Fatalf("fair update: %d", resp.StatusCode)
	}
	got, _ := f.db.Fair(bg, f.fair.ID)
	if got.Name != "Video fair" || got.VenueID == nil || *got.VenueID != v.ID {
		t.Fatalf("fair = %+v", got)
	}
	other := model.Edition{Slug: "ocs-2018", Name: "OCS 2018", City: "GZ", StartDate: f.edition.StartDate, EndDate: f.edition.EndDate, TimeZone: "Asia/Shanghai"}
	f.db.CreateEdition(bg, &other, 0)
	ov := model.Venue{EditionID: other.ID, Name: "Elsewhere"}
	f.db.CreateVenue(bg, &ov)
	if resp, _ := f.json(c, "PUT", "/api/v1/fairs/"+itoa(int(f.fair.ID)), `{"kind":"video","name":"X","venue_id":`+itoa(int(ov.ID))+`}`); resp.StatusCode != 422 {
		t.Fatalf("foreign venue: %d", resp.StatusCode)
	}
	if resp, _ := f.json(c, "PUT", "/api/v1/venues/"+itoa(int(v.ID)), `{"name":"","area_m2":-5}`); resp.StatusCode != 422 {
		t.Fatalf("bad venue: %d", resp.StatusCode)
	}
	if got, _ := f.db.Venue(bg, v.ID); got.Name != "Canton Fair Complex" {
		t.Fatalf("bad update changed the venue: %+v", got)
	}
}

// TestPostViewsCounted: views of a post page and of its API resource are
// counted per channel, phones apart from computers; unknown posts are not.
func TestPostViewsCounted(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	ent := f.users[model.RoleEnterprise]
	p := model.Post{OrgID: *ent.OrgID, FairID: f.fair.ID, Title: "Process engineer"}
	p.Validate()
	f.db.CreatePost(bg, &p)
	c := f.client("")
	path := "/posts/" + itoa(int(p.ID))
	for i := 0; i < 3; i++ {
		f.do(c, "GET", path, "", "")
	}
	req, _ := http.NewRequest("GET", f.ts.URL+path, nil)
	req.Header.Set("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")
	resp, _ := c.Do(req)
	resp.Body.Close()
	f.do(c, "GET", "/api/v1/posts/"+itoa(int(p.ID)), "", "")
	f.do(c, "GET", "/posts/999999", "", "")
	if err := f.srv.FlushVisits(bg); err != nil {
		t.Fatal(err)
	}
	vs, err := f.db.Visits(bg, "post", p.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[model.Channel]int{}
	for _, v := range vs {
		got[v.Channel] += v.Count
	}
	if got[model.ChannelPC] != 4 || got[model.ChannelMobile] != 1 {
		t.Fatalf("visits by channel = %v, want pc 4, mobile 1", got)
	}
	if vs, _ := f.db.Visits(bg, "post", 999999); len(vs) != 0 {
		t.Fatalf("unknown post counted: %+v", vs)
	}
}

// TestChildLists: an edition's venues and fairs and a fair's sessions list
// what exists; an unknown parent is 404, not an empty list.
func TestChildLists(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	c := f.client("")
	eid, fid := itoa(int(f.edition.ID)), itoa(int(f.fair.ID))
	for _, tc := range []struct {
		path, want string
		code       int
	}{
		{"/api/v1/editions/" + eid + "/fairs", `"kind":"video"`, 200},
		{"/api/v1/editions/" + eid + "/venues", `[]`, 200},
		{"/api/v1/fairs/" + fid + "/sessions", `[]`, 200},
		{"/api/v1/editions/999999/fairs", `"not_found"`, 404},
		{"/api/v1/editions/999999/venues", `"not_found"`, 404},
		{"/api/v1/fairs/999999/sessions", `"not_found"`, 404},
		{"/api/v1/fairs/abc/sessions", `"not_found"`, 404},
	} {
		resp, body := f.do(c, "GET", tc.path, "", "")
		if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s, want %d with %s", tc.path, resp.StatusCode, body, tc.code, tc.want)
		}
	}
}

// TestSignOutEndsSessionAtOnce: a signed-out token is refused on the next
// request, even though this server had just resolved it (session.go keeps
// resolved sessions for a few seconds).
func TestSignOutEndsSessionAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	c := f.client(model.RoleTalent)
	if resp, _ := f.json(c, "GET", "/api/v1/me", ""); resp.StatusCode != 200 {
		t.Fatalf("/me = %d", resp.StatusCode)
	}
	u, _ := url.Parse(f.ts.URL)
	stolen := c.Jar.Cookies(u)
	if resp, _ := f.json(c, "POST", "/api/v1/logout", ""); resp.StatusCode != 204 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	again := f.client("")
	again.Jar.SetCookies(u, stolen)
	if resp, _ := f.json(again, "GET", "/api/v1/me", ""); resp.StatusCode != 401 {
		t.Fatalf("the signed-out token still works: /me = %d", resp.StatusCode)
	}
}

package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/session"
)

var bg = context.Background()

func itoa(n int) string { return strconv.Itoa(n) }

// matchJ and rateJ are what the tests read of the matching API's answers.
type matchJ struct {
	PostID   int64    `json:"post_id"`
	TalentID int64    `json:"talent_id"`
	Mutual   bool     `json:"mutual"`
	Matched  []string `json:"matched_skills"`
	Reasons  []struct {
		Text string `json:"text"`
	} `json:"reasons"`
}

// inboxJ and agendaJ: the fields the tests read of an inbox row and an
// agenda item.
type inboxJ struct {
	TalentName string `json:"talent_name"`
}

type agendaJ struct {
	StartsAt time.Time `json:"starts_at"`
	Table    string    `json:"table"`
}

// applyJ, appEventJ and apiError: what the tests read of an application
// answer, its history and an error body.
type applyJ struct {
	Application jsonview.Application `json:"application"`
	Created     bool                 `json:"created"`
}

type appEventJ struct {
	To       string `json:"to"`
	ByUserID int64  `json:"by_user_id"`
}

type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

// meetingRequestJ and runJ: what the tests read of a meeting request and a
// scheduling run.
type meetingRequestJ struct {
	ID int64 `json:"id"`
}

type runJ struct {
	ID       int64             `json:"id"`
	Placed   int               `json:"placed"`
	Unplaced []json.RawMessage `json:"unplaced"`
}

type rateJ struct {
	OpenPosts      int    `json:"open_posts"`
	Talents        int    `json:"talents"`
	MatchedTalents int    `json:"matched_talents"`
	Definition     string `json:"definition"`
}

// fixture is a server over a real database with one account per role.
type fixture struct {
	t        *testing.T
	db       *store.DB
	srv      *Server
	ts       *httptest.Server
	users    map[model.Role]model.User
	edition  model.Edition
	fair     model.Fair
	sessions int
}

const testPassword = "correct horse battery"

var testHash, _ = password.Hash(testPassword)

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	return newFixtureWith(t, db, Config{})
}

// serve starts a server over db with cfg (its logger the test's), closed
// with the test.
func serve(tb testing.TB, db *store.DB, cfg Config) (*Server, *httptest.Server) {
	tb.Helper()
	cfg.Logger = testLogger(tb)
	srv, err := New(db, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	tb.Cleanup(func() { srv.Close() }) // flush counted visits before the database closes
	return srv, ts
}

// onEachStore runs fn on a fresh fixture on each database.
func onEachStore(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) { fn(t, newFixture(t, b.Open(t))) })
	}
}

// makeCurrent makes the fixture's edition the current one.
func (f *fixture) makeCurrent() {
	f.t.Helper()
	f.edition.Current = true
	if err := f.db.UpdateEdition(bg, &f.edition, 0); err != nil {
		f.t.Fatal(err)
	}
}

// newFixtureWith is newFixture on a server with cfg (its logger the test's).
func newFixtureWith(t *testing.T, db *store.DB, cfg Config) *fixture {
	t.Helper()
	srv, ts := serve(t, db, cfg)
	f := &fixture{t: t, db: db, srv: srv, ts: ts, users: map[model.Role]model.User{}}
	f.seed()
	return f
}

func (f *fixture) seed() {
	t, db := f.t, f.db
	f.edition = model.Edition{Slug: "ocs-2017", Name: "OCS 2017", NameZH: "第十九届海交会", City: "Guangzhou",
		StartDate: time.Date(2017, 12, 17, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2017, 12, 18, 0, 0, 0, 0, time.UTC), TimeZone: "Asia/Shanghai"}
	if err := db.CreateEdition(bg, &f.edition, 0); err != nil {
		t.Fatal(err)
	}
	f.fair = model.Fair{EditionID: f.edition.ID, Kind: model.FairVideo, Name: "Video job fair"}
	db.CreateFair(bg, &f.fair)
	for _, role := range model.Roles {
		u := model.User{Email: string(role) + "@test.example", Name: "The " + string(role), Role: role, Locale: "en"}
		if role == model.RoleEnterprise || role == model.RoleDelegation {
			kind := model.OrgEnterprise
			if role == model.RoleDelegation {
				kind = model.OrgDelegation
			}
			o := model.Organization{Kind: kind, Name: "Org " + string(role), Status: model.OrgApproved, Province: "Guangdong"}
			if err := db.CreateOrganization(bg, &o); err != nil {
				t.Fatal(err)
			}
			u.OrgID = &o.ID
		}
		if role == model.RoleTalent {
			r := &model.Registration{Email: u.Email, Name: u.Name, Password: testPassword, Role: role, Locale: "en"}
			var err error
			if u, err = db.Register(bg, r, testHash); err != nil {
				t.Fatal(err)
			}
		} else if err := db.CreateUser(bg, &u, testHash); err != nil {
			t.Fatal(err)
		}
		f.users[role] = u
	}
}

// client returns an HTTP client signed in as role ("" for anonymous). It
// does not follow redirects, so tests see them.
func (f *fixture) client(role model.Role) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if role != "" {
		f.sessions++
		tok := fmt.Sprintf("test-session-token-for-%s-%d-0123456789", role, f.sessions)
		if err := f.db.CreateSession(bg, session.Hash(tok), f.users[role].ID, time.Hour); err != nil {
			f.t.Fatal(err)
		}
		u, _ := url.Parse(f.ts.URL)
		jar.SetCookies(u, []*http.Cookie{{Name: session.Cookie, Value: tok}})
	}
	return c
}

func (f *fixture) do(c *http.Client, method, path, ctype, body string) (*http.Response, string) {
	f.t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+path, strings.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return f.send(c, req)
}

// send sends req and reads the whole answer.
func (f *fixture) send(c *http.Client, req *http.Request) (*http.Response, string) {
	f.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// delegationOf adds an approved delegation of province.
func (f *fixture) delegationOf(province string) model.Organization {
	f.t.Helper()
	o := model.Organization{Kind: model.OrgDelegation, Name: "Delegation of " + province, Province: province, Status: model.OrgApproved}
	if err := f.db.CreateOrganization(bg, &o); err != nil {
		f.t.Fatal(err)
	}
	return o
}

func (f *fixture) postForm(c *http.Client, path string, v url.Values) (*http.Response, string) {
	return f.do(c, "POST", path, "application/x-www-form-urlencoded", v.Encode())
}

func (f *fixture) json(c *http.Client, method, path, body string) (*http.Response, string) {
	return f.do(c, method, path, "application/json", body)
}

// doLang gets a page as an anonymous visitor whose browser prefers lang.
func (f *fixture) doLang(c *http.Client, path, lang string) (*http.Response, string) {
	f.t.Helper()
	req, _ := http.NewRequest("GET", f.ts.URL+path, nil)
	req.Header.Set("Accept-Language", lang)
	return f.send(c, req)
}

// setLocale switches the signed-in client's language the way the user does
// (changed in the database directly, a session this server has resolved in
// the last few seconds would keep the old one: session.go).
func (f *fixture) setLocale(c *http.Client, lang string) {
	f.t.Helper()
	if resp, body := f.json(c, "PUT", "/api/v1/me/locale", `{"locale":"`+lang+`"}`); resp.StatusCode != 200 {
		f.t.Fatalf("set locale: %d %s", resp.StatusCode, body)
	}
}

const (
	organizer  = model.RoleOrganizer
	enterprise = model.RoleEnterprise
	delegation = model.RoleDelegation
	talent     = model.RoleTalent
)

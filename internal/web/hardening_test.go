package web

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/session"
)

// Issue 11 (hardening), over HTTP, on both databases where one is involved.

// behindProxy is a server that trusts 127.0.0.0/8 as its load balancer, as
// the README's deployment has, with cfg's other settings.
func behindProxy(t *testing.T, db *store.DB, cfg Config) *httptest.Server {
	t.Helper()
	p, _ := request.ParseProxies("127.0.0.0/8")
	cfg.TrustedProxies, cfg.Logger = p, testLogger(t)
	srv, err := New(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Cleanup(func() { srv.Close() })
	return ts
}

func newJar() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func send(t *testing.T, c *http.Client, method, u, ctype, body string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	resp.Body.Close()
	return resp, b.String()
}

// TestSignInThrottle: attempts are counted before the password is hashed
// (40 concurrent wrong passwords are not all checked: item 2); a stranger's
// wrong passwords, from many addresses behind the load balancer, neither
// lock the owner's known browser out nor the other clients of the proxy
// (item 3).
func TestSignInThrottle(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			// A long back-off, so what is checked does not depend on how
			// long the hashing takes.
			lim := session.DefaultLimits()
			lim.Account.Backoff = 10 * time.Minute
			ts := behindProxy(t, db, Config{Limits: lim})
			owner := newJar()
			login := func(c *http.Client, pw, client string) int {
				resp, _ := send(t, c, "POST", ts.URL+"/api/v1/login", "application/json",
					`{"email":"li@example.com","password":"`+pw+`"}`, "X-Forwarded-For", client)
				return resp.StatusCode
			}
			reg := &model.Registration{Email: "li@example.com", Name: "Li", Password: testPassword, Role: model.RoleTalent}
			reg.Validate()
			if _, err := db.Register(bg, reg, testHash); err != nil {
				t.Fatal(err)
			}
			// The owner signs in once from their laptop: a known browser.
			if code := login(owner, testPassword, "198.51.100.1"); code != 200 {
				t.Fatalf("owner's first sign-in: %d", code)
			}
			// 40 wrong passwords at once, from 40 addresses.
			var wg sync.WaitGroup
			codes := make([]int, 40)
			for i := range codes {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[i] = login(newJar(), "wrong password!", fmt.Sprintf("203.0.113.%d", i+1))
				}()
			}
			wg.Wait()
			checked := 0
			for _, c := range codes {
				switch c {
				case 401:
					checked++
				case 429:
				default:
					t.Fatalf("wrong password answered %d", c)
				}
			}
			if checked > session.DefaultLimits().Account.Free {
				t.Fatalf("%d of 40 concurrent wrong passwords were checked, want at most %d", checked, session.DefaultLimits().Account.Free)
			}
			// The stranger is held back, the owner's known browser is not.
			if code := login(newJar(), testPassword, "203.0.113.200"); code != 429 {
				t.Fatalf("right password from a new browser during back-off: %d, want 429", code)
			}
			if code := login(owner, testPassword, "198.51.100.1"); code != 200 {
				t.Fatalf("owner locked out by a stranger: %d", code)
			}
			// Per-address limits key on the real client, not the proxy: one
			// client spending its attempts does not lock the next out.
			other := &model.Registration{Email: "wang@example.com", Name: "Wang", Password: testPassword, Role: model.RoleTalent}
			other.Validate()
			db.Register(bg, other, testHash)
			for range session.DefaultLimits().Address.Free + 1 {
				send(t, newJar(), "POST", ts.URL+"/api/v1/login", "application/json", `{"email":"nobody@example.com","password":"x"}`, "X-Forwarded-For", "192.0.2.66")
			}
			if resp, _ := send(t, newJar(), "POST", ts.URL+"/api/v1/login", "application/json", `{"email":"nobody@example.com","password":"x"}`, "X-Forwarded-For", "192.0.2.66"); resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
				t.Fatalf("address over its limit: %d", resp.StatusCode)
			}
			resp, _ := send(t, newJar(), "POST", ts.URL+"/api/v1/login", "application/json", `{"email":"wang@example.com","password":"`+testPassword+`"}`, "X-Forwarded-For", "192.0.2.67")
			if resp.StatusCode != 200 {
				t.Fatalf("another client behind the same proxy: %d", resp.StatusCode)
			}
		})
	}
}

// TestRegistrationFlood: a burst of sign-ups from one address is cut at the
// per-address limit before any password is hashed (item 4).
func TestRegistrationFlood(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			ts := behindProxy(t, db, Config{})
			n := 30
			codes := make([]int, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					resp, _ := send(t, newJar(), "POST", ts.URL+"/api/v1/register", "application/json",
						fmt.Sprintf(`{"email":"bot%d@example.com","name":"Bot","password":"0123456789ab","role":"talent"}`, i), "X-Forwarded-For", "203.0.113.9")
					codes[i] = resp.StatusCode
				}()
			}
			wg.Wait()
			created := 0
			for _, c := range codes {
				if c == 201 {
					created++
				} else if c != 429 {
					t.Fatalf("registration answered %d", c)
				}
			}
			if want := session.DefaultLimits().RegisterAddress.Free; created != want {
				t.Fatalf("%d of %d registrations from one address created, want %d", created, n, want)
			}
			resp, _ := send(t, newJar(), "POST", ts.URL+"/api/v1/register", "application/json",
				`{"email":"human@example.com","name":"Human","password":"0123456789ab","role":"talent"}`, "X-Forwarded-For", "198.51.100.50")
			if resp.StatusCode != 201 {
				t.Fatalf("registration from another address: %d", resp.StatusCode)
			}
		})
	}
}

// TestOpenRedirect: the sign-in form's next keeps the user on this site (item 5).
func TestOpenRedirect(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	for _, next := range []string{"/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/\r\n/evil.example"} {
		resp, _ := f.postForm(newJar(), "/login", url.Values{"email": {"talent@test.example"}, "password": {testPassword}, "next": {next}})
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/me" {
			t.Errorf("next %q: %d → %q", next, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

// TestSignOutEverywhere: sign out everywhere and a password change end the
// user's other sessions at once, on this instance and on another one over
// the same database (item 6).
func TestSignOutEverywhere(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		other := f.ts // a second instance on PostgreSQL, where there can be several
		if db.Dialect() == "postgres" {
			other = behindProxy(t, db, Config{})
		}
		signIn := func(pw string) *http.Client {
			c := newJar()
			if resp, body := send(t, c, "POST", f.ts.URL+"/api/v1/login", "application/json", `{"email":"talent@test.example","password":"`+pw+`"}`); resp.StatusCode != 200 {
				t.Fatalf("sign in: %d %s", resp.StatusCode, body)
			}
			return c
		}
		me := func(c *http.Client, base string) int {
			// The cookie was set for f.ts's host; both servers are on 127.0.0.1.
			resp, _ := send(t, c, "GET", base+"/api/v1/me", "", "")
			return resp.StatusCode
		}
		phone, laptop := signIn(testPassword), signIn(testPassword)
		if me(laptop, other.URL) != 200 || me(laptop, f.ts.URL) != 200 {
			t.Fatal("laptop not signed in")
		}
		if resp, _ := send(t, phone, "POST", f.ts.URL+"/api/v1/me/logout-all", "", ""); resp.StatusCode != 204 {
			t.Fatalf("logout-all: %d", resp.StatusCode)
		}
		if me(laptop, other.URL) != 401 || me(laptop, f.ts.URL) != 401 || me(phone, f.ts.URL) != 401 {
			t.Fatal("a session survived sign out everywhere")
		}
		// Password change: the other sessions end, this one stays.
		phone, laptop = signIn(testPassword), signIn(testPassword)
		me(laptop, other.URL)
		if resp, body := send(t, phone, "PUT", f.ts.URL+"/api/v1/me/password", "application/json", `{"current_password":"wrong one","new_password":"a new long password"}`); resp.StatusCode != 422 {
			t.Fatalf("wrong current password: %d %s", resp.StatusCode, body)
		}
		if resp, body := send(t, phone, "PUT", f.ts.URL+"/api/v1/me/password", "application/json", `{"current_password":"`+testPassword+`","new_password":"a new long password"}`); resp.StatusCode != 204 {
			t.Fatalf("change password: %d %s", resp.StatusCode, body)
		}
		if me(laptop, other.URL) != 401 || me(phone, f.ts.URL) != 200 {
			t.Fatal("sessions after a password change: the laptop's should end, the phone's stay")
		}
		if resp, _ := send(t, newJar(), "POST", f.ts.URL+"/api/v1/login", "application/json", `{"email":"talent@test.example","password":"`+testPassword+`"}`); resp.StatusCode != 401 {
			t.Fatalf("old password still works: %d", resp.StatusCode)
		}
		signIn("a new long password")
		// The pages: reachable from the profile, and working as forms.
		_, body := f.do(phone, "GET", "/me/profile", "", "")
		if !strings.Contains(body, `href="/me/security"`) {
			t.Fatal("no link to the security page from the profile")
		}
		if resp, body := f.do(phone, "GET", "/me/security", "", ""); resp.StatusCode != 200 || !strings.Contains(body, `action="/me/signout-all"`) || !strings.Contains(body, `action="/me/password"`) {
			t.Fatalf("security page: %d", resp.StatusCode)
		}
		if resp, _ := f.postForm(phone, "/me/signout-all", url.Values{}); resp.StatusCode != 303 || me(phone, f.ts.URL) != 401 {
			t.Fatalf("sign out everywhere from the page: %d", resp.StatusCode)
		}
	})
}

// TestRejectedOrganization: rejecting (or suspending) an approved
// enterprise closes its posts, refuses new applications and cuts its access
// to personal data, saying why; a pending one cannot print QR codes or ask
// for meetings, and an approved one cannot rename itself (items 7, 8).
func TestRejectedOrganization(t *testing.T) {
	t.Parallel()
	onEachFair(t, func(t *testing.T, f *fairFixture) {
		ent := f.client(model.RoleEnterprise)
		resp, body := f.json(ent, "POST", "/api/v1/posts", `{"fair_id":`+itoa(int(f.fair.ID))+`,"title":"Robot vision engineer","headcount":1}`)
		if resp.StatusCode != 201 {
			t.Fatalf("create: %d %s", resp.StatusCode, body)
		}
		pid := itoa(int(decode[jsonview.Post](t, body).ID))
		tal := f.client(model.RoleTalent)
		resp, body = f.json(tal, "POST", "/api/v1/posts/"+pid+"/apply", `{"channel":"pc"}`)
		if resp.StatusCode != 201 {
			t.Fatalf("apply: %d %s", resp.StatusCode, body)
		}
		app := itoa(int(decode[applyJ](t, body).Application.ID))
		tid := itoa(int(f.users[model.RoleTalent].TalentID))
		if t0, err := f.db.TalentByUser(bg, f.users[model.RoleTalent].ID); err == nil {
			tid = itoa(int(t0.ID))
			if err := f.db.SaveCV(bg, &model.CV{TalentID: t0.ID, Name: "cv.pdf", Content: []byte(testPDF)}); err != nil {
				t.Fatal(err)
			}
		}
		private := []string{"/inbox", "/inbox/" + app, "/api/v1/inbox", "/api/v1/applications/" + app + "/events", "/cv/" + tid,
			"/posts/" + pid + "/candidates", "/api/v1/posts/" + pid + "/candidates", "/exports/applications.xlsx", "/api/v1/posts/" + pid + "/applications"}
		for _, p := range private {
			if resp, _ := f.do(ent, "GET", p, "", ""); resp.StatusCode != 200 {
				t.Fatalf("approved: GET %s = %d", p, resp.StatusCode)
			}
		}
		org := *f.users[model.RoleEnterprise].OrgID
		boss := f.client(model.RoleOrganizer)
		if resp, body := f.json(boss, "POST", "/api/v1/organizations/"+itoa(int(org))+"/status", `{"status":"rejected"}`); resp.StatusCode != 200 {
			t.Fatalf("reject: %d %s", resp.StatusCode, body)
		}
		for _, p := range private {
			resp, body := f.do(ent, "GET", p, "", "")
			if resp.StatusCode != 403 || !strings.Contains(body, "rejected or suspended") {
				t.Errorf("rejected: GET %s = %d", p, resp.StatusCode)
			}
		}
		if resp, body := f.do(ent, "GET", "/org", "", ""); resp.StatusCode != 200 || !strings.Contains(body, `id="org-status-note"`) {
			t.Errorf("org page does not say why: %d", resp.StatusCode)
		}
		if p, _ := f.db.Post(bg, decode[jsonview.Post](t, `{"id":`+pid+`}`).ID); p.Status != model.PostClosed {
			t.Errorf("post stayed %s", p.Status)
		}
		other := f.client(model.RoleOrganizer) // organizers keep their access
		if resp, _ := f.do(other, "GET", "/inbox/"+app, "", ""); resp.StatusCode != 200 {
			t.Errorf("organizer: %d", resp.StatusCode)
		}
		u := storetest.MustRegister(t, f.db, "late@example.com", model.RoleTalent)
		lt, _ := f.db.TalentByUser(bg, u.ID)
		if _, _, err := f.db.Apply(bg, lt.ID, decode[jsonview.Post](t, `{"id":`+pid+`}`).ID, model.ChannelPC); model.ErrorCode(err) != model.Conflict {
			t.Errorf("apply after rejection: %v", err)
		}

		// Pending: no QR, no meeting requests.
		if resp, body := f.json(boss, "POST", "/api/v1/organizations/"+itoa(int(org))+"/status", `{"status":"pending"}`); resp.StatusCode != 200 {
			t.Fatalf("pending: %d %s", resp.StatusCode, body)
		}
		for _, c := range []struct{ method, path, body string }{
			{"GET", "/org/qr", ""}, {"GET", "/qr/orgs/" + itoa(int(org)), ""},
			{"POST", "/api/v1/meetings/requests", `{"kind":"interview","application_id":` + app + `}`},
		} {
			if resp, body := f.json(ent, c.method, c.path, c.body); resp.StatusCode != 403 || !strings.Contains(body, "awaiting") {
				t.Errorf("pending: %s %s = %d %s", c.method, c.path, resp.StatusCode, body)
			}
		}
		if resp, _ := f.do(ent, "GET", "/org", "", ""); resp.StatusCode != 200 {
			t.Errorf("pending: own profile %d", resp.StatusCode)
		}
		// Approved: the name is the one reviewed.
		f.json(boss, "POST", "/api/v1/organizations/"+itoa(int(org))+"/status", `{"status":"approved"}`)
		if resp, body := f.json(ent, "PUT", "/api/v1/org", `{"name":"Totally Different Ltd","province":"Guangdong"}`); resp.StatusCode != 422 || !strings.Contains(body, `"name"`) {
			t.Errorf("rename after approval: %d %s", resp.StatusCode, body)
		}
	})
}

// TestInboxGetIsSafe: opening an application changes nothing; the page
// offers "mark as viewed" as a POST (item 9).
func TestInboxGetIsSafe(t *testing.T) {
	t.Parallel()
	onEachFair(t, func(t *testing.T, f *fairFixture) {
		ent := f.client(model.RoleEnterprise)
		_, body := f.json(ent, "POST", "/api/v1/posts", `{"fair_id":`+itoa(int(f.fair.ID))+`,"title":"Engineer","headcount":1}`)
		pid := itoa(int(decode[jsonview.Post](t, body).ID))
		_, body = f.json(f.client(model.RoleTalent), "POST", "/api/v1/posts/"+pid+"/apply", `{"channel":"pc"}`)
		app := decode[applyJ](t, body).Application.ID
		path := "/inbox/" + itoa(int(app))
		for range 2 {
			resp, body := f.do(ent, "GET", path, "", "")
			if resp.StatusCode != 200 || !strings.Contains(body, `id="app-viewed"`) {
				t.Fatalf("page: %d", resp.StatusCode)
			}
		}
		if a, _ := f.db.Application(bg, app); a.Status != model.AppApplied {
			t.Fatalf("GET moved the application to %s", a.Status)
		}
		if n, _ := f.db.Notifications(bg, f.users[model.RoleTalent].ID, 10); len(n) != 0 {
			t.Fatalf("GET notified the talent: %+v", n)
		}
		resp, _ := f.postForm(ent, "/inbox/status", url.Values{"id": {itoa(int(app))}, "status": {"viewed"}, "next": {path}})
		if a, _ := f.db.Application(bg, app); resp.StatusCode != 303 || a.Status != model.AppViewed {
			t.Fatalf("mark as viewed: %d %s", resp.StatusCode, a.Status)
		}
	})
}

// TestBadTextRefused: a NUL byte (or a control character, or invalid
// UTF-8) in any filter, form or JSON field is a 422 naming the field, on
// both databases (item 10); PostgreSQL answered 500.
func TestBadTextRefused(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		boss, ent := f.client(model.RoleOrganizer), f.client(model.RoleEnterprise)
		for _, c := range []struct {
			c     *http.Client
			path  string
			field string
		}{
			{f.client(""), "/api/v1/posts/search?industry=%00", "industry"},
			{f.client(""), "/api/v1/posts/search?city=a%00b", "city"},
			{f.client(""), "/posts?q=%00", "q"},
			{f.client(""), "/posts?city=%ff", "city"},
			{boss, "/api/v1/organizations?q=%00", "q"},
			{boss, "/admin/orgs?q=%00", "q"},
			{ent, "/api/v1/inbox?status=%00", "status"},
		} {
			resp, body := f.do(c.c, "GET", c.path, "", "")
			// The API names the field; a page says what to correct.
			if resp.StatusCode != 422 || strings.HasPrefix(c.path, "/api/") && !strings.Contains(body, `"`+c.field+`":"`) {
				t.Errorf("GET %s: %d %s", c.path, resp.StatusCode, body)
			}
		}
		resp, body := f.json(f.client(""), "POST", "/api/v1/register", `{"email":"x@example.com","name":"Li\u0000","password":"0123456789ab","role":"talent"}`)
		if resp.StatusCode != 422 || !strings.Contains(body, `"name"`) {
			t.Errorf("JSON: %d %s", resp.StatusCode, body)
		}
		resp, body = f.postForm(f.client(""), "/login", url.Values{"email": {"a\x00@example.com"}, "password": {"x"}})
		if resp.StatusCode != 422 {
			t.Errorf("form: %d %s", resp.StatusCode, body)
		}
		resp, _ = f.postForm(f.client(model.RoleTalent), "/me/profile", url.Values{"name": {"Li\x00"}, "category": {"overseas"}, "degree": {"none"}})
		if resp.StatusCode != 422 {
			t.Errorf("profile form: %d", resp.StatusCode)
		}
	})
}

// TestPrivateAnswers: signed-in answers are not cached; HSTS with Secure
// cookies; a CV's file name is made safe; channel scan needs the scanned
// token; invisible names are refused (item 11).
func TestPrivateAnswers(t *testing.T) {
	t.Parallel()
	f := newFairFixture(t, storetest.SQLite(t))
	ent := f.client(model.RoleEnterprise)
	for _, p := range []string{"/inbox", "/api/v1/inbox", "/me", "/api/v1/me"} {
		if resp, _ := f.do(ent, "GET", p, "", ""); resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q", p, resp.Header.Get("Cache-Control"))
		}
	}
	if resp, _ := f.do(f.client(""), "GET", "/", "", ""); resp.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS over plain HTTP")
	}
	secure := behindProxy(t, f.db, Config{SecureCookies: true})
	if resp, _ := send(t, newJar(), "GET", secure.URL+"/", "", ""); !strings.Contains(resp.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Error("no HSTS with Secure cookies")
	}

	_, body := f.json(ent, "POST", "/api/v1/posts", `{"fair_id":`+itoa(int(f.fair.ID))+`,"title":"Engineer","headcount":1}`)
	post := decode[jsonview.Post](t, body).ID
	tal := f.client(model.RoleTalent)
	if resp, body := f.json(tal, "POST", "/api/v1/posts/"+itoa(int(post))+"/apply", `{"channel":"scan"}`); resp.StatusCode != 422 || !strings.Contains(body, `"token"`) {
		t.Errorf("scan without a token: %d %s", resp.StatusCode, body)
	}
	sec, _ := f.srv.deps.Codes.Secret(bg)
	if resp, body := f.json(tal, "POST", "/api/v1/posts/"+itoa(int(post))+"/apply", `{"channel":"scan","token":"`+qr.Token(sec, qr.Post, post+1)+`"}`); resp.StatusCode != 422 {
		t.Errorf("scan with another post's token: %d %s", resp.StatusCode, body)
	}
	if resp, body := f.json(tal, "POST", "/api/v1/posts/"+itoa(int(post))+"/apply", `{"channel":"scan","token":"`+qr.Token(sec, qr.Post, post)+`"}`); resp.StatusCode != 201 {
		t.Errorf("scan with its token: %d %s", resp.StatusCode, body)
	}
	tt, _ := f.db.TalentByUser(bg, f.users[model.RoleTalent].ID)
	if err := f.db.SaveCV(bg, &model.CV{TalentID: tt.ID, Name: "cv\u202efdp.html", Content: []byte(testPDF)}); err != nil {
		t.Fatal(err)
	}
	resp, _ := f.do(ent, "GET", "/cv/"+itoa(int(tt.ID)), "", "")
	cd := resp.Header.Get("Content-Disposition")
	if resp.StatusCode != 200 || !strings.Contains(cd, `filename="cv-`+itoa(int(tt.ID))+`.pdf"`) || !strings.HasSuffix(cd, "cvfdp_html.pdf") || strings.Contains(cd, "%E2%80%AE") {
		t.Errorf("CV download: %d %q", resp.StatusCode, cd)
	}
	resp, body = f.json(f.client(""), "POST", "/api/v1/register", `{"email":"ghost@example.com","name":"\u200b\u200d\u2066","password":"0123456789ab","role":"talent"}`)
	if resp.StatusCode != 422 || !strings.Contains(body, `"name"`) {
		t.Errorf("invisible name: %d %s", resp.StatusCode, body)
	}
}

// TestMetricsNotPublic: /metrics is off the public listener unless a
// bearer token is configured, and on the metrics handler (item 12).
func TestMetricsNotPublic(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	if resp, _ := f.do(f.client(""), "GET", "/metrics", "", ""); resp.StatusCode != 404 {
		t.Errorf("public /metrics: %d", resp.StatusCode)
	}
	if resp, _ := f.do(f.client(model.RoleOrganizer), "GET", "/metrics", "", ""); resp.StatusCode != 404 {
		t.Errorf("public /metrics for an organizer: %d", resp.StatusCode)
	}
	rec := httptest.NewRecorder()
	f.srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "convene_http_requests_total") {
		t.Errorf("metrics listener: %d", rec.Code)
	}
	ts := behindProxy(t, f.db, Config{MetricsToken: "s3cret-token"})
	for tok, want := range map[string]int{"": 401, "Bearer wrong": 401, "Bearer s3cret-token": 200} {
		var hdr []string
		if tok != "" {
			hdr = []string{"Authorization", tok}
		}
		if resp, _ := send(t, newJar(), "GET", ts.URL+"/metrics", "", "", hdr...); resp.StatusCode != want {
			t.Errorf("/metrics with %q: %d, want %d", tok, resp.StatusCode, want)
		}
	}
}

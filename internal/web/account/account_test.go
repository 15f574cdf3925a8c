package account

import (
	"context"
	"encoding/json"
	"github.com/convene/convene/internal/store/storetest"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/area/areatest"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/session"
)

// testServer serves the area's routes over an in-memory database, with
// sessions resolved and access checked as the server does.
// slowLimits are the default limits with a back-off of an hour, so a test
// on a busy machine (argon2id under -race takes seconds) still finds the
// account throttled when its next attempt comes.
func slowLimits() session.Limits {
	l := session.DefaultLimits()
	l.Account.Backoff = time.Hour
	return l
}

func testServer(t *testing.T) (*httptest.Server, *notify.Bus) {
	t.Helper()
	db := storetest.SQLite(t)
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	// The account's own keys are in the core catalog the server adds.
	rd := areatest.Renderer(t, log, area.Parts{Catalog: recview.Catalog, Templates: recview.Templates}, area.Parts{Templates: Parts.Templates})
	bus := &notify.Bus{}
	rec := recommend.New(db, recommend.Options{})
	d := &area.Deps{DB: db, Render: rd, Log: log, Notify: bus, Match: rec,
		Sessions: session.NewWith(db, log, session.Options{TTL: time.Hour, Limits: slowLimits()}), Suggest: recommend.NewSuggester(rec, db, bus, log)}
	mux := http.NewServeMux()
	for _, rt := range New(d).Routes() {
		mux.HandleFunc(rt.Pattern, func(w http.ResponseWriter, r *http.Request) {
			if !rt.Access.Allows(request.User(r)) {
				w.WriteHeader(http.StatusForbidden)
				return
			}
			rt.Handle(w, r)
		})
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := &request.Info{ID: "t", Locale: "en"}
		d.Sessions.Load(r, ri)
		mux.ServeHTTP(w, request.With(r, ri))
	}))
	t.Cleanup(ts.Close)
	return ts, bus
}

func TestTalentJourney(t *testing.T) {
	ts, bus := testServer(t)
	var saved []notify.TalentSaved
	bus.Subscribe(func(_ context.Context, e notify.Event) {
		if e, ok := e.(notify.TalentSaved); ok {
			saved = append(saved, e)
		}
	})
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(t *testing.T, method, path, body string, want int) string {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != want {
			t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, b)
		}
		return string(b)
	}

	t.Run("home without an edition", func(t *testing.T) {
		do(t, "GET", "/", "", http.StatusOK)
	})
	t.Run("signed out", func(t *testing.T) {
		do(t, "GET", "/api/v1/me", "", http.StatusForbidden)
		do(t, "GET", "/login", "", http.StatusOK)
		do(t, "GET", "/register?role=enterprise", "", http.StatusOK)
	})
	t.Run("register", func(t *testing.T) {
		body := do(t, "POST", "/api/v1/register", `{"email":"ana@test.example","name":"Ana","password":"correct horse battery","role":"talent"}`, http.StatusCreated)
		var u struct{ Email, Role string }
		if err := json.Unmarshal([]byte(body), &u); err != nil || u.Email != "ana@test.example" || u.Role != "talent" {
			t.Fatalf("register: %s (%v)", body, err)
		}
		do(t, "GET", "/api/v1/me", "", http.StatusOK)
	})
	t.Run("profile save publishes TalentSaved", func(t *testing.T) {
		body := do(t, "PUT", "/api/v1/me/profile", `{"name":"Ana","category":"overseas","degree":"master","discipline":"CS","skills":["go"],"languages":["en"],"years_experience":3,"intent_china":"yes"}`, http.StatusOK)
		if !strings.Contains(body, `"degree":"master"`) {
			t.Fatalf("profile: %s", body)
		}
		if len(saved) != 1 || saved[0].Talent.Degree != "master" {
			t.Fatalf("TalentSaved events: %+v", saved)
		}
		do(t, "PUT", "/api/v1/me/profile", `{"name":"","degree":"nope"}`, http.StatusUnprocessableEntity)
		if len(saved) != 1 {
			t.Fatalf("a refused save published: %+v", saved)
		}
	})
	t.Run("pages", func(t *testing.T) {
		if page := do(t, "GET", "/me", "", http.StatusOK); !strings.Contains(page, `id="recommendations"`) || !strings.Contains(page, `id="notifications"`) {
			t.Fatalf("dashboard lacks its sections: %s", page)
		}
		if page := do(t, "GET", "/me/profile", "", http.StatusOK); !strings.Contains(page, `value="CS"`) {
			t.Fatalf("profile form not filled: %s", page)
		}
		do(t, "GET", "/me/applications", "", http.StatusOK)
		if body := do(t, "GET", "/api/v1/me/applications", "", http.StatusOK); strings.TrimSpace(body) != "[]" {
			t.Fatalf("applications: %s", body)
		}
		if body := do(t, "GET", "/api/v1/me/notifications", "", http.StatusOK); strings.TrimSpace(body) != "[]" {
			t.Fatalf("notifications: %s", body)
		}
		do(t, "GET", "/org", "", http.StatusForbidden)
	})
	t.Run("locale", func(t *testing.T) {
		if body := do(t, "PUT", "/api/v1/me/locale", `{"locale":"zh"}`, http.StatusOK); !strings.Contains(body, `"locale":"zh"`) {
			t.Fatalf("locale: %s", body)
		}
	})
	t.Run("sign out and back in", func(t *testing.T) {
		do(t, "POST", "/api/v1/logout", "", http.StatusNoContent)
		do(t, "GET", "/api/v1/me", "", http.StatusForbidden)
		do(t, "POST", "/api/v1/login", `{"email":"ana@test.example","password":"wrong password!"}`, http.StatusUnauthorized)
		res, err := c.PostForm(ts.URL+"/login", url.Values{"email": {"ana@test.example"}, "password": {"correct horse battery"}, "next": {"/me/profile"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/profile" {
			t.Fatalf("login: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		do(t, "GET", "/api/v1/me/profile", "", http.StatusOK)
	})
}

// TestSignInThrottle: the sixth wrong password for an account in the
// window is refused before the password is checked, even a right one.
func TestSignInThrottle(t *testing.T) {
	ts, _ := testServer(t)
	post := func(body string) int {
		res, err := http.Post(ts.URL+"/api/v1/login", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post(`{"email":"bo@test.example","password":"whatever"}`); got != http.StatusUnauthorized {
		t.Fatalf("unknown account: %d, want 401", got)
	}
	res, err := http.Post(ts.URL+"/api/v1/register", "application/json", strings.NewReader(`{"email":"bo@test.example","name":"Bo","password":"correct horse battery","role":"talent"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for range MaxFailsAccount - 2 {
		post(`{"email":"bo@test.example","password":"wrong"}`)
	}
	if got := post(`{"email":"bo@test.example","password":"wrong"}`); got != http.StatusUnauthorized {
		t.Fatalf("fifth failure: %d, want 401", got)
	}
	if got := post(`{"email":"bo@test.example","password":"correct horse battery"}`); got != http.StatusTooManyRequests {
		t.Fatalf("after %d failures: %d, want 429", MaxFailsAccount, got)
	}
}

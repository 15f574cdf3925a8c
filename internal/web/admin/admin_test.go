package admin

import (
	"context"
	"encoding/json"
	"github.com/convene/convene/internal/store/storetest"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/area/areatest"
	"github.com/convene/convene/internal/web/request"
)

// testServer serves the area's routes over an in-memory database, every
// request made by an organizer (access is the server's job, tested there).
func testServer(t *testing.T) (*httptest.Server, *store.DB) {
	t.Helper()
	ctx := context.Background()
	db := storetest.SQLite(t)
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	rd := areatest.Renderer(t, log, area.Parts{Templates: Parts.Templates}) // its keys are in the core catalog
	u := model.User{Email: "org@test.example", Name: "Organizer", Role: model.RoleOrganizer, Locale: "en"}
	if err := db.CreateUser(ctx, &u, "x"); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for _, rt := range New(&area.Deps{DB: db, Render: rd, Log: log}).Routes() {
		mux.Handle(rt.Pattern, rt.Handle)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, request.With(r, &request.Info{ID: "t", User: &u, Locale: "en"}))
	}))
	t.Cleanup(ts.Close)
	return ts, db
}

func TestSetUpAnEdition(t *testing.T) {
	ts, db := testServer(t)
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	post := func(t *testing.T, path string, form url.Values) *http.Response {
		t.Helper()
		res, err := c.PostForm(ts.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	get := func(t *testing.T, path string, want int) string {
		t.Helper()
		res, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != want {
			t.Fatalf("GET %s: %d, want %d: %s", path, res.StatusCode, want, b)
		}
		return string(b)
	}

	res := post(t, "/admin/editions", url.Values{"slug": {"ocs-2017"}, "name": {"OCS 2017"}, "city": {"Guangzhou"},
		"start_date": {"2017-12-17"}, "end_date": {"2017-12-18"}, "time_zone": {"Asia/Shanghai"}, "current": {"on"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create edition: %d", res.StatusCode)
	}
	edPath := res.Header.Get("Location")
	e, err := db.CurrentEdition(context.Background())
	if err != nil || edPath != "/admin/editions/"+strconv.FormatInt(e.ID, 10) {
		t.Fatalf("edition %v at %q: %v", e, edPath, err)
	}
	if res := post(t, edPath+"/venues", url.Values{"name": {"Pazhou"}, "area_m2": {"1200"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add venue: %d", res.StatusCode)
	}
	if res := post(t, edPath+"/fairs", url.Values{"kind": {"video"}, "name": {"Video fair"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add fair: %d", res.StatusCode)
	}
	fairs, _ := db.ListFairs(context.Background(), e.ID)
	if len(fairs) != 1 {
		t.Fatalf("fairs: %v", fairs)
	}
	fairPath := "/admin/fairs/" + strconv.FormatInt(fairs[0].ID, 10)
	if res := post(t, fairPath+"/sessions", url.Values{"location": {"Moscow"}, "time_zone": {"Europe/Moscow"},
		"starts_at": {"2017-12-17T10:00"}, "ends_at": {"2017-12-17T12:00"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add session: %d", res.StatusCode)
	}

	t.Run("bad input re-shows the page", func(t *testing.T) {
		for path, form := range map[string]url.Values{
			edPath + "/venues": {"name": {"Hall"}, "area_m2": {"many"}},
			edPath + "/fairs":  {"kind": {"onsite"}, "name": {"X"}, "venue_id": {"999"}},
			fairPath:           {"kind": {"video"}, "name": {""}},
		} {
			if res := post(t, path, form); res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("POST %s: %d, want 422", path, res.StatusCode)
			}
		}
		if res := post(t, "/admin/editions/999/venues", url.Values{"name": {"X"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("venue of a missing edition: %d, want 404", res.StatusCode)
		}
	})
	t.Run("pages", func(t *testing.T) {
		page := get(t, edPath, http.StatusOK)
		for _, want := range []string{"Pazhou", "Video fair", "Moscow", `action="` + fairPath + `/sessions"`} {
			if !strings.Contains(page, want) {
				t.Errorf("edition page lacks %q", want)
			}
		}
		for _, p := range []string{"/admin", "/admin/editions", "/admin/editions/new", "/admin/orgs?status=pending", "/admin/search?q=fair", "/admin/audit"} {
			get(t, p, http.StatusOK)
		}
		get(t, "/admin/editions/999", http.StatusNotFound)
	})
	t.Run("api", func(t *testing.T) {
		var sessions []map[string]any
		if err := json.Unmarshal([]byte(get(t, "/api/v1/fairs/"+strconv.FormatInt(fairs[0].ID, 10)+"/sessions", http.StatusOK)), &sessions); err != nil || len(sessions) != 1 {
			t.Fatalf("sessions %v: %v", sessions, err)
		}
		if got := strings.TrimSpace(get(t, "/api/v1/editions/"+strconv.FormatInt(e.ID, 10)+"/venues", http.StatusOK)); !strings.Contains(got, `"area_m2":1200`) {
			t.Errorf("venues: %s", got)
		}
		get(t, "/api/v1/editions/999/fairs", http.StatusNotFound)
		if got := strings.TrimSpace(get(t, "/api/v1/search?q=nothing-like-it", http.StatusOK)); got != `{"query":"nothing-like-it","organizations":[],"talents":[],"posts":[]}` {
			t.Errorf("empty search: %s", got)
		}
	})
	// The next edition, started from this one's structure: the form offers
	// the latest edition first; a bad choice re-shows the form and creates
	// nothing; a good one copies the venue, the fair and its session a
	// year on.
	t.Run("next edition copies the structure", func(t *testing.T) {
		page := get(t, "/admin/editions/new", http.StatusOK)
		if !strings.Contains(page, `<option value="`+strconv.FormatInt(e.ID, 10)+`" selected>OCS 2017`) {
			t.Fatalf("the new-edition form does not offer the last edition:\n%s", page)
		}
		next := url.Values{"slug": {"ocs-2018"}, "name": {"OCS 2018"}, "city": {"Guangzhou"},
			"start_date": {"2018-12-17"}, "end_date": {"2018-12-18"}, "time_zone": {"Asia/Shanghai"}, "copy_from": {"999"}}
		if res := post(t, "/admin/editions", next); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("copy from a missing edition: %d", res.StatusCode)
		}
		if eds, _ := db.ListEditions(context.Background()); len(eds) != 1 {
			t.Fatalf("a refused copy created an edition: %v", eds)
		}
		next.Set("copy_from", strconv.FormatInt(e.ID, 10))
		res := post(t, "/admin/editions", next)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create with a copy: %d", res.StatusCode)
		}
		page = get(t, res.Header.Get("Location"), http.StatusOK)
		for _, want := range []string{"Pazhou", "Video fair", "Moscow", "12-17 10:00 MSK"} {
			if !strings.Contains(page, want) {
				t.Errorf("the copied edition's page lacks %q", want)
			}
		}
		eds, _ := db.ListEditions(context.Background())
		fs, _ := db.ListFairs(context.Background(), eds[0].ID)
		if len(fs) != 1 {
			t.Fatalf("copied fairs %+v", fs)
		}
		if ss, _ := db.ListRemoteSessions(context.Background(), fs[0].ID); len(ss) != 1 || ss[0].StartsAt.Year() != 2018 {
			t.Fatalf("copied sessions %+v, want one a year on", ss)
		}
	})
}

package scan

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/chromium"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/scancode"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/ttlcache"
	"github.com/convene/convene/internal/visits"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/area/areatest"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/session"
)

var bg = context.Background()

// testPDF is the smallest file CheckPDF accepts.
const testPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"

func testRenderer(t testing.TB) *render.Renderer {
	t.Helper()
	return areatest.Renderer(t, nil, area.Parts{Catalog: recview.Catalog, Templates: recview.Templates}, Parts)
}

// events records what the area publishes.
type events struct {
	mu  sync.Mutex
	got []notify.Event
}

func (e *events) follow(_ context.Context, ev notify.Event) {
	e.mu.Lock()
	e.got = append(e.got, ev)
	e.mu.Unlock()
}

// world is the area over a real database with one open post.
type world struct {
	db   *store.DB
	area *Area
	bus  *notify.Bus
	ev   *events
	post model.Post
	tok  string
	mux  *http.ServeMux
}

func newWorld(t *testing.T) *world {
	t.Helper()
	db := storetest.SQLite(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	bus := &notify.Bus{}
	ev := &events{}
	bus.Subscribe(ev.follow)
	rec := recommend.New(db, recommend.Options{})
	vc := visits.New(db, log)
	t.Cleanup(func() { vc.Close() })
	d := &area.Deps{DB: db, Render: testRenderer(t), Log: log, Notify: bus,
		Sessions: session.New(db, log, 0, false), Match: rec, Suggest: recommend.NewSuggester(rec, db, bus, log),
		Visits: vc, Codes: scancode.New(db), Print: chromium.New(1)}
	w := &world{db: db, area: New(d), bus: bus, ev: ev, mux: http.NewServeMux()}
	f, ent := storetest.FairWithEnterprise(t, db)
	w.post = model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Engineer"}
	w.post.Validate()
	if err := db.CreatePost(bg, &w.post); err != nil {
		t.Fatal(err)
	}
	sec, err := d.Codes.Secret(bg)
	if err != nil {
		t.Fatal(err)
	}
	w.tok = qr.Token(sec, qr.Post, w.post.ID)
	for _, rt := range w.area.Routes() {
		h := rt.Handle
		w.mux.HandleFunc(rt.Pattern, func(rw http.ResponseWriter, r *http.Request) {
			r = request.With(r, &request.Info{Locale: "en"}) // signed out
			r.Body = http.MaxBytesReader(rw, r.Body, rt.Limit())
			h(rw, r)
		})
	}
	return w
}

func (w *world) do(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	w.mux.ServeHTTP(rec, r)
	return rec
}

func registerRequest(t *testing.T, tok, email string) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"name": "Wei Zhang", "email": email, "password": "correct horse battery", "degree": "master", "discipline": "Physics"} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("cv", "wei.pdf")
	fw.Write([]byte(testPDF))
	mw.Close()
	r := httptest.NewRequest("POST", "/s/"+tok+"/register", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

// TestQuickRegistration: the landing's form stores everything at once,
// signs in, says so, and tells this instance; a taken e-mail re-shows the
// form and stores nothing.
func TestQuickRegistration(t *testing.T) {
	w := newWorld(t)
	rec := w.do(registerRequest(t, w.tok, "wei@example.com"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/s/"+w.tok {
		t.Fatalf("register = %d %s %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	var cookies []string
	for _, c := range rec.Result().Cookies() {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	if s := strings.Join(cookies, ";"); !strings.Contains(s, "flash=scan.registered_applied") || !strings.Contains(s, session.Cookie+"=") {
		t.Fatalf("cookies %s: want the flash and a session", s)
	}
	u, _, err := w.db.UserByEmail(bg, "wei@example.com")
	if err != nil {
		t.Fatal(err)
	}
	tal, err := w.db.TalentByUser(bg, u.ID)
	if err != nil || tal.Degree != model.DegreeMaster || tal.Discipline != "Physics" {
		t.Fatalf("talent = %+v, %v", tal, err)
	}
	if cv, err := w.db.CV(bg, tal.ID); err != nil || cv.Name != "wei.pdf" {
		t.Fatalf("CV = %+v, %v", cv, err)
	}
	app, err := w.db.ApplicationOf(bg, tal.ID, w.post.ID)
	if err != nil || app.Channel != model.ChannelScan {
		t.Fatalf("application = %+v, %v", app, err)
	}
	var saved, applied bool
	for _, e := range w.ev.got {
		switch e := e.(type) {
		case notify.TalentSaved:
			saved = e.Talent.ID == tal.ID && e.Talent.Degree == model.DegreeMaster
		case notify.Applied:
			applied = e.Application.ID == app.ID && e.Created
		}
	}
	if !saved || !applied {
		t.Fatalf("events %+v: want TalentSaved and Applied", w.ev.got)
	}

	n := len(w.ev.got)
	rec = w.do(registerRequest(t, w.tok, "wei@example.com"))
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `id="quick-register"`) {
		t.Fatalf("taken e-mail = %d %s", rec.Code, rec.Body)
	}
	if ts, _ := w.db.ListTalents(bg, store.TalentFilter{Limit: 10}); len(ts) != 1 || len(w.ev.got) != n {
		t.Fatalf("after a refused registration: %d talents, %d new events", len(ts), len(w.ev.got)-n)
	}
}

// TestLandingFollowsSavedPosts: the landing keeps a post a short while,
// and a post saved on this instance shows at once.
func TestLandingFollowsSavedPosts(t *testing.T) {
	w := newWorld(t)
	get := func() string {
		rec := w.do(httptest.NewRequest("GET", "/s/"+w.tok, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("landing = %d %s", rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	if !strings.Contains(get(), ">Engineer</h1>") {
		t.Fatal("landing without the post's title")
	}
	w.post.Title = "Senior engineer"
	if err := w.db.UpdatePost(bg, &w.post); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(get(), ">Engineer</h1>") {
		t.Fatal("the landing read the post again within its time")
	}
	w.bus.Publish(bg, notify.PostsSaved{Posts: []model.Post{w.post}})
	if !strings.Contains(get(), ">Senior engineer</h1>") {
		t.Fatal("a saved post still shows as kept")
	}
}

// TestPostLandingParts holds the landing put together from kept parts
// (renderPostLanding) byte for byte equal to the whole page rendered by the
// layout, for every kind of viewer and state, in both languages, with text
// that needs escaping; and checks that kept parts are reused, not redrawn.
func TestPostLandingParts(t *testing.T) {
	rd := testRenderer(t)
	a := &Area{Deps: &area.Deps{Render: rd}, heads: ttlcache.New[headKey, template.HTML](time.Minute, 100)}
	talent := &model.User{ID: 1, Role: model.RoleTalent, TalentID: 1}
	enterprise := &model.User{ID: 2, Role: model.RoleEnterprise}
	post := func(status model.PostStatus, desc string) *landing {
		return &landing{postData: postData{
			Post: model.Post{ID: 7, Title: `Engineer <b>"A&B"</b>`, City: "Guangzhou", MinDegree: model.DegreeMaster, Skills: []string{"Go", "<script>"},
				Headcount: 2, Status: status, Description: desc},
			Org:  model.Organization{Name: "Acme & Co", NameZH: "阿克米"},
			Fair: model.Fair{Name: "Overseas talent fair", NameZH: "海外人才招聘会"},
		}}
	}
	recs := []recview.Rec{{PostID: 9, Title: "Data <i>scientist</i>", Sub: "Beta", City: "Shenzhen", Skills: "Matched skills: Go & SQL"}, {PostID: 10, Title: "Analyst", Sub: "Gamma"}}
	cases := []struct {
		name    string
		user    *model.User
		land    *landing
		applied model.AppStatus
		recs    []recview.Rec
		flash   string
		errors  map[string]string
	}{
		{"talent", talent, post(model.PostOpen, "Build <robots>."), "", recs, "", nil},
		{"talent applied, flash", talent, post(model.PostOpen, ""), model.AppInterview, recs, "scan.applied", nil},
		{"talent, closed, no suggestions", talent, post(model.PostClosed, "x"), "", nil, "", nil},
		{"signed out", nil, post(model.PostOpen, "y"), "", nil, "", nil},
		{"signed out, form problems", nil, post(model.PostOpen, "y"), "", nil, "", map[string]string{"email": "err.email", "cv": "err.cv_required"}},
		{"enterprise", enterprise, post(model.PostOpen, "z"), "", nil, "", nil},
	}
	tok := qr.Token([]byte("secret"), qr.Post, 7)
	for _, c := range cases {
		for _, lang := range model.Locales {
			t.Run(c.name+"/"+lang, func(t *testing.T) {
				page := func(whole bool) string {
					r := httptest.NewRequest("GET", "/s/"+tok, nil)
					if c.flash != "" {
						r.AddCookie(&http.Cookie{Name: "flash", Value: c.flash})
					}
					r = request.With(r, &request.Info{Locale: lang, User: c.user})
					v := rd.View(r, c.land.Post.Title, nil)
					v.Errors = c.errors
					v.Form.Set("email", `a"b@example.com`)
					if err := a.suggestionHeads(rd.Template(lang, "scan"), lang, c.recs); err != nil {
						t.Fatal(err)
					}
					v.Data = scanData{target: target{Token: tok, Kind: qr.Post, Post: &c.land.postData, land: c.land}, Applied: c.applied, Recs: c.recs}
					w := httptest.NewRecorder()
					if whole {
						rd.Page(w, r, 200, "scan", v)
					} else {
						a.renderPostLanding(w, r, 200, c.land, v)
					}
					if w.Code != 200 {
						t.Fatalf("%d %s", w.Code, w.Body)
					}
					return w.Body.String()
				}
				want := page(true)
				for i := range 2 { // the second time from kept parts
					if got := page(false); got != want {
						t.Fatalf("put together (%d) differs from the whole page\n got: %s\nwant: %s", i, got, want)
					}
				}
				n := 0
				for k := range c.land.parts {
					if k.locale == lang {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%d kept part sets in %s after two views of one kind, want 1", n, lang)
				}
			})
		}
	}
}

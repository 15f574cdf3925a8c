package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store/storetest"
)

// TestPostLandingParts holds the landing put together from kept parts
// (renderPostLanding) byte for byte equal to the whole page rendered by the
// layout, for every kind of viewer and state, in both languages, with text
// that needs escaping; and checks that kept parts are reused, not redrawn.
func TestPostLandingParts(t *testing.T) {
	db := storetest.Backends(t)[0].Open(t)
	srv, err := New(db, Config{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
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
	recs := []recView{{PostID: 9, Title: "Data <i>scientist</i>", Sub: "Beta", City: "Shenzhen", Skills: "Matched skills: Go & SQL"}, {PostID: 10, Title: "Analyst", Sub: "Gamma"}}
	cases := []struct {
		name    string
		user    *model.User
		land    *landing
		applied model.AppStatus
		recs    []recView
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
	sec, _ := srv.qrSecret(bg)
	tok := qr.Token(sec, qr.Post, 7)
	for _, c := range cases {
		for _, lang := range model.Locales {
			t.Run(c.name+"/"+lang, func(t *testing.T) {
				page := func(whole bool) string {
					r := httptest.NewRequest("GET", "/s/"+tok, nil)
					if c.flash != "" {
						r.AddCookie(&http.Cookie{Name: "flash", Value: c.flash})
					}
					v := srv.view(r, c.land.Post.Title, nil)
					v.L, v.User, v.Errors = lang, c.user, c.errors
					v.Form.Set("email", `a"b@example.com`)
					if err := srv.suggestionHeads(srv.pages.get(lang, "scan"), lang, c.recs); err != nil {
						t.Fatal(err)
					}
					v.Data = scanData{target: target{Token: tok, Kind: qr.Post, Post: &c.land.postData, land: c.land}, Applied: c.applied, Recs: c.recs}
					w := httptest.NewRecorder()
					if whole {
						srv.render(w, r, 200, "scan", v)
					} else {
						srv.renderPostLanding(w, r, 200, c.land, v)
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

package fairs

import (
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/area/areatest"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/request"
)

// TestPagesRender executes every page of the area with the data its handler
// gives it, in both languages, so a field a template names but the data no
// longer has fails here rather than as a 500.
func TestPagesRender(t *testing.T) {
	rd := areatest.Renderer(t, nil, area.Parts{Catalog: recview.Catalog, Templates: recview.Templates}, Parts)
	org := int64(7)
	sess := int64(3)
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	post := model.Post{ID: 5, OrgID: org, FairID: 2, SessionID: &sess, Title: "Go engineer", City: "Shanghai", Skills: []string{"go"}, MinDegree: model.Degrees[0], Status: model.PostOpen, Headcount: 1}
	fair := model.Fair{ID: 2, EditionID: 1, Kind: model.FairVideo, Name: "Video fair", NameZH: "视频"}
	rs := model.RemoteSession{ID: sess, FairID: 2, Location: "Moscow", TimeZone: "Europe/Moscow", StartsAt: now, EndsAt: now.Add(time.Hour)}
	ed := model.Edition{ID: 1, Name: "Expo", NameZH: "博览会", TimeZone: "Asia/Shanghai"}
	row := store.InboxRow{Application: model.Application{ID: 9, TalentID: 4, PostID: 5, Channel: model.ChannelPC, Status: model.AppViewed, CreatedAt: now},
		OrgID: org, PostTitle: "Go engineer", TalentName: "Ann", TalentDegree: model.Degrees[0], TalentHasCV: true}
	fv := []store.FairSessions{{Fair: fair, Sessions: []model.RemoteSession{rs}}}
	pg := request.Pager{Page: 2, Next: true, Base: "/inbox", Query: map[string][]string{"status": {"viewed"}}}
	pages := []struct {
		page, want string
		data       any
	}{
		{"fair", `href="/posts/5"`, fairPageData{Fair: fair, Edition: ed, Sessions: []sessionPosts{{RemoteSession: rs, Posts: []model.Post{post}}}}},
		{"post", `href="/fairs/2"`, postData{Post: post, Org: model.Organization{ID: org}, Fair: fair}},
		{"post_form", `name="session_id"`, postFormData{Post: post, Fairs: fv, Degrees: model.Degrees}},
		{"posts", `href="/posts?page=3&amp;q=go"`, postListData{Pager: request.Pager{Page: 2, Next: true, Base: "/posts", Query: map[string][]string{"q": {"go"}}}, Posts: []model.Post{post}, Fairs: []model.Fair{fair}, Degrees: model.Degrees}},
		{"org_posts", `action="/org/posts/5/status"`, orgPostsData{Org: model.Organization{ID: org, Status: model.OrgApproved}, Posts: []model.Post{post}}},
		{"import", `id="import-errors"`, importData{Fairs: fv, Rows: []string{"row 2: bad"}}},
		{"inbox", `href="/inbox?page=1&amp;status=viewed"`, inboxData{Pager: pg, Rows: []store.InboxRow{row}, Posts: []model.Post{post}, Fairs: []model.Fair{fair},
			Statuses: model.AppStatuses, Degrees: model.Degrees, Moves: []model.AppStatus{model.AppInterview}, CanMove: true}},
		{"application", `id="app-move"`, appData{Row: row, Zone: "UTC", Moves: []model.AppStatus{model.AppInterview}, CanMove: true,
			Events: []model.AppEvent{{From: model.AppApplied, To: model.AppViewed, At: now}}}},
		{"figures", `id="matching-rate"`, figuresData{Edition: &ed, Channels: model.Channels, Rows: []figureRow{{Figures: store.Figures{}}, {Name: "Video fair", Figures: store.Figures{FairID: 2}}},
			Rate: &rateView{match.MatchingRate{}, "0.0%", "0.0%"}}},
	}
	for _, l := range model.Locales {
		for _, p := range pages {
			t.Run(l+"/"+p.page, func(t *testing.T) {
				r := httptest.NewRequest(http.MethodGet, "/x", nil)
				r = request.With(r, &request.Info{Locale: l, User: &model.User{ID: 1, Role: model.RoleEnterprise, OrgID: &org}})
				w := httptest.NewRecorder()
				rd.Page(w, r, http.StatusOK, p.page, rd.View(r, "posts.title", p.data))
				if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				}
				if !strings.Contains(w.Body.String(), p.want) {
					t.Fatalf("no %s in:\n%s", p.want, w.Body)
				}
			})
		}
	}
}

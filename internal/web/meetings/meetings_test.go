package meetings

import (
	"html"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/area/areatest"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// TestNotices: a notice is translated with its key arguments translated
// too, and the pages show it escaped, as the old view method did.
func TestNotices(t *testing.T) {
	rd := areatest.Renderer(t, nil, Parts)
	a := &Area{Deps: &area.Deps{Render: rd}}
	for _, tc := range []struct{ locale, name, text, html string }{
		{"en", "A & B", "Interview with A &amp; B was cancelled.", `<p class="notice">Interview with A &amp; B was cancelled.</p>`},
		{"en", "宋俊翔", `Interview with <span lang="zh-CN">宋俊翔</span> was cancelled.`, `<p class="notice">Interview with <span lang="zh-CN">宋俊翔</span> was cancelled.</p>`},
		{"zh", "A & B", html.EscapeString(rd.T("zh", "meetings.notice.cancelled", rd.T("zh", "meetings.kind.interview"), "\x00")), ""},
	} {
		t.Run(tc.locale+" "+tc.name, func(t *testing.T) {
			ns := []store.MeetingNotice{{Key: "meetings.notice.cancelled", Args: []string{"meetings.kind.interview", tc.name}}}
			got := a.notices(tc.locale, ns)
			want := tc.text
			if tc.locale == "zh" { // the English name marked on a Chinese page
				want = strings.Replace(want, "\x00", `<span lang="en">A &amp; B</span>`, 1)
			}
			if len(got) != 1 || string(got[0]) != want {
				t.Fatalf("notices = %q, want %q", got, tc.text)
			}
			if tc.html == "" {
				return
			}
			u := &model.User{ID: 1, Role: model.RoleTalent}
			for _, page := range []struct {
				name string
				data any
			}{{"agenda", agendaData{Notices: got}}, {"meetings", meetingsData{Notices: got}}} {
				r := request.With(httptest.NewRequest("GET", "/me/"+page.name, nil), &request.Info{Locale: tc.locale, User: u})
				w := httptest.NewRecorder()
				rd.Page(w, r, 200, page.name, rd.View(r, "agenda.title", page.data))
				if w.Code != 200 || !strings.Contains(w.Body.String(), tc.html) {
					t.Fatalf("%s: %d, no %q in\n%s", page.name, w.Code, tc.html, w.Body.String())
				}
			}
		})
	}
}

// TestPagesRender: every page of the area executes with the layout on
// empty data, in both languages.
func TestPagesRender(t *testing.T) {
	rd := areatest.Renderer(t, nil, Parts)
	u := &model.User{ID: 1, Role: model.RoleOrganizer}
	for _, l := range model.Locales {
		for name, data := range map[string]any{"meetings": meetingsData{Windows: []windowRow{{N: "0"}}}, "agenda": agendaData{},
			"meetings_admin": adminMeetingsData{Zones: render.CommonZones}, "table_cards": cardsData{}} {
			t.Run(l+"/"+name, func(t *testing.T) {
				r := request.With(httptest.NewRequest("GET", "/", nil), &request.Info{Locale: l, User: u})
				w := httptest.NewRecorder()
				rd.Page(w, r, 200, name, rd.View(r, "meetings.title", data))
				if w.Code != 200 {
					t.Fatalf("%d\n%s", w.Code, w.Body.String())
				}
			})
		}
	}
}

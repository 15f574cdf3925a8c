package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

// TestContestFieldsVocabulary: an entry's field (typed 生物医药) reads in
// the reader's language on the organizer's contest page and on the judge's
// sheets and scoring form. On both databases.
func TestContestFieldsVocabulary(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		org, owner, judge := f.client(organizer), f.client(talent), f.client(model.RoleJudge)
		resp, body := f.postForm(owner, "/my/projects", url.Values{"title": {"Drug discovery"}, "stage": {"prototype"}, "field": {"生物医药"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create project: %d %s", resp.StatusCode, body)
		}
		project := lastID(t, resp)
		resp, body = f.postForm(org, "/contests", url.Values{"name": {"Chunhui Cup"}, "tracks": {"Deep tech"}, "k": {"1"}, "select_n": {"1"},
			"rubric": {"team | Team | 团队 | 1 | 10"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create contest: %d %s", resp.StatusCode, body)
		}
		cpath := "/contests/" + lastID(t, resp)
		if resp, _ := f.postForm(org, cpath+"/judges", url.Values{"email": {f.users[model.RoleJudge].Email}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite: %d", resp.StatusCode)
		}
		if resp, body := f.postForm(owner, cpath+"/enter", url.Values{"project_id": {project}, "track": {"deep-tech"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("enter: %d %s", resp.StatusCode, body)
		}
		if resp, _ := f.postForm(org, cpath+"/assign", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("assign: %d", resp.StatusCode)
		}
		es, err := db.ContestEntries(bg, mustAtoi(t, strings.TrimPrefix(cpath, "/contests/")))
		if err != nil || len(es) != 1 {
			t.Fatalf("entries %v %v", es, err)
		}
		for lang, field := range map[string]string{"en": "Biomedicine", "zh": "生物医药"} {
			for _, c := range []struct {
				cl         *http.Client
				path, want string
			}{
				{org, cpath, "<small>" + field + " · "},
				{judge, cpath + "/judge", "<small>" + field + " · "},
				{judge, "/entries/" + itoa(int(es[0].ID)) + "/score", "<small>" + field + " · "},
			} {
				f.setLocale(c.cl, lang)
				resp, page := f.do(c.cl, "GET", c.path, "", "")
				if resp.StatusCode != 200 || !strings.Contains(page, c.want) {
					t.Fatalf("%s %s: %d, no %q in\n%s", lang, c.path, resp.StatusCode, c.want, page)
				}
			}
		}
	})
}

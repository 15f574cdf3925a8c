package web

import (
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

// TestMatchCardsVocabulary: a recommended post's card reads its city (stored
// as 广州) in the talent's language, as does the talent's own discipline
// and skills on their home page, and a candidate's discipline (typed
// "Computer Science") reads in the enterprise's or organizer's, as do the
// matched skills and the post's city above the candidates; a city outside
// the vocabulary stays as typed.
func TestMatchCardsVocabulary(t *testing.T) {
	t.Parallel()
	f := newMatchFixture(t)
	odd := model.Post{OrgID: *f.users[model.RoleEnterprise].OrgID, FairID: f.fair.ID, Title: "Remote Go role", Industry: "Internet", Skills: []string{"Go", "SQL"},
		City: "Xanadu", MinDegree: model.DegreeBachelor, Languages: []string{"English"}}
	if err := odd.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := f.db.CreatePost(bg, &odd); err != nil {
		t.Fatal(err)
	}
	cand := "/posts/" + itoa(int(f.post.ID)) + "/candidates"
	for _, c := range []struct {
		role     model.Role
		lang     string
		path     string
		want     []string
		wantNone string
	}{
		{model.RoleTalent, "en", "/me", []string{"· Guangzhou</small>", "· Xanadu</small>", "Machine learning", "<p>Master · Computer science · Go, Machine learning, Databases</p>"}, "· 广州</small>"},
		{model.RoleTalent, "zh", "/me", []string{"· 广州</small>", `· <span lang="en">Xanadu</span></small>`, "机器学习", "<p>硕士 · 计算机科学与技术 · Go语言, 机器学习, 数据库</p>"}, "· Guangzhou</small>"},
		{model.RoleEnterprise, "en", cand, []string{"Master · Computer science · ", "ML engineer</a> · Guangzhou · "}, "Computer Science"},
		{model.RoleEnterprise, "zh", cand, []string{"硕士 · 计算机科学与技术 · ", `<span lang="en" class="xl">ML engineer</span></a> · 广州 · `}, "Computer Science"},
		{model.RoleOrganizer, "en", cand, []string{"Master · Computer science · ", "ML engineer</a> · Guangzhou · "}, "广州"},
	} {
		f.db.SetLocale(bg, f.users[c.role].ID, c.lang)
		resp, body := f.do(f.client(c.role), "GET", c.path, "", "")
		if resp.StatusCode != 200 {
			t.Fatalf("%s %s %s: %d", c.role, c.lang, c.path, resp.StatusCode)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s %s %s: no %q in\n%s", c.role, c.lang, c.path, w, body)
			}
		}
		if strings.Contains(body, c.wantNone) {
			t.Errorf("%s %s %s: %q shown", c.role, c.lang, c.path, c.wantNone)
		}
	}
}

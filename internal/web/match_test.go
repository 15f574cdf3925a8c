package web

import (
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/session"
)

func init() {
	expect(map[string]string{
		"GET /posts/{id}/candidates":        "enterprise organizer",
		"GET /api/v1/me/recommendations":    "talent",
		"GET /api/v1/posts/{id}/candidates": "enterprise organizer",
		"GET /api/v1/figures/matching":      "organizer",
	})
}

// matchFixture is the fixture with a talent whose profile fits a post of
// the enterprise, and a second enterprise B with a post of its own.
type matchFixture struct {
	*fixture
	talent   model.Talent
	post     model.Post // enterprise A's
	postB    model.Post
	clientB  *http.Client
	sessionB string
}

func newMatchFixture(t *testing.T) *matchFixture {
	f := &matchFixture{fixture: newFixture(t, storetest.SQLite(t))}
	tal, err := f.db.TalentByUser(bg, f.users[model.RoleTalent].ID)
	if err != nil {
		t.Fatal(err)
	}
	tal.Degree, tal.Discipline, tal.YearsExperience, tal.IntentChina = model.DegreeMaster, "Computer Science", 4, model.IntentYes
	tal.Skills, tal.Languages, tal.PreferredCities = []string{"Go", "机器学习", "SQL"}, []string{"Chinese", "English"}, []string{"Guangzhou"}
	if err := f.db.UpdateTalent(bg, &tal); err != nil {
		t.Fatal(err)
	}
	f.talent = tal
	mk := func(org int64, title string, skills ...string) model.Post {
		p := model.Post{OrgID: org, FairID: f.fair.ID, Title: title, Industry: "Internet", Skills: skills, City: "广州",
			MinDegree: model.DegreeBachelor, MinExperience: 2, Languages: []string{"English"}}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		if err := f.db.CreatePost(bg, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.post = mk(*f.users[model.RoleEnterprise].OrgID, "ML engineer", "Machine Learning", "Go")
	mk(*f.users[model.RoleEnterprise].OrgID, "Data analyst", "SQL", "Excel")
	orgB := model.Organization{Kind: model.OrgEnterprise, Name: "Org B", Status: model.OrgApproved}
	if err := f.db.CreateOrganization(bg, &orgB); err != nil {
		t.Fatal(err)
	}
	uB := model.User{Email: "b@test.example", Name: "B", Role: model.RoleEnterprise, Locale: "en", OrgID: &orgB.ID}
	if err := f.db.CreateUser(bg, &uB, testHash); err != nil {
		t.Fatal(err)
	}
	f.postB = mk(orgB.ID, "Go developer", "Go")
	tok := "test-session-token-for-enterprise-b-0123456789"
	if err := f.db.CreateSession(bg, session.Hash(tok), uB.ID, time.Hour); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(f.ts.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: session.Cookie, Value: tok}})
	f.clientB = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return f
}

func TestMatchCandidatesAccess(t *testing.T) {
	t.Parallel()
	f := newMatchFixture(t)
	a, org := f.client(model.RoleEnterprise), f.client(model.RoleOrganizer)
	pid := itoa(int(f.post.ID))
	for _, tc := range []struct {
		name string
		c    *http.Client
		path string
		code int
	}{
		{"owner page", a, "/posts/" + pid + "/candidates", 200},
		{"owner api", a, "/api/v1/posts/" + pid + "/candidates", 200},
		{"organizer page", org, "/posts/" + pid + "/candidates", 200},
		{"organizer api", org, "/api/v1/posts/" + pid + "/candidates", 200},
		{"other enterprise page", f.clientB, "/posts/" + pid + "/candidates", 403},
		{"other enterprise api", f.clientB, "/api/v1/posts/" + pid + "/candidates", 403},
		{"B's own post", f.clientB, "/api/v1/posts/" + itoa(int(f.postB.ID)) + "/candidates", 200},
		{"no such post", a, "/api/v1/posts/999999/candidates", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := f.do(tc.c, "GET", tc.path, "", "")
			if resp.StatusCode != tc.code {
				t.Fatalf("%s: %d, want %d: %s", tc.path, resp.StatusCode, tc.code, body)
			}
			if tc.code == 200 && strings.Contains(tc.path, "/api/") {
				var ms []matchJ
				if err := json.Unmarshal([]byte(body), &ms); err != nil {
					t.Fatal(err)
				}
				if len(ms) != 1 || ms[0].TalentID != f.talent.ID || len(ms[0].Reasons) == 0 || ms[0].Reasons[0].Text == "" {
					t.Fatalf("candidates %s", body)
				}
			}
		})
	}
}

func TestMatchAPI(t *testing.T) {
	t.Parallel()
	f := newMatchFixture(t)
	resp, body := f.do(f.client(model.RoleTalent), "GET", "/api/v1/me/recommendations", "", "")
	var ms []matchJ
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &ms) != nil {
		t.Fatalf("recommendations: %d %s", resp.StatusCode, body)
	}
	if len(ms) != 3 || ms[0].PostID != f.post.ID || !ms[0].Mutual || ms[0].Matched[0] != "go" {
		t.Fatalf("recommendations: %s", body)
	}
	// A post applied to is no longer recommended: what is left to do is.
	if resp, body := f.json(f.client(model.RoleTalent), "POST", "/api/v1/posts/"+itoa(int(f.post.ID))+"/apply", `{"channel":"pc"}`); resp.StatusCode != 201 {
		t.Fatalf("apply: %d %s", resp.StatusCode, body)
	}
	_, body = f.do(f.client(model.RoleTalent), "GET", "/api/v1/me/recommendations", "", "")
	ms = nil
	if json.Unmarshal([]byte(body), &ms) != nil || len(ms) != 2 || ms[0].PostID == f.post.ID || ms[1].PostID == f.post.ID {
		t.Fatalf("after applying: %s", body)
	}
	resp, body = f.do(f.client(model.RoleOrganizer), "GET", "/api/v1/figures/matching", "", "")
	var rate rateJ
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &rate) != nil {
		t.Fatalf("rate: %d %s", resp.StatusCode, body)
	}
	if rate.OpenPosts != 3 || rate.Talents != 1 || rate.MatchedTalents != 1 || rate.Definition == "" {
		t.Fatalf("rate: %s", body)
	}

	// This instance's own edit shows at once: the talent drops Go and ML.
	form := url.Values{"name": {"The talent"}, "category": {"overseas"}, "degree": {"master"}, "skills": {"Welding"}, "intent_china": {"yes"}, "years_experience": {"4"}}
	if resp, body := f.postForm(f.client(model.RoleTalent), "/me/profile", form); resp.StatusCode >= 400 {
		t.Fatalf("profile: %d %s", resp.StatusCode, body)
	}
	_, body = f.do(f.client(model.RoleTalent), "GET", "/api/v1/me/recommendations", "", "")
	if strings.TrimSpace(body) != "[]" {
		t.Fatalf("after the edit: %s", body)
	}
	// And a closed post leaves its candidates at once.
	if resp, body := f.json(f.client(model.RoleEnterprise), "POST", "/api/v1/posts/"+itoa(int(f.post.ID))+"/status", `{"status":"closed"}`); resp.StatusCode >= 400 {
		t.Fatalf("close: %d %s", resp.StatusCode, body)
	}
	_, body = f.do(f.client(model.RoleOrganizer), "GET", "/api/v1/figures/matching", "", "")
	if json.Unmarshal([]byte(body), &rate) != nil || rate.OpenPosts != 2 {
		t.Fatalf("rate after closing a post: %s", body)
	}
}

// TestMatchPagesRender shows recommendations, candidates and the rate in
// both languages with their reasons, and no untranslated key.
func TestMatchPagesRender(t *testing.T) {
	t.Parallel()
	f := newMatchFixture(t)
	pid := itoa(int(f.post.ID))
	leftover := regexp.MustCompile(`\bmatch\.[a-z_.]+\b`)
	want := map[string]map[string][]string{
		"en": {"talent": {"Recommended for you", "ML engineer", "Matched skills: Go, Machine learning", "Degree: Master", "City: Guangzhou, a preferred city"},
			"enterprise": {"Matched candidates", "The talent", "Matched skills", "Experience: 4 years"},
			"organizer":  {"Person-post matching rate", "mutually acceptable", "100.0%"}},
		"zh": {"talent": {"为你推荐", "ML engineer", "匹配技能：Go语言, 机器学习", "城市：广州，意向城市"},
			"enterprise": {"匹配人才", "The talent", "经验：4 年"},
			"organizer":  {"人岗匹配率", "双向匹配"}},
	}
	paths := map[string]string{"talent": "/me", "enterprise": "/posts/" + pid + "/candidates", "organizer": "/admin/figures"}
	for _, lang := range []string{"en", "zh"} {
		for role, path := range paths {
			r := model.Role(role)
			f.db.SetLocale(bg, f.users[r].ID, lang)
			resp, body := f.do(f.client(r), "GET", path, "", "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s %s: %d %s", lang, role, path, resp.StatusCode, body)
			}
			for _, w := range want[lang][role] {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s %s: no %q in\n%s", lang, role, path, w, body)
				}
			}
			if k := leftover.FindString(body); k != "" {
				t.Errorf("%s %s: untranslated %s", lang, path, k)
			}
		}
	}
	// The inbox links each open post to its candidates.
	_, body := f.do(f.client(model.RoleEnterprise), "GET", "/inbox", "", "")
	if !strings.Contains(body, `href="/posts/`+pid+`/candidates"`) {
		t.Errorf("inbox has no candidates link")
	}
}

// TestScanLandingRecommends: the landing suggests the talent's other posts,
// never the one on screen nor one applied to, and says when this one was.
func TestScanLandingRecommends(t *testing.T) {
	t.Parallel()
	f := newMatchFixture(t)
	sec, err := f.srv.deps.Codes.Secret(bg)
	if err != nil {
		t.Fatal(err)
	}
	landing := func(p model.Post) string {
		t.Helper()
		resp, body := f.do(f.client(model.RoleTalent), "GET", "/s/"+qr.Token(sec, qr.Post, p.ID), "", "")
		if resp.StatusCode != 200 {
			t.Fatalf("landing %d: %d %s", p.ID, resp.StatusCode, body)
		}
		return body
	}
	recs := regexp.MustCompile(`class="match-title">([^<]+)<`)
	titles := func(body string) []string {
		var out []string
		for _, m := range recs.FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return out
	}
	body := landing(f.postB)
	if got := titles(body); !slices.Equal(got, []string{"Data analyst", "ML engineer"}) || strings.Contains(body, `id="scan-status"`) {
		t.Fatalf("landing of Go developer suggests %q:\n%s", got, body)
	}
	if resp, body := f.json(f.client(model.RoleTalent), "POST", "/api/v1/posts/"+itoa(int(f.post.ID))+"/apply", `{"channel":"pc"}`); resp.StatusCode != 201 {
		t.Fatalf("apply: %d %s", resp.StatusCode, body)
	}
	if got := titles(landing(f.postB)); !slices.Equal(got, []string{"Data analyst"}) {
		t.Fatalf("after applying to ML engineer, the landing suggests %q", got)
	}
	body = landing(f.post)
	if got := titles(body); !slices.Equal(got, []string{"Data analyst", "Go developer"}) || !strings.Contains(body, "You have applied to this post") {
		t.Fatalf("landing of the post applied to suggests %q:\n%s", got, body)
	}
}

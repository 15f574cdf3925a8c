package match

import (
	"math/rand/v2"
	"testing"
)

var (
	baseTalent = Talent{ID: 1, Degree: DegreeMaster, Discipline: "计算机科学与技术", Skills: []string{"Go", "机器学习", "Python"},
		Languages: []string{"中文", "English"}, YearsExperience: 4, IntentChina: IntentYes, PreferredCities: []string{"上海"}}
	basePost = Post{ID: 9, Industry: "电子信息", Skills: []string{"golang", "ML"}, MinDegree: DegreeMaster,
		MinExperience: 3, City: "Shanghai", Headcount: 2, Open: true}
)

func TestEvaluate(t *testing.T) {
	for _, tc := range []struct {
		name                string
		talent              func(*Talent)
		post                func(*Post)
		score               int
		eligible, recommend bool
		postOK, talentOK    bool
		code                ReasonCode // a reason that must be present
	}{
		{"perfect fit", nil, nil,
			// coverage 350 + use 100*2/3=66 + degree 70 + exp 100 + affinity 150 + lang 50 + city 75 + intent 75
			936, true, true, true, true, ReasonCityPreferred},
		{"degree below minimum", func(t *Talent) { t.Degree = DegreeBachelor }, nil,
			0, false, false, false, true, ReasonDegreeBelow},
		{"degree above minimum", func(t *Talent) { t.Degree = DegreePhD }, nil,
			951, true, true, true, true, ReasonDegreeAbove},
		{"experience one year short", func(t *Talent) { t.YearsExperience = 2 }, nil,
			901, true, true, true, true, ReasonExperienceShort},
		{"experience far below", func(t *Talent) { t.YearsExperience = 0 }, nil,
			0, false, false, false, true, ReasonExperienceFar},
		{"required language missing", nil, func(p *Post) { p.Languages = []string{"日语"} },
			0, false, false, false, true, ReasonLanguagesMissing},
		{"required language met", nil, func(p *Post) { p.Languages = []string{"English"} },
			936, true, true, true, true, ReasonLanguagesMet},
		{"english only speaker", func(t *Talent) { t.Languages = []string{"en"} }, nil,
			911, true, true, true, true, ReasonLanguageEnglish},
		{"city not preferred", nil, func(p *Post) { p.City = "北京" },
			861, true, true, true, false, ReasonCityNotPreferred},
		{"no city preference", func(t *Talent) { t.PreferredCities = nil }, nil,
			901, true, true, true, true, ReasonCityAny},
		{"intent no", func(t *Talent) { t.IntentChina = IntentNo }, nil,
			861, true, true, true, false, ReasonIntentNo},
		{"fewer than half the skills", nil, func(p *Post) { p.Skills = []string{"go", "java", "c++"} },
			669, true, true, false, true, ReasonTooFewSkills},
		{"no shared skill", nil, func(p *Post) { p.Skills = []string{"会计"} },
			520, true, false, false, true, ReasonNoSharedSkill},
		{"closed post", nil, func(p *Post) { p.Open = false },
			936, true, false, true, false, ReasonPostClosed},
		{"low affinity", nil, func(p *Post) { p.Industry = "金融" },
			836, true, true, true, true, ReasonAffinity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tal, p := baseTalent, basePost
			if tc.talent != nil {
				tc.talent(&tal)
			}
			if tc.post != nil {
				tc.post(&p)
			}
			e := Evaluate(tal, p)
			if e.Score != tc.score || e.Eligible != tc.eligible || e.Recommendable != tc.recommend ||
				e.PostAccepts != tc.postOK || e.TalentAccepts != tc.talentOK || e.Mutual != (tc.postOK && tc.talentOK) {
				t.Fatalf("got score %d eligible %v recommendable %v post %v talent %v mutual %v; want %d %v %v %v %v",
					e.Score, e.Eligible, e.Recommendable, e.PostAccepts, e.TalentAccepts, e.Mutual,
					tc.score, tc.eligible, tc.recommend, tc.postOK, tc.talentOK)
			}
			found := false
			for _, r := range e.Reasons {
				found = found || r.Code == tc.code
			}
			if !found {
				t.Fatalf("no reason %q in %+v", tc.code, e.Reasons)
			}
		})
	}
}

func TestEvaluateMatchedMissing(t *testing.T) {
	p := basePost
	p.Skills = []string{"Kubernetes", "golang", "深度学习", "ML"}
	e := Evaluate(baseTalent, p)
	if got, want := e.Matched, []string{"go", "machine_learning"}; !equalStrings(got, want) {
		t.Fatalf("matched %q, want %q", got, want)
	}
	if got, want := e.Missing, []string{"deep_learning", "kubernetes"}; !equalStrings(got, want) {
		t.Fatalf("missing %q, want %q", got, want)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The reasons' points are the score: what the web layer shows adds up.
func TestReasonPointsSumToScore(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for range 2000 {
		tal, p := propTalent(r, 1, false), propPost(r, 2, false)
		e := Evaluate(tal, p)
		if !e.Eligible {
			continue
		}
		sum, maxSum := 0, 0
		for _, r := range e.Reasons {
			sum += r.Points
			maxSum += r.Max
		}
		if sum != e.Score || maxSum != MaxScore || e.Score < 0 || e.Score > MaxScore {
			t.Fatalf("points %d (max %d) for score %d: %+v", sum, maxSum, e.Score, e)
		}
		if MutuallyAcceptable(tal, p) != e.Mutual {
			t.Fatal("MutuallyAcceptable disagrees with Evaluate")
		}
	}
}

func TestComputeMatchingRate(t *testing.T) {
	other := baseTalent
	other.ID, other.IntentChina = 2, IntentNo // never mutual
	closed := basePost
	closed.ID, closed.Open = 10, false
	lonely := basePost
	lonely.ID, lonely.Skills = 11, []string{"会计"}
	r := ComputeMatchingRate([]Talent{baseTalent, other}, []Post{basePost, closed, lonely})
	want := MatchingRate{OpenPosts: 2, MatchedPosts: 1, Talents: 2, MatchedTalents: 1}
	if r != want {
		t.Fatalf("got %+v, want %+v", r, want)
	}
	if r.PostRate() != 0.5 || r.TalentRate() != 0.5 || (MatchingRate{}).PostRate() != 0 {
		t.Fatalf("rates %v %v", r.PostRate(), r.TalentRate())
	}
}

func TestFairRerankingKeepsScoresAndPool(t *testing.T) {
	w := newSynthWorld(11, 300, 150)
	ix, err := Build(w.Talents, w.Posts, Options{K: 10, Slack: 10})
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for _, tal := range w.Talents {
		plain, _ := ix.TopPostsForTalent(tal.ID, 20)
		fair, err := ix.FairTopPostsForTalent(tal.ID, 10, Fairness{Lambda: 100})
		if err != nil {
			t.Fatal(err)
		}
		ranks, _ := ix.FairTopPostRanks(tal.ID, 10, Fairness{Lambda: 100})
		if len(ranks) != len(fair) {
			t.Fatalf("talent %d: %d ranks, %d explained matches", tal.ID, len(ranks), len(fair))
		}
		for i, m := range ranks {
			e, _ := ix.Explain(tal.ID, m.PostID)
			if want := fair[i]; m.PostID != want.PostID || m.Score != want.Score || m.Penalty != want.Penalty || e.Score != want.Explanation.Score {
				t.Fatalf("talent %d rank %d: %+v (explained score %d), want %+v", tal.ID, i, m, e.Score, want)
			}
		}
		inPool := map[int64]int{}
		for _, m := range plain {
			inPool[m.PostID] = m.Score
		}
		for i, m := range fair {
			if s, ok := inPool[m.PostID]; !ok || s != m.Score {
				t.Fatalf("talent %d: fair pick %d (score %d) not in the plain top 20", tal.ID, m.PostID, m.Score)
			}
			if i > 0 && m.Score-m.Penalty > fair[i-1].Score-fair[i-1].Penalty {
				t.Fatalf("talent %d: fair list not ordered by score minus penalty", tal.ID)
			}
			if i < len(plain) && m.PostID != plain[i].PostID {
				moved++
			}
		}
		if none, _ := ix.FairTopPostsForTalent(tal.ID, 10, Fairness{}); len(none) != min(10, len(plain)) {
			t.Fatalf("talent %d: λ=0 gave %d posts", tal.ID, len(none))
		} else {
			for i := range none {
				if none[i].PostID != plain[i].PostID {
					t.Fatalf("talent %d: λ=0 changed the order", tal.ID)
				}
			}
		}
	}
	if moved == 0 {
		t.Fatal("fair re-ranking changed nothing")
	}
}

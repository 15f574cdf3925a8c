package recommend_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

var bg = context.Background()

var (
	skillPool = []string{"Go", "Python", "机器学习", "Machine Learning", "SQL", "Kubernetes", "CAD", "Welding", "Finance", "Java", "React", "统计"}
	cityPool  = []string{"Guangzhou", "广州", "Shenzhen", "Beijing", "Shanghai"}
	langPool  = []string{"Chinese", "English", "Japanese"}
	degrees   = []model.Degree{model.DegreeNone, model.DegreeBachelor, model.DegreeMaster, model.DegreePhD}
)

func pick(rng *rand.Rand, pool []string, n int) []string {
	var out []string
	for range n {
		s := pool[rng.IntN(len(pool))]
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// world is a small convention in a real database.
type world struct {
	db      *store.DB
	edition model.Edition
	fair    model.Fair
	org     model.Organization
	talents []model.Talent
	posts   []model.Post
}

func seed(t *testing.T, db *store.DB, nt, np int) *world {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	w := &world{db: db}
	w.edition = model.Edition{Slug: "ocs", Name: "OCS", City: "Guangzhou", TimeZone: "Asia/Shanghai",
		StartDate: time.Date(2017, 12, 17, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2017, 12, 18, 0, 0, 0, 0, time.UTC)}
	must(t, db.CreateEdition(bg, &w.edition, 0))
	w.fair = model.Fair{EditionID: w.edition.ID, Kind: model.FairOverseas, Name: "Fair"}
	must(t, db.CreateFair(bg, &w.fair))
	w.org = model.Organization{Kind: model.OrgEnterprise, Name: "Acme", Status: model.OrgApproved}
	must(t, db.CreateOrganization(bg, &w.org))
	for i := range nt {
		u, err := db.Register(bg, &model.Registration{Email: fmt.Sprintf("t%d@x.example", i), Name: fmt.Sprintf("T%d", i),
			Password: "correct horse battery", Role: model.RoleTalent, Locale: "en"}, "hash")
		must(t, err)
		tal, err := db.TalentByUser(bg, u.ID)
		must(t, err)
		tal.Degree = degrees[rng.IntN(4)]
		tal.Skills = pick(rng, skillPool, 1+rng.IntN(4))
		tal.Languages = pick(rng, langPool, 1+rng.IntN(2))
		tal.PreferredCities = pick(rng, cityPool, rng.IntN(2))
		tal.YearsExperience = rng.IntN(10)
		tal.IntentChina = []model.Intent{model.IntentYes, model.IntentNo, model.IntentUndecided}[rng.IntN(3)]
		tal.Discipline = []string{"Computer Science", "Mechanical Engineering", "Economics", ""}[rng.IntN(4)]
		must(t, db.UpdateTalent(bg, &tal))
		w.talents = append(w.talents, tal)
	}
	for i := range np {
		p := model.Post{OrgID: w.org.ID, FairID: w.fair.ID, Title: fmt.Sprintf("P%d", i), Headcount: 1 + rng.IntN(3),
			Industry: []string{"Internet", "Manufacturing", "Finance"}[rng.IntN(3)], Skills: pick(rng, skillPool, 1+rng.IntN(4)),
			MinDegree: degrees[rng.IntN(4)], MinExperience: rng.IntN(6), City: cityPool[rng.IntN(len(cityPool))],
			Languages: pick(rng, langPool, rng.IntN(2)), Status: model.PostOpen}
		if i%7 == 0 {
			p.Status = model.PostClosed
		}
		must(t, db.CreatePost(bg, &p))
		w.posts = append(w.posts, p)
	}
	return w
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// reference loads the store's rows the plain way and converts them.
func reference(t *testing.T, w *world) ([]match.Talent, []match.Post) {
	ts, err := w.db.ListTalents(bg, store.TalentFilter{Limit: 200})
	must(t, err)
	ps, err := w.db.ListPosts(bg, store.PostFilter{EditionID: w.edition.ID, Limit: 200})
	must(t, err)
	var mt []match.Talent
	for _, x := range ts {
		mt = append(mt, recommend.Talent(x))
	}
	var mp []match.Post
	for _, x := range ps {
		mp = append(mp, recommend.Post(x, true))
	}
	return mt, mp
}

func same(t *testing.T, what string, got, want []match.Match) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// check compares every answer of rec with the engine's brute force over
// the store's current rows.
func check(t *testing.T, w *world, rec *recommend.Recommender) {
	t.Helper()
	mt, mp := reference(t, w)
	for _, x := range mt {
		got, err := rec.PostsFor(bg, x.ID, 10)
		must(t, err)
		same(t, fmt.Sprintf("talent %d", x.ID), got, match.TopPosts(x, mp, 10))
		// The fair list re-ranks within the exact top K+Slack and keeps
		// each pair's true score.
		fair, err := rec.FairPostRanks(bg, x.ID, 10)
		must(t, err)
		pool := map[int64]int{}
		for _, m := range match.TopPosts(x, mp, 30) {
			pool[m.PostID] = m.Score
		}
		if len(fair) != len(got) {
			t.Fatalf("talent %d: fair list has %d posts, exact %d", x.ID, len(fair), len(got))
		}
		for i, m := range fair {
			if s, ok := pool[m.PostID]; !ok || s != m.Score {
				t.Fatalf("talent %d: fair post %d (score %d) is not in the exact top 30 with that score", x.ID, m.PostID, m.Score)
			}
			if i > 0 && fair[i-1].Score-fair[i-1].Penalty < m.Score-m.Penalty {
				t.Fatalf("talent %d: fair list not ordered by score minus penalty", x.ID)
			}
		}
	}
	for _, p := range mp {
		got, err := rec.TalentsFor(bg, p.ID, 10)
		must(t, err)
		same(t, fmt.Sprintf("post %d", p.ID), got, match.TopTalents(p, mt, 10))
	}
	rate, err := rec.Rate(bg)
	must(t, err)
	if want := match.ComputeMatchingRate(mt, mp); rate != want {
		t.Fatalf("rate %+v, want %+v", rate, want)
	}
}

func TestRecommenderEqualsBruteForce(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			w := seed(t, b.Open(t), 60, 40)
			rec := recommend.New(w.db, recommend.Options{})
			check(t, w, rec)
			if r, _ := rec.Rate(bg); r.OpenPosts == 0 || r.Talents != 60 {
				t.Fatalf("rate over %+v", r)
			}

			// Own edits apply at once, without a poll.
			tal := w.talents[3]
			tal.Skills = []string{"Go", "SQL", "Kubernetes"}
			must(t, w.db.UpdateTalent(bg, &tal))
			rec.Talent(tal)
			p := w.posts[5]
			p.Skills = []string{"Go"}
			must(t, w.db.UpdatePost(bg, &p))
			rec.Post(p, w.edition.ID)
			closed := w.posts[8]
			must(t, w.db.SetPostStatus(bg, w.org.ID, closed.ID, model.PostClosed))
			closed.Status = model.PostClosed
			rec.Post(closed, w.edition.ID)
			check(t, w, rec)
		})
	}
}

// TestConvergence runs two recommenders on one database, as two instances
// would: an edit through one appears in the other after a poll.
func TestConvergence(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			w := seed(t, b.Open(t), 30, 20)
			opt := recommend.Options{Every: time.Hour} // polls only when asked
			a, other := recommend.New(w.db, opt), recommend.New(w.db, opt)
			must(t, a.Build(bg))
			must(t, other.Build(bg))

			// Through a: a talent with new skills, a post closed, a post created.
			tal := w.talents[0]
			tal.Skills, tal.Degree, tal.IntentChina = []string{"CAD", "Welding"}, model.DegreePhD, model.IntentYes
			tal.PreferredCities = nil
			must(t, w.db.UpdateTalent(bg, &tal))
			a.Talent(tal)
			must(t, w.db.SetPostStatus(bg, w.org.ID, w.posts[1].ID, model.PostClosed))
			closed := w.posts[1]
			closed.Status = model.PostClosed // UpdatedAt stale, as the web's hook has it
			a.Post(closed, w.edition.ID)
			p := model.Post{OrgID: w.org.ID, FairID: w.fair.ID, Title: "Welder", Skills: []string{"Welding", "CAD"},
				City: "Guangzhou", Headcount: 2, MinDegree: model.DegreeNone, Status: model.PostOpen}
			must(t, w.db.CreatePost(bg, &p))
			a.Post(p, w.edition.ID)

			got, err := a.PostsFor(bg, tal.ID, 10)
			must(t, err)
			if len(got) == 0 || got[0].PostID != p.ID {
				t.Fatalf("a: top posts of the edited talent %+v, want post %d first", got, p.ID)
			}
			before, _ := other.PostsFor(bg, tal.ID, 10)
			if len(before) > 0 && before[0].PostID == p.ID {
				t.Fatalf("other saw the new post before polling")
			}
			must(t, other.Poll(bg))
			w.posts[1].Status = model.PostClosed
			check(t, w, other)
			check(t, w, a)
			must(t, a.Poll(bg)) // a poll after own edits changes nothing
			check(t, w, a)
		})
	}
}

// TestConcurrent reads, edits and polls together (run with -race).
func TestConcurrent(t *testing.T) {
	w := seed(t, storetest.SQLite(t), 20, 15)
	rec := recommend.New(w.db, recommend.Options{Every: time.Millisecond})
	must(t, rec.Build(bg))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 20 {
				switch g {
				case 0:
					tal := w.talents[i%len(w.talents)]
					tal.Skills = []string{skillPool[i%len(skillPool)], "Go"}
					if err := w.db.UpdateTalent(bg, &tal); err != nil {
						t.Error(err)
						return
					}
					rec.Talent(tal)
				case 1:
					if err := rec.Poll(bg); err != nil {
						t.Error(err)
					}
				default:
					if _, err := rec.PostsFor(bg, w.talents[i%len(w.talents)].ID, 5); err != nil {
						t.Error(err)
					}
					if _, err := rec.TalentsFor(bg, w.posts[i%len(w.posts)].ID, 5); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	must(t, rec.Poll(bg))
	fresh, err := w.db.ListTalents(bg, store.TalentFilter{Limit: 200})
	must(t, err)
	w.talents = fresh
	check(t, w, rec)
}

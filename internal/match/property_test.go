package match

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// Small random instances with a tiny vocabulary, so pairs share skills,
// scores tie and every branch of the list maintenance runs.

var propSkills = []string{"Go", "golang", "GO ", "python", "Python编程", "机器学习", "ML", "machine learning", "foo", "FOO", "bar", "深度学习", "ＰＹＴＨＯＮ", "baz qux"}
var propLangs = []string{"zh", "英语", "English", "ja", "日语", "ru"}
var propCities = []string{"北京", "Beijing", "上海", "shenzhen", "Atlantis"}

func propPick(r *rand.Rand, pool []string, max int) []string {
	var out []string
	for range r.IntN(max + 1) {
		out = append(out, pool[r.IntN(len(pool))])
	}
	return out
}

// rareLangs makes some instances intern more than 64 languages, which moves
// required languages off the bitmask fast path.
func propLang(r *rand.Rand, rare bool) []string {
	l := propPick(r, propLangs, 3)
	switch {
	case rare && r.IntN(8) == 0:
		for i := range 80 {
			l = append(l, fmt.Sprintf("lang%d", i))
		}
	case rare && r.IntN(2) == 0:
		l = append(l, fmt.Sprintf("lang%d", 60+r.IntN(20)))
	}
	return l
}

func propTalent(r *rand.Rand, id int64, rare bool) Talent {
	t := Talent{
		ID: id, Degree: Degree(r.IntN(4)), Discipline: []string{"计算机", "chemistry", "unknown", "Biology"}[r.IntN(4)],
		Skills: propPick(r, propSkills, 5), Languages: propLang(r, rare), YearsExperience: r.IntN(7),
		IntentChina: Intent(r.IntN(3)), PreferredCities: propPick(r, propCities, 2),
	}
	// Some talents name many towns, so city ids grow past what Build packs.
	if rare && r.IntN(6) == 0 {
		for i := range 150 {
			t.PreferredCities = append(t.PreferredCities, fmt.Sprintf("town%d", i))
		}
	}
	return t
}

func propCity(r *rand.Rand, rare bool) string {
	if rare && r.IntN(3) == 0 {
		return fmt.Sprintf("town%d", 120+r.IntN(30))
	}
	return propCities[r.IntN(len(propCities))]
}

func propPost(r *rand.Rand, id int64, rare bool) Post {
	p := Post{
		ID: id, Industry: []string{"电子信息", "new materials", "biotech", "?"}[r.IntN(4)],
		Skills: propPick(r, propSkills, 4), MinDegree: Degree(r.IntN(4)), MinExperience: r.IntN(7),
		City: propCity(r, rare), Headcount: r.IntN(4), Open: r.IntN(6) != 0,
	}
	if r.IntN(3) == 0 {
		p.Languages = propLang(r, rare)[:0:0]
		if r.IntN(2) == 0 {
			p.Languages = append(p.Languages, propLang(r, rare)...)
		}
	}
	return p
}

// propIDs returns n distinct ids in random order, so slot order and id order differ.
func propIDs(r *rand.Rand, n int) []int64 {
	ids := make([]int64, n)
	for i, v := range r.Perm(n * 3)[:n] {
		ids[i] = int64(v) - int64(n)
	}
	return ids
}

func propOptions(r *rand.Rand) Options {
	return Options{K: 1 + r.IntN(5), Slack: r.IntN(4) - 1, Workers: 1 + r.IntN(3)}
}

// world is the plain data an index should mirror.
type world struct {
	talents map[int64]Talent
	posts   map[int64]Post
}

func (w *world) slices() ([]Talent, []Post) {
	ts := make([]Talent, 0, len(w.talents))
	for _, t := range w.talents {
		ts = append(ts, t)
	}
	ps := make([]Post, 0, len(w.posts))
	for _, p := range w.posts {
		ps = append(ps, p)
	}
	slices.SortFunc(ts, func(a, b Talent) int { return int(a.ID - b.ID) })
	slices.SortFunc(ps, func(a, b Post) int { return int(a.ID - b.ID) })
	return ts, ps
}

// checkAgainstBruteForce compares every answer of ix with the brute force
// over w, at depths served from the kept lists and beyond them.
func checkAgainstBruteForce(t *testing.T, ix *Index, w *world) {
	t.Helper()
	ts, ps := w.slices()
	K := ix.opt.K
	for _, tal := range ts {
		want := TopPosts(tal, ps, len(ps))
		for _, k := range []int{1, K, K + 2, len(ps) + 1} {
			got, err := ix.TopPostsForTalent(tal.ID, k)
			if err != nil {
				t.Fatal(err)
			}
			sameMatches(t, fmt.Sprintf("talent %d k=%d", tal.ID, k), got, want[:min(k, len(want))])
		}
	}
	for _, p := range ps {
		want := TopTalents(p, ts, len(ts))
		for _, k := range []int{1, K, K + 2, len(ts) + 1} {
			got, err := ix.TopTalentsForPost(p.ID, k)
			if err != nil {
				t.Fatal(err)
			}
			sameMatches(t, fmt.Sprintf("post %d k=%d", p.ID, k), got, want[:min(k, len(want))])
		}
	}
	checkRateAndInvariants(t, ix, ts, ps)
}

// checkTopAgainstBruteForce is the lighter check for larger instances: the
// kept depth and a little beyond, which reads scan.
func checkTopAgainstBruteForce(t *testing.T, ix *Index, w *world) {
	t.Helper()
	ts, ps := w.slices()
	k := ix.opt.K + ix.opt.Slack + 2
	for _, tal := range ts {
		got, err := ix.TopPostsForTalent(tal.ID, k)
		if err != nil {
			t.Fatal(err)
		}
		sameMatches(t, fmt.Sprintf("talent %d", tal.ID), got, TopPosts(tal, ps, k))
	}
	for _, p := range ps {
		got, err := ix.TopTalentsForPost(p.ID, k)
		if err != nil {
			t.Fatal(err)
		}
		sameMatches(t, fmt.Sprintf("post %d", p.ID), got, TopTalents(p, ts, k))
	}
	checkRateAndInvariants(t, ix, ts, ps)
}

func checkRateAndInvariants(t *testing.T, ix *Index, ts []Talent, ps []Post) {
	t.Helper()
	if got, want := ix.MatchingRate(), ComputeMatchingRate(ts, ps); got != want {
		t.Fatalf("matching rate %+v, want %+v", got, want)
	}
	checkInvariants(t, ix)
}

func sameMatches(t *testing.T, what string, got, want []Match) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d matches, want %d: got %v want %v", what, len(got), len(want), brief(got), brief(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s: match %d = %+v, want %+v (lists %v, %v)", what, i, got[i], want[i], brief(got), brief(want))
		}
	}
}

func brief(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("t%d/p%d:%d", m.TalentID, m.PostID, m.Score))
	}
	return out
}

// checkInvariants checks the index's own bookkeeping (see the side type).
func checkInvariants(t *testing.T, ix *Index) {
	t.Helper()
	for s := range ix.s {
		me, o := &ix.s[s], &ix.s[1-s]
		total := 0
		for x, l := range me.lists {
			if !me.live[x] {
				if len(l) != 0 || len(me.in[x]) != 0 {
					t.Fatalf("side %d: dead slot %d has list or in", s, x)
				}
				continue
			}
			bar := me.bar[x]
			ix.setBar(s, int32(x))
			if bar != me.bar[x] {
				t.Fatalf("side %d slot %d: bar %d, want %d", s, x, bar, me.bar[x])
			}
			if len(l) > ix.depth || !me.complete[x] && len(l) < ix.opt.K && !me.queued[x] {
				t.Fatalf("side %d slot %d: len %d complete %v", s, x, len(l), me.complete[x])
			}
			for i, e := range l {
				if i > 0 && !l[i-1].better(e) {
					t.Fatalf("side %d slot %d: list out of order", s, x)
				}
				if !slices.Contains(o.in[e.slot], int32(x)) {
					t.Fatalf("side %d slot %d: entry %d missing from in", s, x, e.slot)
				}
			}
			total += len(l)
		}
		if o.inTotal != total {
			t.Fatalf("side %d: inTotal %d, lists hold %d", 1-s, o.inTotal, total)
		}
	}
}

func TestBuildEqualsBruteForce(t *testing.T) {
	for seed := range uint64(25) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 1))
			w := &world{talents: map[int64]Talent{}, posts: map[int64]Post{}}
			rare := seed%3 == 0
			for _, id := range propIDs(r, 5+r.IntN(25)) {
				w.talents[id] = propTalent(r, id, rare)
			}
			for _, id := range propIDs(r, 5+r.IntN(20)) {
				w.posts[id] = propPost(r, id, rare)
			}
			ts, ps := w.slices()
			opt := propOptions(r)
			ix, err := Build(ts, ps, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstBruteForce(t, ix, w)
			checkMutualCounts(t, ix, ts, ps)
			// The same by post skill set (build_classes.go), which Build
			// chooses on its own only when posts repeat few skill sets.
			opt.classes = 1
			if ix, err = Build(ts, ps, opt); err != nil {
				t.Fatal(err)
			}
			checkAgainstBruteForce(t, ix, w)
			checkMutualCounts(t, ix, ts, ps)
		})
	}
}

// MatchedSkills, the landing's cheap part of an explanation, is exactly
// the explanation's matched skills, for every pair.
func TestMatchedSkillsAsExplained(t *testing.T) {
	for seed := range uint64(10) {
		r := rand.New(rand.NewPCG(seed, 2))
		w := &world{talents: map[int64]Talent{}, posts: map[int64]Post{}}
		for _, id := range propIDs(r, 5+r.IntN(25)) {
			w.talents[id] = propTalent(r, id, seed%2 == 0)
		}
		for _, id := range propIDs(r, 5+r.IntN(20)) {
			w.posts[id] = propPost(r, id, seed%2 == 0)
		}
		ts, ps := w.slices()
		ix, err := Build(ts, ps, propOptions(r))
		if err != nil {
			t.Fatal(err)
		}
		matched := 0
		for _, tl := range ts {
			for _, p := range ps {
				e, err := ix.Explain(tl.ID, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ix.MatchedSkills(tl.ID, p.ID)
				if err != nil || !slices.Equal(got, e.Matched) {
					t.Fatalf("seed %d: MatchedSkills(%d, %d) = %q, %v; explanation has %q", seed, tl.ID, p.ID, got, err, e.Matched)
				}
				matched += len(got)
			}
		}
		if matched == 0 {
			t.Fatalf("seed %d: no pair shares a skill: the test checks nothing", seed)
		}
	}
}

func TestUpdatesEqualBruteForce(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 2))
			rare := seed%3 == 0
			w := &world{talents: map[int64]Talent{}, posts: map[int64]Post{}}
			var ix *Index
			if seed%2 == 0 {
				ix = NewIndex(propOptions(r))
			} else {
				for _, id := range propIDs(r, 15) {
					w.talents[id] = propTalent(r, id, rare)
				}
				for _, id := range propIDs(r, 12) {
					w.posts[id] = propPost(r, id, rare)
				}
				ts, ps := w.slices()
				var err error
				if ix, err = Build(ts, ps, propOptions(r)); err != nil {
					t.Fatal(err)
				}
			}
			anyKey := func(m map[int64]Talent) (int64, bool) {
				ids := make([]int64, 0, len(m))
				for id := range m {
					ids = append(ids, id)
				}
				if len(ids) == 0 {
					return 0, false
				}
				slices.Sort(ids)
				return ids[r.IntN(len(ids))], true
			}
			anyPost := func() (int64, bool) {
				ids := make([]int64, 0, len(w.posts))
				for id := range w.posts {
					ids = append(ids, id)
				}
				if len(ids) == 0 {
					return 0, false
				}
				slices.Sort(ids)
				return ids[r.IntN(len(ids))], true
			}
			for op := range 60 {
				id := int64(r.IntN(40))
				switch r.IntN(7) {
				case 0, 1: // upsert a talent, new or changed
					tal := propTalent(r, id, rare)
					w.talents[id] = tal
					ix.UpsertTalent(tal)
				case 2:
					if id, ok := anyKey(w.talents); ok {
						delete(w.talents, id)
						if err := ix.RemoveTalent(id); err != nil {
							t.Fatal(err)
						}
					}
				case 3, 4:
					p := propPost(r, id, rare)
					w.posts[id] = p
					ix.UpsertPost(p)
				case 5:
					if id, ok := anyPost(); ok {
						delete(w.posts, id)
						if err := ix.RemovePost(id); err != nil {
							t.Fatal(err)
						}
					}
				case 6: // open or close a post
					if id, ok := anyPost(); ok {
						p := w.posts[id]
						p.Open = !p.Open
						w.posts[id] = p
						ix.UpsertPost(p)
					}
				}
				t.Run(fmt.Sprint("op", op), func(t *testing.T) { checkAgainstBruteForce(t, ix, w) })
				if t.Failed() {
					return
				}
			}
			if err := ix.RemoveTalent(1 << 40); err != ErrNotFound {
				t.Fatalf("remove unknown talent: %v, want ErrNotFound", err)
			}
			if _, err := ix.TopTalentsForPost(1<<40, 3); err != ErrNotFound {
				t.Fatalf("top of unknown post: %v, want ErrNotFound", err)
			}
		})
	}
}

// TestClassMutualRareLanguages checks the class build's mutual counts
// (acceptBits: one bitset per post filter) on worlds where posts require
// languages past the bitmask, whose talents are tested one by one.
func TestClassMutualRareLanguages(t *testing.T) {
	slow := 0
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 3))
		w := &world{talents: map[int64]Talent{}, posts: map[int64]Post{}}
		for _, id := range propIDs(r, 40+r.IntN(40)) {
			w.talents[id] = propTalent(r, id, true)
		}
		for _, id := range propIDs(r, 20+r.IntN(20)) {
			p := propPost(r, id, true)
			if r.IntN(2) == 0 {
				p.Languages = append(p.Languages, fmt.Sprintf("lang%d", 60+r.IntN(20)))
			}
			w.posts[id] = p
		}
		ts, ps := w.slices()
		opt := propOptions(r)
		opt.classes = 1
		ix, err := Build(ts, ps, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, pf := range ix.pf {
			if pf.flags&pfLangSlow != 0 {
				slow++
			}
		}
		checkMutualCounts(t, ix, ts, ps)
	}
	if slow == 0 {
		t.Fatal("no post requires a language past the bitmask: the test checks nothing")
	}
}

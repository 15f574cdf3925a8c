package match

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// The synthetic convention at a size where Build's pruning, the reduced
// second-pass index and the repair queue all run, checked against brute force.
func TestSynthIndexEqualsBruteForce(t *testing.T) {
	sw := newSynthWorld(7, 400, 200)
	w := &world{talents: map[int64]Talent{}, posts: map[int64]Post{}}
	for _, tal := range sw.Talents {
		w.talents[tal.ID] = tal
	}
	for _, p := range sw.Posts {
		w.posts[p.ID] = p
	}
	// Generalists share more skills than the build's tables cover.
	all := make([]string, 0, len(vocabulary))
	for _, s := range vocabulary {
		all = append(all, s.EN)
	}
	w.talents[10_001] = Talent{ID: 10_001, Degree: DegreePhD, Skills: all, YearsExperience: 30, Languages: []string{"zh", "en"}}
	w.posts[10_001] = Post{ID: 10_001, Skills: all[:40], Open: true, Headcount: 3}

	ts, ps := w.slices()
	ix, err := Build(ts, ps, Options{K: 4, Slack: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkTopAgainstBruteForce(t, ix, w)

	r := rand.New(rand.NewPCG(7, 7))
	fresh := newSynthWorld(8, 50, 50)
	for op := range 30 {
		switch op % 3 {
		case 0: // remove the post held in the most lists: many lists lose an entry
			best, n := int64(0), -1
			for id, x := range ix.s[sideP].slotOf {
				if l := len(ix.s[sideP].in[x]); l > n || l == n && id < best {
					best, n = id, l
				}
			}
			delete(w.posts, best)
			if err := ix.RemovePost(best); err != nil {
				t.Fatal(err)
			}
		case 1:
			p := fresh.Posts[op]
			p.ID = ps[r.IntN(len(ps))].ID
			w.posts[p.ID] = p
			ix.UpsertPost(p)
		case 2:
			tal := fresh.Talents[op]
			tal.ID = ts[r.IntN(len(ts))].ID
			w.talents[tal.ID] = tal
			ix.UpsertTalent(tal)
		}
	}
	checkTopAgainstBruteForce(t, ix, w)
}

func TestBuildRejectsDuplicateIDs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		talents []Talent
		posts   []Post
	}{
		{"talents", []Talent{{ID: 3}, {ID: 1}, {ID: 3}}, nil},
		{"posts", nil, []Post{{ID: 2}, {ID: 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Build(tc.talents, tc.posts, Options{}); err == nil {
				t.Fatal("Build accepted duplicate ids")
			}
		})
	}
}

func TestIndexNotFound(t *testing.T) {
	ix := NewIndex(Options{})
	ix.UpsertTalent(Talent{ID: 1, Skills: []string{"go"}})
	for name, err := range map[string]error{
		"top posts":   second(ix.TopPostsForTalent(2, 5)),
		"top talents": second(ix.TopTalentsForPost(1, 5)),
		"fair":        second(ix.FairTopPostsForTalent(2, 5, Fairness{Lambda: 100})),
		"explain":     second(ix.Explain(1, 1)),
		"skills":      second(ix.MatchedSkills(1, 1)),
		"remove post": ix.RemovePost(1),
	} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", name, err)
		}
	}
	if n, m := ix.Len(); n != 1 || m != 0 {
		t.Fatalf("Len = %d, %d; want 1, 0", n, m)
	}
}

func second[T any](_ T, err error) error { return err }

// Readers may run while a writer updates: run under -race.
func TestIndexConcurrentUse(t *testing.T) {
	sw := newSynthWorld(3, 200, 100)
	ix, err := Build(sw.Talents, sw.Posts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errs := make(chan error, 4)
	for g := range 3 {
		go func() {
			for i := 0; ; i++ {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				id := sw.Talents[(i*7+g)%len(sw.Talents)].ID
				if _, err := ix.TopPostsForTalent(id, 25); err != nil {
					errs <- fmt.Errorf("reader %d: %w", g, err)
					return
				}
				ix.MatchingRate()
			}
		}()
	}
	fresh := newSynthWorld(4, 50, 50)
	for i := range 50 {
		tal := fresh.Talents[i]
		tal.ID = sw.Talents[i].ID
		ix.UpsertTalent(tal)
		p := fresh.Posts[i]
		p.ID = sw.Posts[i].ID
		ix.UpsertPost(p)
	}
	close(done)
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestBuildEmptyAndOneSided(t *testing.T) {
	for _, tc := range []struct {
		name    string
		talents []Talent
		posts   []Post
	}{
		{"empty", nil, nil},
		{"talents only", []Talent{baseTalent}, nil},
		{"posts only", nil, []Post{basePost}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := Build(tc.talents, tc.posts, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := MatchingRate{OpenPosts: len(tc.posts), Talents: len(tc.talents)}
			if got := ix.MatchingRate(); got != want {
				t.Fatalf("rate %+v, want %+v", got, want)
			}
			for _, tal := range tc.talents {
				if top, err := ix.TopPostsForTalent(tal.ID, 5); err != nil || len(top) != 0 {
					t.Fatalf("top posts %v, %v", top, err)
				}
			}
		})
	}
}

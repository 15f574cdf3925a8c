package match

import (
	"fmt"
	"slices"
	"testing"
)

// TestMoreThanMaxSkills: beyond MaxSkills the skills kept must not depend
// on the order an index first saw them (issue 20). Talent 1 lists 300
// skills backwards, so the index hands out ids from x299 down; the brute
// force for the post, which sees x000 first, hands them out the other way.
func TestMoreThanMaxSkills(t *testing.T) {
	var skills []string
	for i := range 300 {
		skills = append(skills, fmt.Sprintf("x%03d", i))
	}
	back := slices.Clone(skills)
	slices.Reverse(back)
	talents := []Talent{
		{ID: 1, Degree: DegreePhD, Skills: back, YearsExperience: 5},
		{ID: 2, Degree: DegreePhD, Skills: skills, YearsExperience: 5},
	}
	posts := []Post{
		{ID: 1, Skills: []string{"x000"}, Open: true},
		{ID: 2, Skills: []string{"x299"}, Open: true},
		{ID: 3, Skills: []string{"x254", "x255"}, Open: true},
	}
	ix, err := Build(talents, posts, Options{K: 5, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{talents: map[int64]Talent{}, posts: map[int64]Post{}}
	for _, tal := range talents {
		w.talents[tal.ID] = tal
	}
	for _, p := range posts {
		w.posts[p.ID] = p
	}
	checkAgainstBruteForce(t, ix, w)
	for _, p := range posts {
		got, err := ix.TopTalentsForPost(p.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		// The kept skills are the 255 first keys: x000…x254.
		if want := map[int64]int{1: 2, 2: 0, 3: 2}[p.ID]; len(got) != want {
			t.Fatalf("post %d: %d talents, want %d", p.ID, len(got), want)
		}
	}
}

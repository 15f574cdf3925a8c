package gen_test

import (
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/match"
)

// TestVocabulary checks that the matching engine recognizes every skill,
// discipline, industry and city label the generator writes, in both
// languages, and files skills under the same field.
func TestVocabulary(t *testing.T) {
	fieldOf := map[string]match.Field{} // skill key → field
	for _, s := range match.Vocabulary() {
		fieldOf[s.Key] = s.Field
	}
	for _, f := range gen.Fields() {
		t.Run(f.Key, func(t *testing.T) {
			if got, ok := match.IndustryField(f.EN); !ok || string(got) != f.Key {
				t.Fatalf("industry %q → %q, %v; want %q", f.EN, got, ok, f.Key)
			}
			for _, s := range f.Skills {
				for _, label := range []string{s.EN, s.ZH} {
					key := match.CanonicalSkill(label)
					if got := fieldOf[key]; string(got) != f.Key {
						t.Fatalf("skill %q → key %q of field %q, want a %s skill", label, key, got, f.Key)
					}
				}
			}
			for _, d := range f.Disciplines {
				for _, label := range []string{d.EN, d.ZH} {
					if _, ok := match.CanonicalDiscipline(label); !ok {
						t.Fatalf("discipline %q not recognized", label)
					}
				}
			}
		})
	}
	known := map[string]bool{}
	for _, c := range match.Cities() {
		known[c.Key] = true
	}
	c := gen.Generate(5, 0.02)
	for _, p := range c.Posts {
		if !known[match.CanonicalCity(p.City)] {
			t.Fatalf("post city %q not recognized", p.City)
		}
	}
}

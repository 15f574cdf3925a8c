package gen_test

import (
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/recommend"
)

// TestReportSeedFigures: at scale 1 the convention has the seed's "more
// than 2,000" CVs from overseas talents (applicants with a CV) and its
// video fair's person-post matching rate is above 85% (the share of the
// video fair's talents with a mutually acceptable video post, the figure
// internal/figures computes). Both were 0 and 57% before issue 19.
func TestReportSeedFigures(t *testing.T) {
	c := gen.Generate(2017, 1)
	tot := c.Totals()
	if tot.OverseasCVs <= 2000 || tot.OverseasCVs > tot.OverseasApplicants {
		t.Errorf("overseas CVs %d of %d applicants, want more than 2,000", tot.OverseasCVs, tot.OverseasApplicants)
	}
	var posts []match.Post
	for _, p := range c.Posts {
		if p.FairID == c.Fairs[2].ID && p.Status == model.PostOpen {
			posts = append(posts, recommend.Post(p, true))
		}
	}
	matched := 0
	for _, id := range c.VideoTalents {
		tl := c.Talents[id-1]
		if tl.IntentChina == model.IntentNo {
			t.Errorf("video talent %d refuses to work in China", id)
		}
		mt := recommend.Talent(tl)
		for _, p := range posts {
			if match.MutuallyAcceptable(mt, p) {
				matched++
				break
			}
		}
	}
	if rate := float64(matched) / float64(len(c.VideoTalents)); rate <= 0.85 || rate > 0.95 {
		t.Errorf("video matching rate %.3f (%d of %d), want above 0.85 (and believably below 0.95)", rate, matched, len(c.VideoTalents))
	}
	// The CVs load: every talent with a CV file has its bytes (TestLoad
	// loads; here the keys are distinct per talent).
	seen := map[string]bool{}
	for _, tl := range c.Talents {
		if tl.CVFile != "" {
			if seen[tl.CVFile] {
				t.Fatalf("two talents share CV %s", tl.CVFile)
			}
			seen[tl.CVFile] = true
		}
	}
}

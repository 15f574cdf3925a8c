package gen_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
)

func encode(t *testing.T, c *gen.Convention) []byte {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDeterminism(t *testing.T) {
	cases := []struct {
		name         string
		seedA, seedB int64
		scale        float64
		equal        bool
	}{
		{"same seed", 42, 42, 0.1, true},
		{"same seed, small", 7, 7, 0.02, true},
		{"different seed", 42, 43, 0.1, false},
		{"different seed, small", 1, 2, 0.02, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := encode(t, gen.Generate(c.seedA, c.scale)), encode(t, gen.Generate(c.seedB, c.scale))
			if got := bytes.Equal(a, b); got != c.equal {
				t.Fatalf("seeds %d and %d at scale %g: equal = %v, want %v", c.seedA, c.seedB, c.scale, got, c.equal)
			}
		})
	}
}

// TestSeedFigures checks that scale 1 reproduces the published figures.
func TestSeedFigures(t *testing.T) {
	c := gen.Generate(2017, 1)
	tot := c.Totals()
	share := func(n, of int) float64 { return 100 * float64(n) / float64(of) }
	exact := []struct {
		name      string
		got, want int
	}{
		{"overseas talents", tot.Overseas, 3500},
		{"high-skilled talents", tot.HighSkilled, 1500},
		{"international students", tot.Students, 800},
		{"enterprises", tot.Enterprises, 354},
		{"Global 500", tot.Global500, 50},
		{"enterprises posting on the platform", tot.PostingEnterprises, 335},
		{"delegations", tot.Delegations, 378},
		{"foreign (CIS) delegations", tot.ForeignDelegations, 1},
		{"CIS delegation projects", tot.CISProjects, 138},
		{"expert-program projects", tot.ExpertProjects, 164},
		{"selected contest projects", tot.Selected, 107},
		{"events", tot.Rows.Events, 17},
		{"venues", tot.Rows.Venues, 2},
		{"total venue area m²", tot.VenueAreaM2, 50000},
		{"fairs", tot.Rows.Fairs, 3},
		{"remote sessions", tot.Rows.RemoteSessions, 2},
		{"contests", tot.Rows.Contests, 1},
		{"video fair talents (nearly 110)", tot.VideoTalents, 108},
		{"dockings (nearly 4,000)", tot.Rows.Dockings, 3950},
		{"projects with a preliminary agreement", tot.DockingsByStage[model.DockPreliminary], 40},
		{"projects intending to sign contracts", tot.DockingsByStage[model.DockContract], 150},
	}
	for _, e := range exact {
		t.Run(e.name, func(t *testing.T) {
			if e.got != e.want {
				t.Fatalf("got %d, want %d", e.got, e.want)
			}
		})
	}
	atLeast := []struct {
		name     string
		got, min int
	}{
		{"posts over 10,000", tot.Rows.Posts, 10000},
		{"delegation projects over 2,000", tot.DelegationProjects, 2000},
		{"talent projects over 2,000", tot.TalentProjects, 2000},
		{"overseas CVs over 2,000", tot.OverseasApplicants, 2000},
		{"visits over 130,000", tot.VisitCount, 130000},
		{"experts more than 10", tot.Experts, 11},
		{"expert frontier programs shown, more than 300", tot.Rows.Exhibits, 301},
		{"posts in every fair", min(tot.PostsByFair[0], tot.PostsByFair[1], tot.PostsByFair[2]), 1},
	}
	for _, e := range atLeast {
		t.Run(e.name, func(t *testing.T) {
			if e.got < e.min {
				t.Fatalf("got %d, want at least %d", e.got, e.min)
			}
		})
	}
	near := []struct {
		name           string
		got, want, tol float64
	}{
		{"overseas PhD share %", share(tot.OverseasPhD, tot.Overseas), 63, 1},
		{"overseas intent share %", share(tot.OverseasIntentYes, tot.Overseas), 70, 1},
		{"video fair PhD share %", share(tot.VideoTalentsPhD, tot.VideoTalents), 75, 1},
		{"applications (about 33,000)", float64(tot.Rows.Applications), 33000, 1000},
	}
	for _, e := range near {
		t.Run(e.name, func(t *testing.T) {
			if math.Abs(e.got-e.want) > e.tol {
				t.Fatalf("got %.2f, want %.0f ± %.0f", e.got, e.want, e.tol)
			}
		})
	}
	t.Run("fair kinds and remote sessions", func(t *testing.T) {
		kinds := []model.FairKind{model.FairOverseas, model.FairHighSkilled, model.FairVideo}
		for i, f := range c.Fairs {
			if f.Kind != kinds[i] {
				t.Fatalf("fair %d kind %s, want %s", i, f.Kind, kinds[i])
			}
		}
		zones := map[string]string{}
		for _, s := range c.Sessions {
			if s.FairID != c.Fairs[2].ID {
				t.Fatalf("session %s not in the video fair", s.Location)
			}
			zones[s.TimeZone] = s.Location
		}
		if zones["Asia/Singapore"] != "Singapore" || zones["Asia/Tokyo"] == "" {
			t.Fatalf("sessions = %v, want Singapore and Japan", zones)
		}
	})
	t.Run("countries of residence", func(t *testing.T) {
		n := map[string]int{}
		for _, tl := range c.Talents {
			if tl.Category == model.TalentOverseas {
				n[tl.Residence]++
			}
		}
		for _, want := range []string{"USA", "Canada", "UK", "Australia", "Russia", "Kazakhstan", "Belarus", "Ukraine", "Uzbekistan", "Germany"} {
			if n[want] == 0 {
				t.Fatalf("no overseas talent resides in %s", want)
			}
		}
	})
	t.Run("regions", func(t *testing.T) {
		regs := gen.Regions()
		if len(regs) != 34 {
			t.Fatalf("%d regions, want 32 plus Hong Kong and Macao", len(regs))
		}
		for _, r := range regs {
			if r.EN == "" || r.ZH == "" || len(r.Units) == 0 {
				t.Fatalf("region %+v incomplete", r)
			}
		}
		seen := map[string]bool{}
		for _, o := range c.Orgs {
			if o.Kind == model.OrgDelegation && !o.Foreign {
				seen[o.Province] = true
			}
		}
		if len(seen) != 34 {
			t.Fatalf("delegations come from %d regions, want 34", len(seen))
		}
	})
}

// TestSmallScale checks the demo scale: a few dozen of most kinds, at least
// one of every kind, and an approval queue that is not empty.
func TestSmallScale(t *testing.T) {
	tot := gen.Generate(1, 0.02).Totals()
	cases := []struct {
		name     string
		got, min int
	}{
		{"talents", tot.Rows.Talents, 24},
		{"posts", tot.Rows.Posts, 24},
		{"applications", tot.Rows.Applications, 24},
		{"projects", tot.Rows.Projects, 24},
		{"enterprises", tot.Enterprises, 1},
		{"Global 500", tot.Global500, 1},
		{"delegations", tot.Delegations, 2},
		{"CIS delegation", tot.ForeignDelegations, 1},
		{"parks", tot.Parks, 1},
		{"HR firms", tot.HRFirms, 1},
		{"investors", tot.Investors, 1},
		{"pending organizations", tot.Pending, 1},
		{"video talents", tot.VideoTalents, 1},
		{"video posts", tot.PostsByFair[2], 1},
		{"contest entries", tot.Rows.Entries, 1},
		{"selected", tot.Selected, 1},
		{"judges", tot.Rows.ContestJudges, 3},
		{"dockings", tot.Rows.Dockings, 1},
		{"events", tot.Rows.Events, 17},
		{"booths", tot.Rows.Booths, 100},
		{"interview requests", tot.InterviewRequests, 1},
		{"negotiation requests", tot.NegotiationRequests, 1},
		{"exhibits", tot.Rows.Exhibits, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got < c.min {
				t.Fatalf("got %d, want at least %d", c.got, c.min)
			}
		})
	}
}

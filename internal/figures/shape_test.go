package figures_test

import (
	"testing"
	"time"

	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestFiguresFollowData builds a small convention of another shape by hand
// (two editions, no delegations, a high-skilled majority, few CVs) through
// the store's own operations and checks the figures count what is there,
// not what the seed says.
func TestFiguresFollowData(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			old := storetest.MustEdition(t, db, "ocs-2016")
			e := model.Edition{Slug: "ocs-2017b", Name: "OCS 2017", City: "Guangzhou", TimeZone: "Asia/Shanghai",
				StartDate: time.Date(2017, 12, 27, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2017, 12, 28, 0, 0, 0, 0, time.UTC)}
			if err := db.CreateEdition(ctx, &e, 0); err != nil {
				t.Fatal(err)
			}
			// storetest's edition is 2017-12-17; make it the earlier one.
			if _, err := db.PreviousEdition(ctx, e); err != nil {
				t.Fatalf("previous edition: %v", err)
			}
			// Everyone registers between the two editions: they count in
			// the second only.
			db.SetClock(func() time.Time { return time.Date(2017, 12, 20, 9, 0, 0, 0, time.UTC) })
			ent := storetest.MustRegister(t, db, "hr@shape.example", model.RoleEnterprise)
			db.SetOrgStatus(ctx, *ent.OrgID, model.OrgApproved, 0)
			mkFair := func(ed int64, kind model.FairKind) model.Fair {
				f := model.Fair{EditionID: ed, Kind: kind, Name: string(kind)}
				if err := db.CreateFair(ctx, &f); err != nil {
					t.Fatal(err)
				}
				return f
			}
			oldFair, skilled, video := mkFair(old.ID, model.FairOverseas), mkFair(e.ID, model.FairHighSkilled), mkFair(e.ID, model.FairVideo)
			mkPost := func(f model.Fair, skills ...string) model.Post {
				p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Post", Skills: skills, City: "Shenzhen"}
				if err := p.Validate(); err != nil {
					t.Fatal(err)
				}
				if err := db.CreatePost(ctx, &p); err != nil {
					t.Fatal(err)
				}
				return p
			}
			pOld, pSkilled, pVideo := mkPost(oldFair, "welding"), mkPost(skilled, "welding"), mkPost(video, "go", "sql")
			n := 0
			mkTalent := func(cat model.TalentCategory, deg model.Degree, intent model.Intent, cv bool, skills ...string) model.Talent {
				n++
				u := storetest.MustRegister(t, db, "t"+string(rune('a'+n))+"@shape.example", model.RoleTalent)
				tl, _ := db.TalentByUser(ctx, u.ID)
				tl.Category, tl.Degree, tl.IntentChina, tl.Skills, tl.Residence = cat, deg, intent, skills, "Canada"
				if err := db.UpdateTalent(ctx, &tl); err != nil {
					t.Fatal(err)
				}
				if cv {
					c := model.CV{TalentID: tl.ID, Content: []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n")}
					if err := db.SaveCV(ctx, &c); err != nil {
						t.Fatal(err)
					}
				}
				return tl
			}
			apply := func(tl model.Talent, p model.Post, ch model.Channel) {
				if _, _, err := db.Apply(ctx, tl.ID, p.ID, ch); err != nil {
					t.Fatal(err)
				}
			}
			// Overseas: a PhD with a CV who applies in the video fair and
			// matches; a master with a CV who applies and matches no
			// post; one with a CV who never applies; one who applied only
			// in the previous edition.
			a := mkTalent(model.TalentOverseas, model.DegreePhD, model.IntentYes, true, "go", "sql")
			bb := mkTalent(model.TalentOverseas, model.DegreeMaster, model.IntentNo, true, "go")
			c := mkTalent(model.TalentOverseas, model.DegreePhD, model.IntentYes, true)
			d := mkTalent(model.TalentOverseas, model.DegreeBachelor, model.IntentUndecided, true)
			// High-skilled, the majority: three apply (one with a CV).
			h1 := mkTalent(model.TalentHighSkilled, model.DegreeNone, model.IntentYes, true, "welding")
			h2 := mkTalent(model.TalentHighSkilled, model.DegreeNone, model.IntentYes, false, "welding")
			h3 := mkTalent(model.TalentHighSkilled, model.DegreeBachelor, model.IntentYes, false)
			mkTalent(model.TalentHighSkilled, model.DegreeNone, model.IntentYes, false)
			mkTalent(model.TalentHighSkilled, model.DegreeNone, model.IntentYes, false)
			apply(a, pVideo, model.ChannelPC)
			apply(bb, pVideo, model.ChannelMobile)
			apply(d, pOld, model.ChannelPC)
			apply(h1, pSkilled, model.ChannelScan)
			apply(h2, pSkilled, model.ChannelScan)
			apply(h3, pSkilled, model.ChannelMobile)
			_ = c

			s, err := figures.Compute(ctx, db, e)
			if err != nil {
				t.Fatal(err)
			}
			checks := []struct {
				name      string
				got, want float64
			}{
				{"overseas", s.Get("talents.by_category").Value("overseas"), 4},
				{"high-skilled", s.Get("talents.by_category").Value("high_skilled"), 5},
				{"overseas PhDs", s.Get("talents.overseas_by_degree").Value("phd"), 2},
				{"overseas intent yes", s.Get("talents.overseas_by_intent").Value("yes"), 2},
				{"CVs: overseas applicants of this edition with a CV", s.Get("cvs.overseas").Total(), 2},
				{"posts of this edition", s.Get("posts.by_fair").Total(), 2},
				{"video posts", s.Get("posts.by_fair").Value("video"), 1},
				{"applications", s.Get("applications.by_channel").Total(), 5},
				{"scan applications", s.Get("applications.by_channel").Value("scan"), 2},
				{"posting enterprises", s.Get("enterprises.posting").Total(), 1},
				{"enterprises", s.Get("enterprises.by_global500").Total(), 1},
				{"delegations", s.Get("delegations.by_province").Total(), 0},
				{"video talents", s.Get("video.talents_by_degree").Total(), 2},
				{"video matching rate %", s.Get(figures.VideoMatchingRate).Total(), 50},
			}
			for _, ch := range checks {
				if ch.got != ch.want {
					t.Errorf("%s: %g, want %g", ch.name, ch.got, ch.want)
				}
			}
			// The previous edition has its own figures.
			ps, err := figures.Compute(ctx, db, old)
			if err != nil {
				t.Fatal(err)
			}
			if got := ps.Get("applications.by_channel").Total(); got != 1 {
				t.Errorf("previous edition's applications %g, want 1", got)
			}
			if got := ps.Get("talents.by_category").Total(); got != 0 {
				t.Errorf("previous edition's talents %g, want 0 (all registered after it)", got)
			}
			cmp := figures.Compare(s, ps)
			if c := cmp["applications.by_channel"]; c.Cur != 5 || c.Prev != 1 || c.Abs != 4 || c.Pct != 400 {
				t.Errorf("comparison %+v", c)
			}
			_ = store.FigureRow{}
		})
	}
}

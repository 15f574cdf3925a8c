package gen

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/convene/convene/internal/model"
)

// applications has talents apply to posts, most in their own field, with
// each (talent, post) pair at most once. About two thirds of the talents
// apply (more than 2,000 overseas CVs at scale 1); a few apply a lot.
func (g *generator) applications(r *rand.Rand) {
	// Open posts by fair, and by fair and field.
	var byFair [3][]int64
	var byField [3][][]int64
	for f := range byField {
		byField[f] = make([][]int64, len(fields))
	}
	fieldIdx := map[string]int{} // looked up, never iterated
	for i, f := range fields {
		fieldIdx[f.EN] = i
	}
	for _, p := range g.c.Posts {
		if p.Status != model.PostOpen {
			continue
		}
		f := int(p.FairID - 1)
		byFair[f] = append(byFair[f], p.ID)
		byField[f][fieldIdx[p.Industry]] = append(byField[f][fieldIdx[p.Industry]], p.ID)
	}

	isVideo := make([]bool, len(g.c.Talents)+1)
	for _, id := range g.c.VideoTalents {
		isVideo[id] = true
	}
	g.applicants = make([]bool, len(g.c.Talents))
	var who []int64
	for _, grp := range []struct {
		ids   []int64
		share float64
	}{{g.overseas, 0.65}, {g.highSkilled, 0.70}, {g.student, 0.60}} {
		k := int(math.Round(grp.share * float64(len(grp.ids))))
		for _, o := range sample(r, grp.ids, len(grp.ids)) {
			if k > 0 || isVideo[o] {
				who = append(who, o)
				g.applicants[o-1] = true
				k--
			}
		}
	}
	// How many each applies to: a long tail, scaled so the total comes to
	// the seed's figure.
	w := make([]float64, len(who))
	for i := range w {
		w[i] = 1 + math.Floor(math.Exp(r.Float64()*3))
	}
	counts := quota(g.n(nApplications), w)

	var chosen []int64
	for i, tid := range who {
		t := g.c.Talents[tid-1]
		field := g.talentField[tid-1]
		chosen = chosen[:0]
		want := max(counts[i], 1)
		fairOf := func() int {
			switch t.Category {
			case model.TalentHighSkilled:
				return 1
			case model.TalentStudent:
				return []int{0, 0, 1}[r.IntN(3)]
			}
			return 0
		}
		if isVideo[tid] { // video talents apply in the video fair first
			for range between(r, 4, 8) {
				g.draw(r, &chosen, byField[2][field], byFair[2], 4)
			}
		}
		for tries := 0; len(chosen) < want && tries < 4*want; tries++ {
			f := fairOf()
			g.draw(r, &chosen, byField[f][field], byFair[f], 5)
		}
		for _, pid := range chosen {
			g.c.Applications = append(g.c.Applications, g.application(r, int64(len(g.c.Applications)+1), t, &g.c.Posts[pid-1]))
		}
	}
}

// draw adds one post not yet chosen: from the talent's field pool in outOf
// of outOf+1 cases, else from the whole fair.
func (g *generator) draw(r *rand.Rand, chosen *[]int64, field, fair []int64, outOf int) {
	pool := field
	if len(pool) == 0 || r.IntN(outOf+1) == outOf {
		pool = fair
	}
	if len(pool) == 0 {
		return
	}
	for range 3 {
		p := pick(r, pool)
		dup := false
		for _, c := range *chosen {
			dup = dup || c == p
		}
		if !dup {
			*chosen = append(*chosen, p)
			return
		}
	}
}

var (
	appStatuses = []model.AppStatus{model.AppApplied, model.AppViewed, model.AppInterview, model.AppOffer, model.AppHired, model.AppRejected, model.AppWithdrawn}
	appStatusW  = []float64{40, 25, 15, 6, 4, 8, 2}
)

func (g *generator) application(r *rand.Rand, id int64, t model.Talent, p *model.Post) model.Application {
	onSite := p.FairID != 3
	chW := []float64{45, 40, 15}
	if !onSite {
		chW = []float64{55, 45, 0}
	}
	ch := model.Channels[weighted(r, chW)]
	var at time.Time
	switch {
	case ch == model.ChannelScan || r.IntN(2) == 0: // at the fair
		at = local(r.IntN(2), between(r, 9, 16), r.IntN(60))
	case r.IntN(10) < 7: // the two weeks before
		at = day1.Add(-time.Duration(between(r, 1, 14*24)) * time.Hour)
	default: // the platform stays open after the fair
		at = day1.Add(time.Duration(between(r, 2*24, 21*24)) * time.Hour)
	}
	if !at.After(p.CreatedAt) {
		at = p.CreatedAt.Add(time.Duration(between(r, 1, 48)) * time.Hour)
	}
	st := appStatuses[weighted(r, appStatusW)]
	upd := at
	if st != model.AppApplied {
		upd = at.Add(time.Duration(between(r, 1, 10*24)) * time.Hour)
	}
	return model.Application{ID: id, TalentID: t.ID, PostID: p.ID, Channel: ch, Status: st, CreatedAt: at, UpdatedAt: upd}
}

// Visit days: the week before the fair and its two days, when the platform
// is busiest.
var (
	visitDays = []string{"2017-12-10", "2017-12-11", "2017-12-12", "2017-12-13", "2017-12-14", "2017-12-15", "2017-12-16", "2017-12-17", "2017-12-18"}
	visitDayW = []float64{1, 1, 1, 1.5, 1.5, 2, 3, 12, 10}
)

// visits spreads the seed's 130,000+ visits over post pages, enterprise
// pages and scan landing pages, by day and channel.
func (g *generator) visits(r *rand.Rand) {
	parts := quota(g.n(nVisits), []float64{70, 20, 10})
	var posts, onSite []int64
	var postW, onSiteW []float64
	for _, p := range g.c.Posts {
		w := 1 + 3*r.Float64()
		if g.c.Orgs[p.OrgID-1].Global500 {
			w += 3
		}
		posts, postW = append(posts, p.ID), append(postW, w)
		if p.FairID != 3 {
			onSite, onSiteW = append(onSite, p.ID), append(onSiteW, w)
		}
	}
	var ents []int64
	var entW []float64
	for _, id := range g.enterprises {
		w := 1 + r.Float64()
		if g.c.Orgs[id-1].Global500 {
			w += 4
		}
		ents, entW = append(ents, id), append(entW, w)
	}
	cells := make([]float64, 2*len(visitDays))
	for d, w := range visitDayW {
		cells[2*d], cells[2*d+1] = w, w // pc, mobile
	}
	scanCells := make([]float64, len(visitDays))
	scanCells[7], scanCells[8] = 1, 1
	spread := func(kind string, ids []int64, w []float64, total int, scan bool) {
		var acc []int
		for i, c := range quota(total, w) {
			if c == 0 {
				continue
			}
			cw := cells
			if scan {
				cw = scanCells
			}
			acc = append(acc[:0], make([]int, len(cw))...)
			for range c {
				acc[weighted(r, cw)]++
			}
			for k, v := range acc {
				if v == 0 {
					continue
				}
				vis := Visit{TargetKind: kind, TargetID: ids[i], Count: v}
				if scan {
					vis.Day, vis.Channel = visitDays[k], model.ChannelScan
				} else {
					vis.Day, vis.Channel = visitDays[k/2], model.Channels[k%2]
				}
				g.c.Visits = append(g.c.Visits, vis)
			}
		}
	}
	spread(model.VisitPost, posts, postW, parts[0], false)
	spread(model.VisitEnterprise, ents, entW, parts[1], false)
	spread(model.VisitScan, onSite, onSiteW, parts[2], true)
}

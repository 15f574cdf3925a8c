package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/convene/convene/internal/model"
)

// The previous edition (issue 19): the convention of the year before, in
// the same city and on the same days of December, so every figure page can
// show "vs previous edition". The seed publishes two facts about it: the
// exhibition covered 25,000 m² (50,000 in 2017: +100%) and the province
// and city areas grew by nearly 60% in 2017. It publishes nothing else, so
// the rest is a choice: about three fifths of this edition's volumes
// (prevShare), drawn from this edition's own records so the two tell one
// story: the organizations, talents and judges of the year before are
// accounts registered a year earlier (their created_at moved back a year;
// accounts and organizations belong to no edition, so the figures of the
// year before count those registered before it closed), and its posts,
// applications, visits, projects, contest entries, scores, dockings and
// exhibits are copies of some of this year's, moved back a year and onto
// the previous edition's fairs, booths and contest (no names or texts are
// drawn anew, so it costs a fraction of the generation).
const (
	prevVenueM2 = 25000 // the seed: "25,000 m² the year before"
	// prevProvinceGrowth is this year's province-area booth m² over last
	// year's (the seed: "growth of province and city areas nearly 60%");
	// last year's booth count in those areas is smaller by the same ratio,
	// and so are the other areas' booths (a choice: the figures pages
	// compare totals, so booths and booth m² then read +60% too).
	prevProvinceGrowth = 1.6
	// prevShare is last year's share of this year's talents, enterprises,
	// delegations, posts, applications, visits, projects and dockings: a
	// modest choice (the seed gives none), growth of two thirds in a year
	// of doubled floor space.
	prevShare = 0.6
)

// prevDropEvents are the events of the current list the year before did
// not hold: 12 of 17 (a choice; the Greater Bay Area plan dates from 2017).
var prevDropEvents = []string{
	"Greater Bay Area Innovation Summit",
	"New Materials and New Energy Forum",
	"Green Development and Environmental Protection Forum",
	"Nansha and Qianhai Cooperation Zones Promotion",
	"High-skilled Talent Certification and Training Subsidy Briefing",
}

func lastYear(t time.Time) time.Time { return t.AddDate(-1, 0, 0) }

// previous builds c.Previous. It runs after everything else and draws from
// its own stream, so the current edition stays as it was, apart from the
// registration dates of the accounts and organizations it moves back.
func (g *generator) previous(r *rand.Rand) {
	c := g.c
	p := &Convention{Seed: c.Seed, Scale: c.Scale}
	c.Previous = p
	ed := c.Edition.ID + 1
	p.Edition = model.Edition{ID: ed, Slug: "ocs-2016", Name: "Overseas Talent Convention Guangzhou 2016",
		NameZH: "2016年海外人才广州交流大会", City: c.Edition.City, StartDate: lastYear(c.Edition.StartDate),
		EndDate: lastYear(c.Edition.EndDate), TimeZone: c.Edition.TimeZone}
	w := &prevWriter{g: g, p: p, ed: ed}
	w.people(r)
	w.structure()
	w.posts(r)
	w.applications(r)
	w.visits()
	w.projects(r)
	w.contest()
	w.dockings(r)
	w.exhibits()
}

// prevWriter keeps what the previous edition's parts share: who was there
// and which of this year's records were copied to which of last year's.
type prevWriter struct {
	g  *generator
	p  *Convention
	ed int64

	org, user, talent []bool          // by local id-1: registered before the previous edition closed
	post, project     map[int64]int64 // this year's local id → last year's
	fair              [3]int64        // last year's fairs: overseas, high-skilled, video
	session           map[int64]int64
	research          []int64 // last year's research booths
}

func (w *prevWriter) share(n int) int { return int(math.Round(prevShare * float64(n))) }

// people moves back a year the organizations and talents of the year
// before, and their accounts: the organizer, parks, HR firms, investors
// and the CIS delegation (standing bodies), three fifths of the
// enterprises, of the delegations (every provincial one first) and of each
// category of talents, and the judges.
func (w *prevWriter) people(r *rand.Rand) {
	g, c := w.g, w.g.c
	w.org = make([]bool, len(c.Orgs))
	w.user = make([]bool, len(c.Users))
	w.talent = make([]bool, len(c.Talents))
	mark := func(ids []int64) {
		for _, id := range ids {
			w.org[id-1] = true
		}
	}
	mark([]int64{g.organizer, g.cis})
	mark(g.parks)
	mark(g.hrFirms)
	mark(g.investors)
	var approved []int64
	for _, id := range g.enterprises {
		if c.Orgs[id-1].Status == model.OrgApproved {
			approved = append(approved, id)
		}
	}
	mark(sample(r, approved, w.share(len(approved))))
	// Delegations: the CIS delegation, then the provincial ones, then
	// cities' and zones' (at small scales, some provincial ones only).
	k := w.share(len(g.delegations)+1) - 1
	prov := g.delegations[:g.provincial]
	mark(sample(r, prov, k))
	mark(sample(r, g.delegations[g.provincial:], max(0, k-len(prov))))
	for i := range c.Orgs {
		if w.org[i] {
			c.Orgs[i].CreatedAt = lastYear(c.Orgs[i].CreatedAt)
		}
	}
	for _, grp := range [][]int64{g.overseas, g.highSkilled, g.student} {
		for _, id := range sample(r, grp, w.share(len(grp))) {
			w.talent[id-1] = true
			w.user[c.Talents[id-1].UserID-1] = true
		}
	}
	for _, id := range g.judges {
		w.user[id-1] = true
	}
	for i, u := range c.Users {
		if u.OrgID != nil && w.org[*u.OrgID-1] && (u.Role != model.RoleGate) {
			w.user[i] = true
		}
		if w.user[i] {
			c.Users[i].CreatedAt = lastYear(u.CreatedAt)
		}
	}
}

// structure is one venue of 25,000 m² with the same kinds of areas, each
// 1/1.6 of this year's in booths and in booth m²; the three fairs and the video fair's two
// remote sessions; 12 of the 17 events.
func (w *prevWriter) structure() {
	c, p := w.g.c, w.p
	venue := int64(len(c.Venues) + 1)
	p.Venues = []model.Venue{{ID: venue, EditionID: w.ed, Name: "Pazhou Exhibition Hall", NameZH: "琶洲展馆",
		Address: "380 Yuejiang Middle Road, Guangzhou", AreaM2: prevVenueM2}}
	hall := func(name string) int64 {
		id := int64(len(c.Halls) + len(p.Halls) + 1)
		p.Halls = append(p.Halls, model.Hall{ID: id, VenueID: venue, Name: name})
		return id
	}
	hall1, hall2, hall3, hall4 := hall("Hall 1"), hall("Hall 2"), hall("Hall 3"), hall("Hall 4")
	rowOf := map[int64]int{} // looked up, never iterated
	area := func(h int64, kind model.AreaKind, name, nameZH, prefix string, sizes []float64) int64 {
		id := int64(len(c.Areas) + len(p.Areas) + 1)
		p.Areas = append(p.Areas, model.Area{ID: id, HallID: h, Kind: kind, Name: name, NameZH: nameZH})
		x, y := 0, rowOf[h]
		for i, m2 := range sizes {
			p.Booths = append(p.Booths, model.Booth{ID: int64(len(c.Booths) + len(p.Booths) + 1), AreaID: id,
				Code: fmt.Sprintf("%s-%03d", prefix, i+1), AreaM2: m2, X: x, Y: y})
			x += int(m2 / 3)
			if x >= 120 {
				x, y = 0, y+3
			}
		}
		rowOf[h] = y + 6
		return id
	}
	// This year's province areas, in order, with their booths and m².
	type provArea struct {
		name, nameZH string
		booths       int
	}
	var prov []provArea
	index := map[int64]int{} // area id → index in prov
	var curM2 float64
	curN := 0
	for _, a := range c.Areas {
		if a.Kind == model.AreaProvince {
			index[a.ID] = len(prov)
			prov = append(prov, provArea{name: a.Name, nameZH: a.NameZH})
		}
	}
	for _, b := range c.Booths {
		if i, ok := index[b.AreaID]; ok {
			prov[i].booths++
			curN++
			curM2 += b.AreaM2
		}
	}
	weights := make([]float64, len(prov))
	for i, a := range prov {
		weights[i] = float64(a.booths)
	}
	sizes := provinceSizes(curN, curM2)
	at := 0
	for i, n := range quota(len(sizes), weights) {
		h := hall1
		if i >= len(prov)/2 {
			h = hall2
		}
		area(h, model.AreaProvince, prov[i].name, prov[i].nameZH, fmt.Sprintf("P%02d", i+1), sizes[at:at+n])
		at += n
	}
	nine := func(n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = 9
		}
		return s
	}
	less := func(n int) int { return int(math.Round(float64(n) / prevProvinceGrowth)) }
	area(hall3, model.AreaHighSkilled, "High-skilled Talent Job Fair", "高技能人才招聘会", "HS", nine(less(400)))
	of := nine(less(360))
	for i := range less(50) { // the Global 500 on double booths
		of[i] = 18
	}
	area(hall4, model.AreaHRServices, "Overseas Talent Job Fair", "海外人才招聘会", "OF", of)
	area(hall3, model.AreaHRServices, "HR Service Firms", "人力资源服务机构", "HR", nine(less(40)))
	research := area(hall4, model.AreaResearch, "Research Achievements", "科研成果展区", "R", nine(less(320)))
	for _, b := range p.Booths {
		if b.AreaID == research {
			w.research = append(w.research, b.ID)
		}
	}

	w.session = map[int64]int64{}
	for i, f := range c.Fairs {
		f.ID = int64(len(c.Fairs) + i + 1)
		f.EditionID, f.VenueID = w.ed, ptr(venue)
		p.Fairs = append(p.Fairs, f)
		w.fair[i] = f.ID
	}
	for i, s := range c.Sessions {
		old := s.ID
		s.ID = int64(len(c.Sessions) + i + 1)
		s.FairID = w.fair[2]
		s.StartsAt, s.EndsAt = lastYear(s.StartsAt), lastYear(s.EndsAt)
		p.Sessions = append(p.Sessions, s)
		w.session[old] = s.ID
	}
	for _, e := range c.Events {
		if slices.Contains(prevDropEvents, e.Title) {
			continue
		}
		e.ID = int64(len(c.Events) + len(p.Events) + 1)
		e.EditionID = w.ed
		e.StartsAt, e.EndsAt = lastYear(e.StartsAt), lastYear(e.EndsAt)
		p.Events = append(p.Events, e)
	}
}

// provinceSizes are last year's province-area booths: this year's count
// and m² over prevProvinceGrowth, the m² rounded to whole 9 m² booths
// (so the growth comes out within 0.2 points of 60% at any seed). Every
// booth starts at 9 m²; every twentieth becomes a quad of 36 m² and then
// the others doubles of 18 m², as long as m² remain, as this year's mix.
func provinceSizes(curN int, curM2 float64) []float64 {
	n := max(1, int(math.Round(float64(curN)/prevProvinceGrowth)))
	units := int(math.Round(curM2/prevProvinceGrowth/9)) - n // 9 m² steps above all-standard
	sizes := make([]float64, n)
	for i := range sizes {
		sizes[i] = 9
	}
	for i := 0; i < n && units >= 3; i += 20 {
		sizes[i], units = 36, units-3
	}
	for i := 0; i < n && units > 0; i++ {
		if sizes[i] == 9 {
			sizes[i], units = 18, units-1
		}
	}
	for i := 0; i < n && units >= 2; i++ { // only when this year's booths were mostly large
		if sizes[i] == 18 {
			sizes[i], units = 36, units-2
		}
	}
	return sizes
}

// posts: three fifths of this year's posts, among those of last year's
// enterprises, on last year's fairs.
func (w *prevWriter) posts(r *rand.Rand) {
	c, p := w.g.c, w.p
	var cand []int
	for i, x := range c.Posts {
		if w.org[x.OrgID-1] {
			cand = append(cand, i)
		}
	}
	chosen := sample(r, cand, w.share(len(c.Posts)))
	slices.Sort(chosen)
	w.post = make(map[int64]int64, len(chosen))
	for _, i := range chosen {
		x := c.Posts[i]
		id := int64(len(c.Posts) + len(p.Posts) + 1)
		w.post[x.ID] = id
		x.ID, x.FairID = id, w.fair[x.FairID-1]
		if x.SessionID != nil {
			x.SessionID = ptr(w.session[*x.SessionID])
		}
		x.CreatedAt, x.UpdatedAt = lastYear(x.CreatedAt), lastYear(x.UpdatedAt)
		// Last year's fairs are over: their posts take no applications now,
		// and an enterprise's open posts are this year's.
		x.Status = model.PostClosed
		p.Posts = append(p.Posts, x)
	}
}

// applications: three fifths of this year's, among those of last year's
// talents, each to the copy of its post or, when that post was not
// copied, to another of last year's posts in the same fair and field.
func (w *prevWriter) applications(r *rand.Rand) {
	c, p := w.g.c, w.p
	type key struct {
		fair     int64
		industry string
	}
	byKey := map[key][]int64{}    // looked up, never iterated
	byFair := map[int64][]int64{} // looked up, never iterated
	for _, x := range p.Posts {
		k := key{x.FairID, x.Industry}
		byKey[k] = append(byKey[k], x.ID)
		byFair[x.FairID] = append(byFair[x.FairID], x.ID)
	}
	var cand []int
	for i, a := range c.Applications {
		if w.talent[a.TalentID-1] {
			cand = append(cand, i)
		}
	}
	chosen := sample(r, cand, w.share(len(c.Applications)))
	slices.Sort(chosen)
	type pair struct{ talent, post int64 }
	seen := make(map[pair]bool, len(chosen)) // looked up, never iterated
	base := int64(len(c.Posts))
	for _, i := range chosen {
		a := c.Applications[i]
		pid, ok := w.post[a.PostID]
		if !ok {
			cur := c.Posts[a.PostID-1]
			f := w.fair[cur.FairID-1]
			pool := byKey[key{f, cur.Industry}]
			if len(pool) == 0 {
				pool = byFair[f]
			}
			if len(pool) == 0 {
				continue
			}
			pid = pick(r, pool)
		}
		if seen[pair{a.TalentID, pid}] {
			continue
		}
		seen[pair{a.TalentID, pid}] = true
		post := p.Posts[pid-base-1]
		took := a.UpdatedAt.Sub(a.CreatedAt)
		a.ID = int64(len(c.Applications) + len(p.Applications) + 1)
		a.PostID = pid
		a.CreatedAt = lastYear(a.CreatedAt)
		if !a.CreatedAt.After(post.CreatedAt) {
			a.CreatedAt = post.CreatedAt.Add(time.Duration(between(r, 1, 48)) * time.Hour)
		}
		a.UpdatedAt = a.CreatedAt.Add(took)
		p.Applications = append(p.Applications, a)
	}
}

// visits: this year's visits of the copied posts and of last year's
// enterprises' pages, on the same days a year earlier.
func (w *prevWriter) visits() {
	c, p := w.g.c, w.p
	days := map[string]string{} // looked up, never iterated
	for _, d := range visitDays {
		t, _ := time.Parse(time.DateOnly, d)
		days[d] = lastYear(t).Format(time.DateOnly)
	}
	for _, v := range c.Visits {
		if v.TargetKind == model.VisitEnterprise {
			if !w.org[v.TargetID-1] {
				continue
			}
		} else if id, ok := w.post[v.TargetID]; ok {
			v.TargetID = id
		} else {
			continue
		}
		v.Day = days[v.Day]
		p.Visits = append(p.Visits, v)
	}
}

// projects: three fifths of this year's projects of each source, among
// those of last year's talents and delegations.
func (w *prevWriter) projects(r *rand.Rand) {
	c, p := w.g.c, w.p
	type src struct {
		source  model.ProjectSource
		foreign bool
	}
	var order []src
	bySrc := map[src][]int{} // looked up, never iterated
	cand := map[src][]int{}  // looked up, never iterated
	for i, x := range c.Projects {
		s := src{x.Source, x.OrgID != nil && c.Orgs[*x.OrgID-1].Foreign}
		if _, ok := bySrc[s]; !ok {
			order = append(order, s)
		}
		bySrc[s] = append(bySrc[s], i)
		if x.OwnerUserID != nil && w.user[*x.OwnerUserID-1] || x.OrgID != nil && w.org[*x.OrgID-1] {
			cand[s] = append(cand[s], i)
		}
	}
	var chosen []int
	for _, s := range order {
		chosen = append(chosen, sample(r, cand[s], w.share(len(bySrc[s])))...)
	}
	slices.Sort(chosen)
	w.project = make(map[int64]int64, len(chosen))
	for _, i := range chosen {
		x := c.Projects[i]
		id := int64(len(c.Projects) + len(p.Projects) + 1)
		w.project[x.ID] = id
		x.ID, x.EditionID, x.CreatedAt = id, w.ed, lastYear(x.CreatedAt)
		p.Projects = append(p.Projects, x)
	}
}

// contest: the same contest a year earlier, judged by the same judges;
// each copied contest project keeps its entry's scores and result.
func (w *prevWriter) contest() {
	c, p := w.g.c, w.p
	p.Contest = c.Contest
	p.Contest.ID, p.Contest.EditionID = c.Contest.ID+1, w.ed
	p.Judges = slices.Clone(c.Judges)
	entry := map[int64]int64{} // this year's entry id → last year's
	for _, e := range c.Entries {
		pid, ok := w.project[e.ProjectID]
		if !ok {
			continue
		}
		id := int64(len(c.Entries) + len(p.Entries) + 1)
		entry[e.ID] = id
		e.ID, e.ContestID, e.ProjectID = id, p.Contest.ID, pid
		p.Entries = append(p.Entries, e)
	}
	for _, s := range c.Scores {
		if id, ok := entry[s.EntryID]; ok {
			s.EntryID = id
			p.Scores = append(p.Scores, s)
		}
	}
}

// dockings: this year's dockings of the copied projects, each with the
// same counterpart when it was there the year before, else with one of
// the same kind that was.
func (w *prevWriter) dockings(r *rand.Rand) {
	c, p := w.g.c, w.p
	pools := map[model.OrgKind][]int64{} // looked up, never iterated
	for _, o := range c.Orgs {
		if w.org[o.ID-1] && o.Status == model.OrgApproved {
			pools[o.Kind] = append(pools[o.Kind], o.ID)
		}
	}
	type pair struct{ project, org int64 }
	seen := map[pair]bool{} // looked up, never iterated
	base := int64(len(c.Projects))
	for _, d := range c.Dockings {
		pid, ok := w.project[d.ProjectID]
		if !ok {
			continue
		}
		org := d.OrgID
		if !w.org[org-1] {
			pool := pools[c.Orgs[org-1].Kind]
			if len(pool) == 0 {
				continue
			}
			org = pick(r, pool)
		}
		if own := p.Projects[pid-base-1].OrgID; own != nil && *own == org || seen[pair{pid, org}] {
			continue
		}
		seen[pair{pid, org}] = true
		d.ID = int64(len(c.Dockings) + len(p.Dockings) + 1)
		d.ProjectID, d.OrgID, d.UpdatedAt = pid, org, lastYear(d.UpdatedAt)
		p.Dockings = append(p.Dockings, d)
	}
}

// exhibits: this year's first exhibits whose scholar was registered the
// year before, one on each of last year's research booths.
func (w *prevWriter) exhibits() {
	c, p := w.g.c, w.p
	prevEmail := map[string]bool{} // looked up, never iterated
	for i, u := range c.Users {
		if w.user[i] {
			prevEmail[u.Email] = true
		}
	}
	for _, x := range c.Exhibits {
		if len(p.Exhibits) == len(w.research) || len(p.Exhibits) == w.share(len(c.Exhibits)) {
			break
		}
		if !prevEmail[x.Contact] || !w.org[x.OrgID-1] {
			continue
		}
		x.ID = int64(len(c.Exhibits) + len(p.Exhibits) + 1)
		x.BoothID = w.research[len(p.Exhibits)]
		p.Exhibits = append(p.Exhibits, x)
	}
}

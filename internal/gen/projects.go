package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/convene/convene/internal/model"
)

var (
	stages    = []string{"idea", "prototype", "revenue", "growth"}
	stageZH   = map[string]string{"idea": "创意", "prototype": "原型", "revenue": "营收", "growth": "成长"}
	projKinds = []Label{{"R&D project", "研发项目"}, {"start-up", "创业项目"}, {"industrialization project", "产业化项目"}, {"platform", "平台项目"}}
)

func (g *generator) addProject(r *rand.Rand, src model.ProjectSource, owner, org *int64, field int, en, zh string) {
	f := fields[field]
	p := model.Project{ID: int64(len(g.c.Projects) + 1), EditionID: 1, Source: src, OwnerUserID: owner, OrgID: org,
		Title: en, TitleZH: zh, Field: f.EN, Stage: stages[weighted(r, []float64{35, 35, 20, 10})],
		FundingSought: int64(between(r, 5, 200)) * 100_000, CreatedAt: before(r, 5, 90)}
	article := "A"
	if p.Stage == "idea" {
		article = "An"
	}
	// Each language in its own column, so a reader sees their own (issue 12).
	p.Summary = fmt.Sprintf("%s %s-stage %s project seeking %.1f million yuan.",
		article, p.Stage, lower(f.EN), float64(p.FundingSought)/1e6)
	p.SummaryZH = fmt.Sprintf("%s领域项目，处于%s阶段，拟融资%.0f万元。", f.ZH, stageZH[p.Stage], float64(p.FundingSought)/1e4)
	g.c.Projects = append(g.c.Projects, p)
}

func lower(s string) string {
	b := []byte(s)
	if len(b) > 0 && b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

// projects: over 2,000 brought by talents and over 2,000 by delegations
// (138 of them by the CIS delegation), 164 expert-program projects led by
// senior scholars, and the start-up contest's entries.
func (g *generator) projects(r *rand.Rand) {
	userOf := func(tid int64) *int64 { return ptr(g.c.Talents[tid-1].UserID) }
	// Talent projects: PhDs lead three times as often.
	var cum []float64
	var sum float64
	for _, id := range g.overseas {
		w := 1.0
		if g.c.Talents[id-1].Degree == model.DegreePhD {
			w = 3
		}
		sum += w
		cum = append(cum, sum)
	}
	for range g.n(nTalentProjects) {
		j, _ := slices.BinarySearch(cum, r.Float64()*sum)
		tid := g.overseas[min(j, len(cum)-1)]
		f := g.talentField[tid-1]
		t, k := pick(r, fields[f].Topics), pick(r, projKinds)
		g.addProject(r, model.SourceTalent, userOf(tid), nil, f, capital(t.EN)+" "+k.EN, t.ZH+k.ZH)
	}
	// Delegation projects: provincial delegations bring three times as many.
	dw := make([]float64, len(g.delegations))
	for i := range dw {
		dw[i] = 1
		if i < g.provincial {
			dw[i] = 3
		}
	}
	for i, k := range quota(g.n(nDelegProjects), dw) {
		org := g.c.Orgs[g.delegations[i]-1]
		place, placeZH := org.Province, regionZH(org.Province)
		for range k {
			f := weighted(r, enterpriseFieldW)
			t := pick(r, fields[f].Topics)
			g.addProject(r, model.SourceDelegation, nil, ptr(org.ID), f,
				capital(t.EN)+" industrialization project in "+place, placeZH+t.ZH+"产业化项目")
		}
	}
	var cis []Country
	for _, c := range countries {
		if c.CIS {
			cis = append(cis, c)
		}
	}
	for range g.n(nCISProjects) {
		f := weighted(r, []float64{10, 20, 15, 20, 20, 10, 2, 3})
		t, c := pick(r, fields[f].Topics), pick(r, cis)
		g.addProject(r, model.SourceDelegation, nil, ptr(g.cis), f,
			capital(t.EN)+" cooperation project with "+c.EN, "中"+c.ZH[:3]+t.ZH+"合作项目")
	}
	// Expert-program projects, each led by a different senior PhD; the most
	// senior are the experts and academicians.
	var seniors []int64
	for _, id := range g.overseas {
		if t := g.c.Talents[id-1]; t.Degree == model.DegreePhD {
			seniors = append(seniors, id)
		}
	}
	leaders := sample(r, seniors, g.n(nExpertProjects))
	slices.SortStableFunc(leaders, func(a, b int64) int {
		return g.c.Talents[b-1].YearsExperience - g.c.Talents[a-1].YearsExperience
	})
	g.c.Experts = slices.Clone(leaders[:min(g.n(nExperts), len(leaders))])
	slices.Sort(g.c.Experts)
	for _, tid := range leaders {
		f := g.talentField[tid-1]
		t := pick(r, fields[f].Topics)
		g.addProject(r, model.SourceExpert, userOf(tid), nil, f, capital(t.EN)+" expert team project", t.ZH+"专家团队项目")
	}
	// Contest entries: start-ups of overseas talents.
	for _, tid := range sample(r, g.overseas, g.n(nContestProjects)) {
		f := g.talentField[tid-1]
		t := pick(r, fields[f].Topics)
		g.addProject(r, model.SourceContest, userOf(tid), nil, f, capital(t.EN)+" start-up", t.ZH+"创业项目")
	}
}

func capital(s string) string {
	b := []byte(s)
	if len(b) > 0 && b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

func regionZH(en string) string {
	for _, r := range regions {
		if r.EN == en {
			return r.ZH
		}
	}
	return en
}

// contest enters every contest project; three judges score each on every
// criterion; the best 107 are selected, and selected ones scoring at least
// the grant threshold are eligible for the innovative-plan grant.
func (g *generator) contest(r *rand.Rand) {
	c := &g.c.Contest
	g.c.Judges = slices.Clone(g.judges)
	type scored struct {
		entry int
		score float64
	}
	var ranking []scored
	nj := len(g.judges)
	for _, p := range g.c.Projects {
		if p.Source != model.SourceContest {
			continue
		}
		e := model.Entry{ID: int64(len(g.c.Entries) + 1), ContestID: c.ID, ProjectID: p.ID, Status: model.EntryNotSelected}
		quality := 6.3 + 1.3*r.NormFloat64()
		var total float64
		for k := range 3 {
			judge := g.judges[(int(e.ID)+k)%nj]
			for _, cr := range c.Rubric {
				v := int(math.Round(quality + 0.8*r.NormFloat64()))
				v = max(0, min(cr.Max, v))
				g.c.Scores = append(g.c.Scores, model.Score{EntryID: e.ID, JudgeID: judge, Criterion: cr.Key, Value: v})
				total += cr.Weight * float64(v)
			}
		}
		ranking = append(ranking, scored{len(g.c.Entries), total / 3})
		g.c.Entries = append(g.c.Entries, e)
	}
	slices.SortStableFunc(ranking, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	for _, s := range ranking[:min(g.n(nSelected), len(ranking))] {
		e := &g.c.Entries[s.entry]
		e.Status = model.EntrySelected
		e.GrantEligible = s.score >= c.GrantMinScore
	}
}

// dockings: negotiations of the selected contest projects (some reaching a
// preliminary agreement to enter a park, some a cooperative intention), the
// CIS delegation's negotiations, the expert program's (half reaching a
// cooperative intention), contract intentions, and the rest requested or
// under negotiation, to nearly 4,000 in all.
func (g *generator) dockings(r *rand.Rand) {
	used := make([][]int64, len(g.c.Projects)) // counterparts per project
	var counter []int64
	counter = append(counter, g.parks...)
	counter = append(counter, g.investors...)
	counter = append(counter, g.enterprises...)
	counter = append(counter, g.delegations...)
	add := func(pid, org int64, st model.DockingStage) bool {
		p := g.c.Projects[pid-1]
		if p.OrgID != nil && *p.OrgID == org || slices.Contains(used[pid-1], org) {
			return false
		}
		used[pid-1] = append(used[pid-1], org)
		g.c.Dockings = append(g.c.Dockings, model.Docking{ID: int64(len(g.c.Dockings) + 1), ProjectID: pid, OrgID: org, Stage: st,
			UpdatedAt: local(r.IntN(2), between(r, 9, 17), r.IntN(60)).Add(time.Duration(r.IntN(3)*24*7) * time.Hour)})
		return true
	}
	addFrom := func(pid int64, pool []int64, st model.DockingStage) {
		for range 8 {
			if add(pid, pick(r, pool), st) {
				return
			}
		}
	}
	set := func(pid int64, st model.DockingStage) { // raise the project's last docking
		for i := len(g.c.Dockings) - 1; i >= 0; i-- {
			if g.c.Dockings[i].ProjectID == pid {
				g.c.Dockings[i].Stage = st
				return
			}
		}
	}

	// Selected contest projects.
	var selected []int64
	for _, e := range g.c.Entries {
		if e.Status == model.EntrySelected {
			selected = append(selected, e.ProjectID)
		}
	}
	if len(selected) > 0 {
		w := make([]float64, len(selected))
		for i := range w {
			w[i] = 0.5 + r.Float64()
		}
		prelim, coop := g.n(nPreliminary), g.n(nCooperative)
		for i, k := range quota(g.n(nSelectedDockings), w) {
			pid := selected[i]
			switch {
			case i < prelim:
				addFrom(pid, g.parks, model.DockPreliminary)
				k--
			case i < prelim+coop:
				addFrom(pid, counter, model.DockCooperative)
				k--
			}
			for range k {
				st := model.DockNegotiation
				if r.IntN(10) == 0 {
					st = model.DockDeclined
				}
				addFrom(pid, counter, st)
			}
		}
	}

	// The CIS delegation's projects.
	var cisP, expertP, other []int64
	for _, p := range g.c.Projects {
		switch {
		case p.Source == model.SourceDelegation && p.OrgID != nil && *p.OrgID == g.cis:
			cisP = append(cisP, p.ID)
		case p.Source == model.SourceExpert:
			expertP = append(expertP, p.ID)
		case p.Source == model.SourceDelegation || p.Source == model.SourceTalent:
			other = append(other, p.ID)
		}
	}
	for i, pid := range sample(r, cisP, g.n(nCISNegotiations)) {
		st := model.DockNegotiation
		if i < g.n(nCISIntentions) {
			st = model.DockCooperative
		}
		addFrom(pid, counter, st)
	}
	// Expert-program projects: one to three dockings; half reach a cooperative intention.
	half := int(math.Round(0.5 * float64(len(expertP))))
	for i, pid := range expertP {
		for range between(r, 1, 3) {
			addFrom(pid, counter, model.DockNegotiation)
		}
		if i%2 == 0 && half > 0 {
			set(pid, model.DockCooperative)
			half--
		}
	}
	// Contract intentions, then the long tail.
	r.Shuffle(len(other), func(i, j int) { other[i], other[j] = other[j], other[i] })
	nc := min(g.n(nContracts), len(other))
	for _, pid := range other[:nc] {
		addFrom(pid, counter, model.DockContract)
	}
	for tries := 0; len(g.c.Dockings) < g.n(nDockings) && tries < 4*g.n(nDockings); tries++ {
		st := []model.DockingStage{model.DockRequested, model.DockNegotiation, model.DockDeclined}[weighted(r, []float64{40, 45, 15})]
		addFrom(pick(r, other), counter, st)
	}
}

// meetingRequests asks for the interviews of applications that reached one
// and the negotiations of dockings past the request.
func (g *generator) meetingRequests(r *rand.Rand) {
	add := func(m model.MeetingRequest) {
		if m.FromUserID == 0 || m.ToUserID == 0 || m.FromUserID == m.ToUserID {
			return
		}
		m.ID, m.EditionID, m.Status = int64(len(g.c.MeetingRequests)+1), 1, model.RequestAccepted
		m.Priority = between(r, 1, 3)
		g.c.MeetingRequests = append(g.c.MeetingRequests, m)
	}
	first := func(org int64) int64 {
		if m := g.orgMembers[org-1]; len(m) > 0 {
			return m[0]
		}
		return 0
	}
	for _, a := range g.c.Applications {
		if a.Status != model.AppInterview && a.Status != model.AppOffer && a.Status != model.AppHired {
			continue
		}
		p := g.c.Posts[a.PostID-1]
		add(model.MeetingRequest{Kind: model.MeetingInterview, FromUserID: first(p.OrgID), ToUserID: g.c.Talents[a.TalentID-1].UserID,
			ApplicationID: ptr(a.ID), Video: p.FairID == 3, CreatedAt: a.CreatedAt.Add(time.Hour)})
	}
	for _, d := range g.c.Dockings {
		if d.Stage == model.DockRequested || d.Stage == model.DockDeclined {
			continue
		}
		p := g.c.Projects[d.ProjectID-1]
		var to int64
		if p.OwnerUserID != nil {
			to = *p.OwnerUserID
		} else if p.OrgID != nil {
			to = first(*p.OrgID)
		}
		add(model.MeetingRequest{Kind: model.MeetingNegotiation, FromUserID: first(d.OrgID), ToUserID: to, DockingID: ptr(d.ID),
			CreatedAt: d.UpdatedAt.Add(-24 * time.Hour)})
	}
}

// exhibits puts the expert programs' frontier technologies on the research
// area's booths, one a booth, shown by parks and delegations, with the
// leading scholar's address to contact.
func (g *generator) exhibits(r *rand.Rand) {
	var booths []int64
	for _, a := range g.c.Areas {
		if a.Kind == model.AreaResearch {
			for _, b := range g.c.Booths {
				if b.AreaID == a.ID {
					booths = append(booths, b.ID)
				}
			}
		}
	}
	hosts := append(append([]int64{}, g.parks...), g.delegations[:g.provincial]...)
	var leaders []int64
	for _, p := range g.c.Projects {
		if p.Source == model.SourceExpert || p.Source == model.SourceTalent {
			leaders = append(leaders, *p.OwnerUserID)
		}
	}
	for i := range min(g.n(nExhibits), len(booths)) {
		f := r.IntN(len(fields))
		t := pick(r, fields[f].Topics)
		g.c.Exhibits = append(g.c.Exhibits, model.Exhibit{ID: int64(i + 1), BoothID: booths[i], OrgID: pick(r, hosts),
			Title: capital(t.EN) + " prototype", TitleZH: t.ZH + "样机", Field: fields[f].EN,
			Contact: g.c.Users[pick(r, leaders)-1].Email})
	}
}

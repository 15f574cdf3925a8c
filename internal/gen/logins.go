package gen

import "github.com/convene/convene/internal/model"

// logins renames one account per role to an easy address: the first
// organizer, the host province's delegation, a Global 500 enterprise that
// posts, an overseas PhD with applications and a project, the first judge
// and the first gate agent. Counts do not change.
func (g *generator) logins() {
	c := g.c
	set := func(role model.Role, user int64, note string) {
		if user == 0 {
			return
		}
		u := &c.Users[user-1]
		u.Email = string(role) + "@" + EmailDomain
		c.Logins = append(c.Logins, Login{Role: role, Email: u.Email, Name: u.Name, Note: note})
	}
	set(model.RoleOrganizer, g.organizerUsers[0], "sets up the edition, approves organizations, sees the dashboard")
	if len(g.delegations) > 0 {
		set(model.RoleDelegation, g.orgMembers[g.delegations[0]-1][0], c.Orgs[g.delegations[0]-1].Name)
	}
	ent := g.posting[0]
	for _, id := range g.posting {
		if c.Orgs[id-1].Global500 {
			ent = id
			break
		}
	}
	set(model.RoleEnterprise, g.orgMembers[ent-1][0], c.Orgs[ent-1].Name)
	// The demo talent: an overseas PhD who applied and leads a project.
	apps := make([]int, len(c.Talents)+1)
	for _, a := range c.Applications {
		apps[a.TalentID]++
	}
	leads := make([]bool, len(c.Users)+1)
	for _, p := range c.Projects {
		if p.OwnerUserID != nil {
			leads[*p.OwnerUserID] = true
		}
	}
	var talent int64
	for _, id := range g.overseas {
		t := c.Talents[id-1]
		if talent == 0 && apps[id] > 0 {
			talent = t.UserID // a fallback at tiny scales
		}
		if t.Degree == model.DegreePhD && t.IntentChina == model.IntentYes && apps[id] >= 3 && leads[t.UserID] {
			talent = t.UserID
			break
		}
	}
	set(model.RoleTalent, talent, "overseas PhD with applications and a project")
	set(model.RoleJudge, g.judges[0], "scores Chunhui Cup entries")
	set(model.RoleGate, g.gates[0], "scans badges at the gates")
}

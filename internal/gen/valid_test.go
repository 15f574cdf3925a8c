package gen_test

import (
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
)

// TestValid checks the generated data passes the domain's validation and
// the schema's unique keys and references, so a load cannot fail on them.
func TestValid(t *testing.T) {
	c := gen.Generate(3, 0.1)
	t.Run("edition and structure", func(t *testing.T) {
		if err := c.Edition.Validate(); err != nil {
			t.Fatal(err)
		}
		for _, v := range c.Venues {
			if err := v.Validate(); err != nil {
				t.Fatalf("venue %s: %v", v.Name, err)
			}
		}
		for _, f := range c.Fairs {
			if err := f.Validate(); err != nil {
				t.Fatalf("fair %s: %v", f.Name, err)
			}
		}
		for _, s := range c.Sessions {
			if err := s.Validate(); err != nil {
				t.Fatalf("session %s: %v", s.Location, err)
			}
		}
		for _, e := range c.Events {
			if !e.Kind.Valid() || !e.EndsAt.After(e.StartsAt) || e.Title == "" || e.TitleZH == "" {
				t.Fatalf("event %+v", e)
			}
		}
		codes := map[[2]any]bool{}
		for _, b := range c.Booths {
			k := [2]any{b.AreaID, b.Code}
			if codes[k] || b.AreaM2 <= 0 {
				t.Fatalf("booth %+v duplicate or empty", b)
			}
			codes[k] = true
		}
	})
	t.Run("organizations and users", func(t *testing.T) {
		for _, o := range c.Orgs {
			if err := o.Validate(); err != nil {
				t.Fatalf("organization %s: %v", o.Name, err)
			}
			if o.NameZH == "" {
				t.Fatalf("organization %s has no Chinese name", o.Name)
			}
		}
		emails := map[string]bool{}
		for i, u := range c.Users {
			if u.ID != int64(i+1) || !u.Role.Valid() || !model.ValidLocale(u.Locale) {
				t.Fatalf("user %+v", u)
			}
			if e, ok := model.NormalizeEmail(u.Email); !ok || e != u.Email || emails[e] {
				t.Fatalf("email %q invalid or taken", u.Email)
			}
			emails[u.Email] = true
			if (u.Role == model.RoleEnterprise || u.Role == model.RoleDelegation) && u.OrgID == nil {
				t.Fatalf("user %s of role %s without organization", u.Email, u.Role)
			}
		}
		for _, e := range c.Exhibits {
			if !emails[e.Contact] || e.BoothID == 0 || e.OrgID == 0 || e.TitleZH == "" {
				t.Fatalf("exhibit %+v", e)
			}
		}
		roles := map[model.Role]bool{}
		for _, l := range c.Logins {
			if !emails[l.Email] {
				t.Fatalf("login %s is no account", l.Email)
			}
			roles[l.Role] = true
		}
		if len(roles) != len(model.Roles) {
			t.Fatalf("demo logins cover %d roles, want %d", len(roles), len(model.Roles))
		}
	})
	t.Run("talents and posts", func(t *testing.T) {
		for _, tl := range c.Talents {
			if err := tl.Validate(); err != nil {
				t.Fatalf("talent %s: %v", tl.Name, err)
			}
		}
		for _, p := range c.Posts {
			if err := p.Validate(); err != nil {
				t.Fatalf("post %d: %v", p.ID, err)
			}
			if (p.SessionID != nil) != (p.FairID == c.Fairs[2].ID) {
				t.Fatalf("post %d: session %v in fair %d", p.ID, p.SessionID, p.FairID)
			}
		}
	})
	t.Run("posts in both languages", func(t *testing.T) {
		// Issue 12: some posts carry both languages, some one only; a
		// Chinese-only post keeps its Chinese title in Title too.
		var both, zhOnly, enOnly int
		for _, p := range c.Posts {
			switch {
			case p.TitleZH == "":
				enOnly++
			case p.Title == p.TitleZH:
				zhOnly++
				if p.Description != "" {
					t.Fatalf("post %d: Chinese only, but an English description", p.ID)
				}
			default:
				both++
			}
		}
		n := len(c.Posts)
		if both*5 < n || zhOnly*10 < n || enOnly*10 < n {
			t.Fatalf("of %d posts: %d in both languages, %d Chinese only, %d English only", n, both, zhOnly, enOnly)
		}
	})
	t.Run("unique pairs", func(t *testing.T) {
		apps := map[[2]int64]bool{}
		for _, a := range c.Applications {
			k := [2]int64{a.TalentID, a.PostID}
			if apps[k] || !a.Channel.Valid() || !a.Status.Valid() || a.UpdatedAt.Before(a.CreatedAt) {
				t.Fatalf("application %+v", a)
			}
			apps[k] = true
		}
		docks := map[[2]int64]bool{}
		for _, d := range c.Dockings {
			k := [2]int64{d.ProjectID, d.OrgID}
			if docks[k] || !d.Stage.Valid() {
				t.Fatalf("docking %+v", d)
			}
			docks[k] = true
		}
		visits := map[gen.Visit]bool{}
		for _, v := range c.Visits {
			k := v
			k.Count = 0
			if visits[k] || v.Count <= 0 {
				t.Fatalf("visit %+v", v)
			}
			visits[k] = true
		}
		for _, p := range c.Projects {
			if p.OwnerUserID == nil && p.OrgID == nil || !p.Source.Valid() {
				t.Fatalf("project %+v", p)
			}
		}
	})
	t.Run("skills overlap within a field", func(t *testing.T) {
		// Every talent shares at least one skill with some post of their field.
		skillsOf := map[string]map[string]bool{} // industry → skills posted
		for _, p := range c.Posts {
			if skillsOf[p.Industry] == nil {
				skillsOf[p.Industry] = map[string]bool{}
			}
			for _, s := range p.Skills {
				skillsOf[p.Industry][s] = true
			}
		}
		field := map[string]string{} // any label → field
		for _, f := range gen.Fields() {
			for _, s := range f.Skills {
				field[s.EN], field[s.ZH] = f.EN, f.EN
			}
		}
		miss := 0
		for _, tl := range c.Talents {
			f := field[tl.Skills[0]]
			ok := false
			for _, s := range tl.Skills {
				ok = ok || skillsOf[f][s]
			}
			if !ok {
				miss++
			}
		}
		if miss > len(c.Talents)/50 {
			t.Fatalf("%d of %d talents share no skill with posts of their field", miss, len(c.Talents))
		}
	})
}

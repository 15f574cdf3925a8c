package load

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
)

// dockingScenario browses the docking boards and the catalogues as their
// readers do (issue 14's pages): the organizer (the board, filtered by
// source, the funnel, a docking's page, the projects' catalogue), a member
// of the CIS delegation (its board, its delegation page, the catalogue) and
// a park's member (its board, the catalogue by field, the exhibits and an
// exhibit's page). Virtual users take the three in turn; each request is
// an operation of its own, named by its page and reader, so each page gets
// its own p99. Only reads: the data does not change under the run.
type dockingScenario struct {
	cv      *convention
	readers []*reader
}

// reader is one signed-in account and the pages it cycles through.
type reader struct {
	who   string
	c     *http.Client // shared by the virtual users reading as it (safe to share)
	pages []page
}

type page struct{ op, path string }

func (s *dockingScenario) prepare(ctx context.Context, h *harness) (err error) {
	if s.cv, err = loadConvention(ctx, h); err != nil {
		return err
	}
	c := s.cv.c
	login := func(role model.Role) string {
		for _, l := range c.Logins {
			if l.Role == role {
				return l.Email
			}
		}
		return ""
	}
	// The CIS delegation's first member and a park's.
	member := func(match func(o model.Organization) bool) string {
		for _, o := range c.Orgs {
			if !match(o) {
				continue
			}
			for _, u := range c.Users {
				if u.OrgID != nil && *u.OrgID == o.ID {
					return u.Email
				}
			}
		}
		return ""
	}
	cis := member(func(o model.Organization) bool {
		return o.Kind == model.OrgDelegation && strings.Contains(o.Name, "CIS")
	})
	park := member(func(o model.Organization) bool { return o.Kind == model.OrgPark && o.Status == model.OrgApproved })
	if len(c.Dockings) == 0 || len(c.Exhibits) == 0 || len(c.Projects) == 0 {
		return fmt.Errorf("load: docking: the convention of seed %d at scale %g has no dockings, exhibits or projects", h.cfg.Seed, h.cfg.Scale)
	}
	field := url.QueryEscape(c.Projects[0].Field)
	word := url.QueryEscape(firstWord(c.Exhibits[0].Title))
	dock := strconv.FormatInt(c.Dockings[len(c.Dockings)/2].ID, 10)
	exhibit := strconv.FormatInt(c.Exhibits[0].ID, 10)
	plan := []struct {
		who, email string
		pages      []page
	}{
		{"organizer", login(model.RoleOrganizer), []page{
			{"board (organizer)", "/dockings"},
			{"board by source (organizer)", "/dockings?source=contest"},
			{"funnel (organizer)", "/dockings/funnel"},
			{"docking page (organizer)", "/dockings/" + dock},
			{"projects catalogue (organizer)", "/projects"},
		}},
		{"CIS member", cis, []page{
			{"board (CIS delegation)", "/dockings"},
			{"delegation page (CIS delegation)", "/delegation"},
			{"projects catalogue (CIS delegation)", "/projects?source=delegation"},
		}},
		{"park member", park, []page{
			{"board (park)", "/dockings"},
			{"projects by field (park)", "/projects?field=" + field},
			{"exhibits catalogue (park)", "/exhibits"},
			{"exhibits search (park)", "/exhibits?q=" + word},
			{"exhibit page (park)", "/exhibits/" + exhibit},
		}},
	}
	for _, p := range plan {
		if p.email == "" {
			return fmt.Errorf("load: docking: the convention has no %s account", p.who)
		}
		v := &vu{h: h, res: &results{}}
		cl := v.client()
		if !v.do(ctx, cl, "login", "POST", "/api/v1/login", map[string]string{"email": p.email, "password": gen.DemoPassword}, nil, 200) {
			return fmt.Errorf("load: docking: signing in %s (%s): %v", p.who, p.email, v.res.samples)
		}
		s.readers = append(s.readers, &reader{who: p.who + " " + p.email, c: cl, pages: p.pages})
	}
	return nil
}

func firstWord(s string) string {
	for _, w := range strings.Fields(s) {
		if len(w) >= 4 {
			return w
		}
	}
	return s
}

func (s *dockingScenario) run(ctx context.Context, v *vu) {
	r := s.readers[v.id%len(s.readers)]
	for i := v.rng.IntN(len(r.pages)); ctx.Err() == nil && v.take(); i++ {
		p := r.pages[i%len(r.pages)]
		v.do(ctx, r.c, p.op, "GET", p.path, nil, nil, 200)
	}
}

func (s *dockingScenario) notes(h *harness) []string {
	out := []string{"docking: every virtual user reads as one of three accounts in turn, cycling through its pages (HTML, GET only):"}
	for _, r := range s.readers {
		paths := make([]string, len(r.pages))
		for i, p := range r.pages {
			paths[i] = p.path
		}
		out = append(out, fmt.Sprintf("  %s: %s", r.who, strings.Join(paths, " ")))
	}
	return out
}

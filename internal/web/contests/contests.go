// Package contests is the start-up contests area: the organizer sets up a
// contest (tracks, window, weighted rubric with anchors, rounds, the number
// to select), invites judges, assigns entries automatically (k judges per
// entry, balanced, no conflicted judge) and adjusts, closes the round,
// reviews raw against normalized ranks and selects; owners create projects,
// enter one per contest and withdraw before the deadline; judges score
// their assigned entries criterion by criterion; organizers write policies
// and talents and projects see which they meet, and why.
package contests

import (
	"embed"
	"net/http"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("contests", files)

// Area answers the contests' routes.
type Area struct {
	*area.Deps
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area { return &Area{Deps: d} }

// contest loads the contest in the path.
func (a *Area) contest(r *http.Request) (store.Contest, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.Contest{}, err
	}
	return a.DB.ContestByID(r.Context(), id)
}

// judgeOf checks the signed-in judge sits on the contest's panel.
func (a *Area) judgeOf(r *http.Request, contestID int64) error {
	u := request.User(r)
	ok, err := a.DB.IsJudge(r.Context(), contestID, u.ID)
	if err != nil {
		return err
	}
	if !ok {
		return model.Errorf(model.Forbidden, "err.contest.not_on_panel")
	}
	return nil
}

// ownProject loads the project in the path if the signed-in user may see
// it: its owner, a member of the delegation that brought it, or an
// organizer.
func (a *Area) ownProject(r *http.Request) (model.Project, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Project{}, err
	}
	p, err := a.DB.LoadProject(r.Context(), id)
	if err != nil {
		return p, err
	}
	u := request.User(r)
	if u.Role == model.RoleOrganizer || p.OwnerUserID != nil && *p.OwnerUserID == u.ID ||
		u.Role == model.RoleDelegation && u.OrgID != nil && p.OrgID != nil && *p.OrgID == *u.OrgID {
		return p, nil
	}
	return p, model.ErrNotFound("project")
}

// rubric is the engine's view of a contest's rubric.
func rubric(c store.Contest) []judging.Criterion {
	out := make([]judging.Criterion, len(c.Rubric))
	for i, cr := range c.Rubric {
		out[i] = judging.Criterion{Key: cr.Key, Weight: cr.Weight, Max: cr.Max}
	}
	return out
}

// back redirects to a page with a flash message.
func back(w http.ResponseWriter, r *http.Request, to, flash string) {
	if flash != "" {
		render.SetFlash(w, flash)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// after answers a state change: back to `to` with flash once done; with
// err.contest.state when the contest has moved on (a conflict); a failure
// otherwise.
func (a *Area) after(w http.ResponseWriter, r *http.Request, to string, err error, flash string) {
	if model.ErrorCode(err) == model.Conflict {
		flash = "err.contest.state"
	} else if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, to, flash)
}

// contestForm is the contest in the path and its posted form.
func (a *Area) contestForm(r *http.Request) (store.Contest, error) {
	c, err := a.contest(r)
	if err == nil {
		err = request.Form(r)
	}
	return c, err
}

// closedContest is the contest in the path once its round is closed: its
// ranking is final.
func (a *Area) closedContest(r *http.Request) (store.Contest, error) {
	c, err := a.contest(r)
	if err == nil && c.State != store.ContestClosed && c.State != store.ContestDecided {
		err = model.Errorf(model.Conflict, "err.contest.not_closed")
	}
	return c, err
}

func itoa(n int64) string { return fmtInt(n) }

// mine is the filter for the signed-in owner's projects: a talent's own,
// a delegation member's delegation's.
func mine(u *model.User, editionID int64) store.ProjectFilter {
	f := store.ProjectFilter{EditionID: editionID, Limit: 200}
	if u.Role == model.RoleDelegation && u.OrgID != nil {
		f.OrgID = *u.OrgID
	} else {
		f.OwnerUserID = u.ID
	}
	return f
}

package contests

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/request"
)

type contestData struct {
	Contest  store.Contest
	Judges   []store.Judge
	Entries  []store.EntryRow
	Projects []model.Project // a talent's own, to enter
	Mine     *store.EntryRow // a talent's entry in this contest
	Open     bool
}

// contestPage shows a contest: to organizers with its panel, entries and
// the next step; to talents with the rubric and the entry form; judges go
// to their sheets.
func (a *Area) contestPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := a.contest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u := request.User(r)
	if u.Role == model.RoleJudge {
		http.Redirect(w, r, "/contests/"+itoa(c.ID)+"/judge", http.StatusSeeOther)
		return
	}
	d := contestData{Contest: c, Open: c.Open(timeNow())}
	if u.Role == model.RoleOrganizer {
		if d.Judges, err = a.DB.ContestJudges(ctx, c.ID); err == nil {
			d.Entries, err = a.DB.ContestEntries(ctx, c.ID)
		}
	} else {
		var es []store.EntryRow
		if es, err = a.DB.OwnerEntries(ctx, u.ID); err == nil {
			for i := range es {
				if es[i].ContestID == c.ID {
					d.Mine = &es[i]
				}
			}
			d.Projects, err = a.DB.ListProjects(ctx, mine(u, c.EditionID))
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "contest.title", nil)
	for i := range d.Entries { // for display only
		d.Entries[i].Field = vocab.Industry.Label(v.L, d.Entries[i].Field)
	}
	v.Data = d
	v.Title = model.DisplayName(v.L, c.Name, c.NameZH)
	a.Render.Page(w, r, http.StatusOK, "contest", v)
}

// inviteJudge puts a judge account (by email) on the panel.
func (a *Area) inviteJudge(w http.ResponseWriter, r *http.Request) {
	c, err := a.contestForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u, _, err := a.DB.UserByEmail(r.Context(), r.PostForm.Get("email"))
	if model.IsNotFound(err) || err == nil && u.Role != model.RoleJudge {
		back(w, r, "/contests/"+itoa(c.ID), "err.contest.not_judge")
		return
	}
	if err == nil {
		err = a.DB.AddJudge(r.Context(), c.ID, u.ID, request.User(r).ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "/contests/"+itoa(c.ID), "flash.contest.judge_added")
}

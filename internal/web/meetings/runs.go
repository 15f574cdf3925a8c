package meetings

import (
	"net/http"

	"github.com/convene/convene/internal/scheduling"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type runInput struct {
	Kind string `json:"kind"`
}

// createRun schedules the current edition's accepted requests of a kind
// as drafts.
func (a *Area) createRun(r *http.Request) (store.ScheduleRun, error) {
	var in runInput
	if err := request.Read(r, &in); err != nil {
		return store.ScheduleRun{}, err
	}
	e, err := a.Edition(r)
	if err != nil {
		return store.ScheduleRun{}, err
	}
	return scheduling.Run(r.Context(), a.DB, e.ID, in.Kind, request.User(r).ID)
}

// publishRun makes a run's drafts the published meetings.
func (a *Area) publishRun(r *http.Request) (int, error) {
	id, err := request.PathID(r)
	if err != nil {
		return 0, err
	}
	return a.DB.PublishScheduleRun(r.Context(), id, request.User(r).ID)
}

func (a *Area) runCreate(w http.ResponseWriter, r *http.Request) {
	_, err := a.createRun(r)
	a.adminDone(w, r, err, "flash.meetings.ran")
}

func (a *Area) runPublish(w http.ResponseWriter, r *http.Request) {
	if _, err := a.publishRun(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.meetings.published")
	http.Redirect(w, r, "/admin/meetings", http.StatusSeeOther)
}

func (a *Area) apiRunCreate(w http.ResponseWriter, r *http.Request) {
	run, err := a.createRun(r)
	render.Answer(a.Render, w, r, http.StatusCreated, run, err, runJSON)
}

func (a *Area) apiRunPublish(w http.ResponseWriter, r *http.Request) {
	n, err := a.publishRun(r)
	render.Answer(a.Render, w, r, http.StatusOK, n, err, func(n int) map[string]int { return map[string]int{"published": n} })
}

package contests

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

// withdrawProject takes the project in the path out of the convention (its
// owner, its delegation or an organizer): no new entries or dockings.
func (a *Area) withdrawProject(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err == nil {
		err = a.DB.WithdrawProject(r.Context(), id, request.User(r).ID)
	}
	if me := model.AsError(err); me != nil && me.Code == model.Conflict {
		back(w, r, "/projects/"+itoa(id)+"/contests", me.Key)
		return
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "/projects/"+itoa(id)+"/contests", "flash.project.withdrawn")
}

// apiWithdrawProject is the same for the API: 204, or 409 when the project
// was already withdrawn.
func (a *Area) apiWithdrawProject(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err == nil {
		err = a.DB.WithdrawProject(r.Context(), id, request.User(r).ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

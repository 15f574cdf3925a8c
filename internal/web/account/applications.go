package account

import (
	"net/http"

	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// myApplications is the signed-in talent's applications, newest first.
func (a *Area) myApplications(w http.ResponseWriter, r *http.Request) {
	t, err := a.DB.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	apps, err := a.DB.TalentApplications(r.Context(), t.ID)
	a.Render.Show(w, r, "applications", "apps.title", apps, err)
}

func (a *Area) apiMyApplications(w http.ResponseWriter, r *http.Request) {
	t, err := a.DB.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	apps, err := a.DB.ApplicationsOfTalent(r.Context(), t.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, jsonview.Map(apps, jsonview.ApplicationOf))
}

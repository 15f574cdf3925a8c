package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// talentInput is what a talent's profile form and PUT /api/v1/me/talent
// send: the fields the API shows.
type talentInput jsonview.TalentFields

func (in talentInput) apply(t *model.Talent) error {
	t.Name, t.Category, t.Residence, t.Nationality = in.Name, model.TalentCategory(in.Category), in.Residence, in.Nationality
	t.Degree, t.Discipline, t.Skills, t.Languages = model.Degree(in.Degree), in.Discipline, in.Skills, in.Languages
	t.YearsExperience, t.IntentChina, t.PreferredCities, t.Phone = in.YearsExperience, model.Intent(in.IntentChina), in.PreferredCities, in.Phone
	return t.Validate()
}

// profileData lets the profile page show the CV link.
type profileData struct {
	Talent model.Talent
}

// saveProfile reads and stores the signed-in talent's profile, then tells
// the services (the match index, the suggester's caches).
func (a *Area) saveProfile(r *http.Request) (model.Talent, error) {
	t, err := a.DB.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		return t, err
	}
	var in talentInput
	if err := request.DecodeThen(r, &in, func() error { return in.apply(&t) }); err != nil {
		return t, err
	}
	if err := a.DB.UpdateTalent(r.Context(), &t); err != nil {
		return t, err
	}
	a.Notify.Publish(r.Context(), notify.TalentSaved{Talent: t})
	return t, nil
}

func (a *Area) profileForm(w http.ResponseWriter, r *http.Request) {
	t, err := a.DB.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "profile.title", profileData{Talent: t})
	request.EncodeForm(v.Form, jsonview.TalentOf(t).TalentFields)
	a.Render.Page(w, r, http.StatusOK, "profile", v)
}

func (a *Area) profileSave(w http.ResponseWriter, r *http.Request) {
	if t, err := a.saveProfile(r); err != nil {
		a.Render.FormError(w, r, "profile", "profile.title", err, profileData{Talent: t})
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/me/profile", http.StatusSeeOther)
}

func (a *Area) apiProfile(w http.ResponseWriter, r *http.Request) {
	t, err := a.DB.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, jsonview.TalentOf(t))
}

func (a *Area) apiProfileSave(w http.ResponseWriter, r *http.Request) {
	t, err := a.saveProfile(r)
	render.Answer(a.Render, w, r, http.StatusOK, t, err, jsonview.TalentOf)
}

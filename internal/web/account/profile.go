package account

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type talentInput struct {
	Name            string   `json:"name"`
	Category        string   `json:"category"`
	Residence       string   `json:"residence"`
	Nationality     string   `json:"nationality"`
	Degree          string   `json:"degree"`
	Discipline      string   `json:"discipline"`
	Skills          []string `json:"skills"`
	Languages       []string `json:"languages"`
	YearsExperience int      `json:"years_experience"`
	IntentChina     string   `json:"intent_china"`
	PreferredCities []string `json:"preferred_cities"`
	Phone           string   `json:"phone"`
}

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
	t, err := a.db.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		return t, err
	}
	var in talentInput
	if err := request.DecodeThen(r, &in, func() error { return in.apply(&t) }); err != nil {
		return t, err
	}
	if err := a.db.UpdateTalent(r.Context(), &t); err != nil {
		return t, err
	}
	a.notify.Publish(r.Context(), notify.TalentSaved{Talent: t})
	return t, nil
}

func (a *Area) profileForm(w http.ResponseWriter, r *http.Request) {
	t, err := a.db.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	v := a.rd.View(r, "profile.title", profileData{Talent: t})
	fillTalentForm(v, t)
	a.rd.Page(w, r, http.StatusOK, "profile", v)
}

// fillTalentForm shows a stored profile in the form.
func fillTalentForm(v *render.View, t model.Talent) {
	f := v.Form
	f.Set("name", t.Name)
	f.Set("category", string(t.Category))
	f.Set("residence", t.Residence)
	f.Set("nationality", t.Nationality)
	f.Set("degree", string(t.Degree))
	f.Set("discipline", t.Discipline)
	f.Set("skills", strings.Join(t.Skills, ", "))
	f.Set("languages", strings.Join(t.Languages, ", "))
	f.Set("years_experience", strconv.Itoa(t.YearsExperience))
	f.Set("intent_china", string(t.IntentChina))
	f.Set("preferred_cities", strings.Join(t.PreferredCities, ", "))
	f.Set("phone", t.Phone)
}

func (a *Area) profileSave(w http.ResponseWriter, r *http.Request) {
	if t, err := a.saveProfile(r); err != nil {
		a.rd.FormError(w, r, "profile", "profile.title", err, profileData{Talent: t})
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/me/profile", http.StatusSeeOther)
}

func (a *Area) apiProfile(w http.ResponseWriter, r *http.Request) {
	t, err := a.db.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, jsonview.TalentOf(t))
}

func (a *Area) apiProfileSave(w http.ResponseWriter, r *http.Request) {
	t, err := a.saveProfile(r)
	render.Answer(a.rd, w, r, http.StatusOK, t, err, jsonview.TalentOf)
}

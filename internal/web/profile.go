package web

import (
	"net/http"

	"github.com/convene/convene/internal/model"
)

// saveProfile reads and stores the signed-in talent's profile.
func (s *Server) saveProfile(r *http.Request) (model.Talent, error) {
	t, err := s.store.TalentByUser(r.Context(), currentUser(r).ID)
	if err != nil {
		return t, err
	}
	var in talentInput
	if err := decodeThen(r, &in, func() error { return in.apply(&t) }); err != nil {
		return t, err
	}
	return t, s.matchTalent(&t, s.store.UpdateTalent(r.Context(), &t))
}

func (s *Server) profileForm(w http.ResponseWriter, r *http.Request) {
	t, err := s.store.TalentByUser(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "profile.title", profileData{Talent: t})
	fillTalentForm(v, t)
	s.render(w, r, http.StatusOK, "profile", v)
}

func fillTalentForm(v *view, t model.Talent) {
	f := v.Form
	f.Set("name", t.Name)
	f.Set("category", string(t.Category))
	f.Set("residence", t.Residence)
	f.Set("nationality", t.Nationality)
	f.Set("degree", string(t.Degree))
	f.Set("discipline", t.Discipline)
	f.Set("skills", joinList(t.Skills))
	f.Set("languages", joinList(t.Languages))
	f.Set("years_experience", itoa(t.YearsExperience))
	f.Set("intent_china", string(t.IntentChina))
	f.Set("preferred_cities", joinList(t.PreferredCities))
	f.Set("phone", t.Phone)
}

func (s *Server) profileSave(w http.ResponseWriter, r *http.Request) {
	if t, err := s.saveProfile(r); err != nil {
		s.formError(w, r, "profile", "profile.title", err, profileData{Talent: t})
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/me/profile", http.StatusSeeOther)
}

func (s *Server) apiProfile(w http.ResponseWriter, r *http.Request) {
	t, err := s.store.TalentByUser(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, talentJSON(t))
}

func (s *Server) apiProfileSave(w http.ResponseWriter, r *http.Request) {
	t, err := s.saveProfile(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, talentJSON(t))
}

func (s *Server) apiMyApplications(w http.ResponseWriter, r *http.Request) {
	t, err := s.store.TalentByUser(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	apps, err := s.store.ApplicationsOfTalent(r.Context(), t.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, mapSlice(apps, applicationJSON))
}

// Organization profile, for its enterprise or delegation members.

func (s *Server) saveOrg(r *http.Request) (model.Organization, error) {
	o, err := s.store.Organization(r.Context(), *currentUser(r).OrgID)
	if err != nil {
		return o, err
	}
	var in orgInput
	if err := read(r, &in); err != nil {
		return o, err
	}
	if err := in.apply(&o); err != nil {
		return o, err
	}
	return o, s.store.UpdateOrganization(r.Context(), &o)
}

func (s *Server) orgForm(w http.ResponseWriter, r *http.Request) {
	o, err := s.store.Organization(r.Context(), *currentUser(r).OrgID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "org.title", o)
	v.Form.Set("name", o.Name)
	v.Form.Set("name_zh", o.NameZH)
	v.Form.Set("industry", o.Industry)
	v.Form.Set("size", o.Size)
	v.Form.Set("province", o.Province)
	if o.Foreign {
		v.Form.Set("foreign", "on")
	}
	s.render(w, r, http.StatusOK, "org", v)
}

func (s *Server) orgSave(w http.ResponseWriter, r *http.Request) {
	o, err := s.saveOrg(r)
	if err != nil {
		s.formError(w, r, "org", "org.title", err, o)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/org", http.StatusSeeOther)
}

func (s *Server) apiOrg(w http.ResponseWriter, r *http.Request) {
	o, err := s.store.Organization(r.Context(), *currentUser(r).OrgID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, orgJSON(o))
}

func (s *Server) apiOrgSave(w http.ResponseWriter, r *http.Request) {
	o, err := s.saveOrg(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, orgJSON(o))
}

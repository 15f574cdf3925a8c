package web

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

type adminData struct {
	Edition *model.Edition
	Counts  store.Counts
	Orgs    []model.Organization // waiting for approval
}

func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := adminData{}
	var err error
	if e, err := s.store.CurrentEdition(ctx); err == nil {
		d.Edition = &e
		if d.Counts, err = s.store.Counts(ctx, e.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if d.Orgs, err = s.store.ListOrganizations(ctx, store.OrgFilter{Status: model.OrgPending}); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin", s.view(r, "admin.title", d))
}

func (s *Server) editionList(w http.ResponseWriter, r *http.Request) {
	eds, err := s.store.ListEditions(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "editions", s.view(r, "editions.title", eds))
}

func (s *Server) editionNew(w http.ResponseWriter, r *http.Request) {
	v := s.view(r, "edition.new", nil)
	v.Form.Set("time_zone", "Asia/Shanghai")
	s.render(w, r, http.StatusOK, "edition_new", v)
}

func (s *Server) createEdition(r *http.Request) (model.Edition, error) {
	var in editionInput
	var e model.Edition
	if err := read(r, &in); err != nil {
		return e, err
	}
	if err := in.apply(&e); err != nil {
		return e, err
	}
	return e, s.store.CreateEdition(r.Context(), &e, currentUser(r).ID)
}

func (s *Server) editionCreate(w http.ResponseWriter, r *http.Request) {
	e, err := s.createEdition(r)
	if err != nil {
		s.formError(w, r, "edition_new", "edition.new", err, nil)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/admin/editions/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

type editionData struct {
	Edition model.Edition
	Venues  []model.Venue
	Fairs   []fairView
	Zones   []string
	Kinds   []model.FairKind
}

func (s *Server) editionData(r *http.Request) (editionData, error) {
	d := editionData{Zones: commonZones, Kinds: model.FairKinds}
	id, err := pathID(r)
	if err != nil {
		return d, err
	}
	if d.Edition, err = s.store.Edition(r.Context(), id); err != nil {
		return d, err
	}
	if d.Venues, err = s.store.ListVenues(r.Context(), id); err != nil {
		return d, err
	}
	d.Fairs, err = s.fairViews(r, id)
	return d, err
}

// commonZones are offered in forms; any IANA zone is accepted.
var commonZones = []string{"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Tokyo", "Europe/Moscow", "Europe/London", "America/New_York", "America/Los_Angeles", "Australia/Sydney"}

func (s *Server) editionPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.editionData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "edition.title", d)
	e := d.Edition
	for k, val := range map[string]string{"slug": e.Slug, "name": e.Name, "name_zh": e.NameZH, "city": e.City,
		"start_date": e.StartDate.Format("2006-01-02"), "end_date": e.EndDate.Format("2006-01-02"), "time_zone": e.TimeZone} {
		v.Form.Set(k, val)
	}
	if e.Current {
		v.Form.Set("current", "on")
	}
	s.render(w, r, http.StatusOK, "edition", v)
}

func (s *Server) updateEdition(r *http.Request) (model.Edition, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Edition{}, err
	}
	e, err := s.store.Edition(r.Context(), id)
	if err != nil {
		return e, err
	}
	var in editionInput
	if err := read(r, &in); err != nil {
		return e, err
	}
	if err := in.apply(&e); err != nil {
		return e, err
	}
	return e, s.store.UpdateEdition(r.Context(), &e, currentUser(r).ID)
}

// editionFormError re-shows the edition page with a sub-form's problems.
func (s *Server) editionFormError(w http.ResponseWriter, r *http.Request, err error) {
	d, derr := s.editionData(r)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.formError(w, r, "edition", "edition.title", err, d)
}

func (s *Server) editionUpdate(w http.ResponseWriter, r *http.Request) {
	e, err := s.updateEdition(r)
	s.backToEdition(w, r, e.ID, err)
}

func (s *Server) createVenue(r *http.Request) (model.Venue, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Venue{}, err
	}
	if _, err := s.store.Edition(r.Context(), id); err != nil {
		return model.Venue{}, err
	}
	var in venueInput
	v := model.Venue{EditionID: id}
	if err := decodeThen(r, &in, func() error { return in.apply(&v) }); err != nil {
		return v, err
	}
	return v, s.store.CreateVenue(r.Context(), &v)
}

func (s *Server) venueCreate(w http.ResponseWriter, r *http.Request) {
	v, err := s.createVenue(r)
	s.backToEdition(w, r, v.EditionID, err)
}

func (s *Server) createFair(r *http.Request) (model.Fair, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Fair{}, err
	}
	if _, err := s.store.Edition(r.Context(), id); err != nil {
		return model.Fair{}, err
	}
	var in fairInput
	if err := read(r, &in); err != nil {
		return model.Fair{}, err
	}
	f := model.Fair{EditionID: id}
	if err := in.apply(&f); err != nil {
		return f, err
	}
	if f.VenueID != nil {
		if v, err := s.store.Venue(r.Context(), *f.VenueID); err != nil || v.EditionID != id {
			return f, model.Errorf(model.Invalid, "err.invalid", "venue_id", "err.choice")
		}
	}
	return f, s.store.CreateFair(r.Context(), &f)
}

func (s *Server) fairCreate(w http.ResponseWriter, r *http.Request) {
	f, err := s.createFair(r)
	s.backToEdition(w, r, f.EditionID, err)
}

func (s *Server) createSession(r *http.Request) (model.RemoteSession, model.Fair, error) {
	id, err := pathID(r)
	if err != nil {
		return model.RemoteSession{}, model.Fair{}, err
	}
	f, err := s.store.Fair(r.Context(), id)
	if err != nil {
		return model.RemoteSession{}, f, err
	}
	var in sessionInput
	if err := read(r, &in); err != nil {
		return model.RemoteSession{}, f, err
	}
	rs := model.RemoteSession{FairID: id}
	if err := in.apply(&rs); err != nil {
		return rs, f, err
	}
	return rs, f, s.store.CreateRemoteSession(r.Context(), &rs)
}

func (s *Server) sessionCreate(w http.ResponseWriter, r *http.Request) {
	_, f, err := s.createSession(r)
	s.backToEdition(w, r, f.EditionID, err)
}

type orgListData struct {
	Orgs   []model.Organization
	Kind   string
	Status string
	Query  string
}

func orgFilter(r *http.Request) store.OrgFilter {
	q := r.URL.Query()
	return store.OrgFilter{Kind: model.OrgKind(q.Get("kind")), Status: model.OrgStatus(q.Get("status")), Query: q.Get("q"),
		Limit: queryInt(r, "limit"), Offset: queryInt(r, "offset")}
}

func (s *Server) orgList(w http.ResponseWriter, r *http.Request) {
	f := orgFilter(r)
	orgs, err := s.store.ListOrganizations(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "orgs", s.view(r, "orgs.title", orgListData{orgs, string(f.Kind), string(f.Status), f.Query}))
}

type statusInput struct {
	Status string `json:"status"`
}

func (s *Server) setOrgStatus(r *http.Request) (model.Organization, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Organization{}, err
	}
	var in statusInput
	if err := read(r, &in); err != nil {
		return model.Organization{}, err
	}
	if err := s.store.SetOrgStatus(r.Context(), id, model.OrgStatus(in.Status), currentUser(r).ID); err != nil {
		return model.Organization{}, err
	}
	return s.store.Organization(r.Context(), id)
}

func (s *Server) orgStatus(w http.ResponseWriter, r *http.Request) {
	if _, err := s.setOrgStatus(r); err != nil {
		s.fail(w, r, err)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, safeNext(r.PostForm.Get("next")), http.StatusSeeOther)
}

type searchData struct {
	Query   string
	Orgs    []model.Organization
	Talents []model.Talent
	Posts   []model.Post
}

func (s *Server) doSearch(r *http.Request) (searchData, error) {
	d := searchData{Query: r.URL.Query().Get("q")}
	if d.Query == "" {
		return d, nil
	}
	var err error
	ctx := r.Context()
	if d.Orgs, err = s.store.ListOrganizations(ctx, store.OrgFilter{Query: d.Query, Limit: 20}); err != nil {
		return d, err
	}
	if d.Talents, err = s.store.ListTalents(ctx, store.TalentFilter{Query: d.Query, Limit: 20}); err != nil {
		return d, err
	}
	d.Posts, err = s.store.ListPosts(ctx, store.PostFilter{Query: d.Query, Limit: 20})
	return d, err
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	d, err := s.doSearch(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "search", s.view(r, "search.title", d))
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	entries, err := s.store.AuditEntries(r.Context(), 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "audit", s.view(r, "audit.title", entries))
}

// updateVenue and updateFair edit what an edition's page created.
func (s *Server) updateVenue(r *http.Request) (model.Venue, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Venue{}, err
	}
	v, err := s.store.Venue(r.Context(), id)
	if err != nil {
		return v, err
	}
	var in venueInput
	if err := decodeThen(r, &in, func() error { return in.apply(&v) }); err != nil {
		return v, err
	}
	return v, s.store.UpdateVenue(r.Context(), &v)
}

func (s *Server) venueUpdate(w http.ResponseWriter, r *http.Request) {
	v, err := s.updateVenue(r)
	s.backToEdition(w, r, v.EditionID, err)
}

func (s *Server) updateFair(r *http.Request) (model.Fair, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Fair{}, err
	}
	f, err := s.store.Fair(r.Context(), id)
	if err != nil {
		return f, err
	}
	var in fairInput
	if err := decodeThen(r, &in, func() error { return in.apply(&f) }); err != nil {
		return f, err
	}
	if f.VenueID != nil {
		if v, err := s.store.Venue(r.Context(), *f.VenueID); err != nil || v.EditionID != f.EditionID {
			return f, model.Errorf(model.Invalid, "err.invalid", "venue_id", "err.choice")
		}
	}
	return f, s.store.UpdateFair(r.Context(), &f)
}

func (s *Server) fairUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := s.updateFair(r)
	s.backToEdition(w, r, f.EditionID, err)
}

// backToEdition ends every form of the edition page: on success a flash and
// a redirect to the page; on bad input the page again with the problems
// (editionID 0: the thing itself was not found, so a plain error).
func (s *Server) backToEdition(w http.ResponseWriter, r *http.Request, editionID int64, err error) {
	if err != nil {
		if editionID == 0 {
			s.fail(w, r, err)
			return
		}
		r.SetPathValue("id", strconv.FormatInt(editionID, 10))
		s.editionFormError(w, r, err)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/admin/editions/"+strconv.FormatInt(editionID, 10), http.StatusSeeOther)
}

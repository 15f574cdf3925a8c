package web

import (
	"context"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

func (s *Server) openapiDoc(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(s.openapi)
}

func (s *Server) apiRegister(w http.ResponseWriter, r *http.Request) {
	var g registration
	if err := readJSON(r, &g); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.doRegister(r, g.model(info(r).locale))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, userJSON(u))
}

type loginInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) {
	var in loginInput
	if err := readJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.authenticate(r.Context(), r, in.Email, in.Password)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, userJSON(u))
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.signOut(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, userJSON(*currentUser(r)))
}

type localeInput struct {
	Locale string `json:"locale"`
}

func (s *Server) apiSetLocale(w http.ResponseWriter, r *http.Request) {
	var in localeInput
	if err := readJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	u := currentUser(r)
	if err := s.store.SetLocale(r.Context(), u.ID, in.Locale); err != nil {
		s.fail(w, r, err)
		return
	}
	s.sessions.forget(info(r).token)
	u.Locale = in.Locale
	writeJSON(w, http.StatusOK, userJSON(*u))
}

func (s *Server) apiEditions(w http.ResponseWriter, r *http.Request) {
	eds, err := s.store.ListEditions(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, mapSlice(eds, editionJSON))
}

func (s *Server) apiEdition(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.store.Edition(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, editionJSON(e))
}

// answer writes v as JSON with code, or the error.
func answer[T, J any](s *Server, w http.ResponseWriter, r *http.Request, code int, v T, err error, f func(T) J) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, code, f(v))
}

func (s *Server) apiEditionCreate(w http.ResponseWriter, r *http.Request) {
	e, err := s.createEdition(r)
	answer(s, w, r, http.StatusCreated, e, err, editionJSON)
}

func (s *Server) apiEditionUpdate(w http.ResponseWriter, r *http.Request) {
	e, err := s.updateEdition(r)
	answer(s, w, r, http.StatusOK, e, err, editionJSON)
}

func (s *Server) apiVenues(w http.ResponseWriter, r *http.Request) {
	children(s, w, r, func(ctx context.Context, id int64) error { _, err := s.store.Edition(ctx, id); return err }, s.store.ListVenues, venueJSON)
}

func (s *Server) apiVenueCreate(w http.ResponseWriter, r *http.Request) {
	v, err := s.createVenue(r)
	answer(s, w, r, http.StatusCreated, v, err, venueJSON)
}

func (s *Server) apiFairs(w http.ResponseWriter, r *http.Request) {
	children(s, w, r, func(ctx context.Context, id int64) error { _, err := s.store.Edition(ctx, id); return err }, s.store.ListFairs, fairJSON)
}

func (s *Server) apiFairCreate(w http.ResponseWriter, r *http.Request) {
	f, err := s.createFair(r)
	answer(s, w, r, http.StatusCreated, f, err, fairJSON)
}

func (s *Server) apiSessions(w http.ResponseWriter, r *http.Request) {
	children(s, w, r, func(ctx context.Context, id int64) error { _, err := s.store.Fair(ctx, id); return err }, s.store.ListRemoteSessions, sessionJSON)
}

func (s *Server) apiSessionCreate(w http.ResponseWriter, r *http.Request) {
	rs, _, err := s.createSession(r)
	answer(s, w, r, http.StatusCreated, rs, err, sessionJSON)
}

func (s *Server) apiOrgs(w http.ResponseWriter, r *http.Request) {
	orgs, err := s.store.ListOrganizations(r.Context(), orgFilter(r))
	answer(s, w, r, http.StatusOK, orgs, err, func(l []model.Organization) []orgJ { return mapSlice(l, orgJSON) })
}

func (s *Server) apiOrgStatus(w http.ResponseWriter, r *http.Request) {
	o, err := s.setOrgStatus(r)
	answer(s, w, r, http.StatusOK, o, err, orgJSON)
}

func (s *Server) apiPosts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.PostFilter{Query: q.Get("q"), Status: model.PostOpen, Limit: queryInt(r, "limit"), Offset: queryInt(r, "offset"), FairID: int64(queryInt(r, "fair_id"))}
	posts, err := s.store.ListPosts(r.Context(), f)
	answer(s, w, r, http.StatusOK, posts, err, func(l []model.Post) []postJ { return mapSlice(l, postJSON) })
}

func (s *Server) apiPost(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadPost(r)
	if err == nil {
		s.countVisit("post", d.Post.ID, channelOf(r)) // app and PC clients count as visits too
	}
	answer(s, w, r, http.StatusOK, d.Post, err, postJSON)
}

type searchJ struct {
	Query   string    `json:"query"`
	Orgs    []orgJ    `json:"organizations"`
	Talents []talentJ `json:"talents"`
	Posts   []postJ   `json:"posts"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	d, err := s.doSearch(r)
	answer(s, w, r, http.StatusOK, d, err, func(d searchData) searchJ {
		return searchJ{d.Query, mapSlice(d.Orgs, orgJSON), mapSlice(d.Talents, talentJSON), mapSlice(d.Posts, postJSON)}
	})
}

func (s *Server) apiVenueUpdate(w http.ResponseWriter, r *http.Request) {
	v, err := s.updateVenue(r)
	answer(s, w, r, http.StatusOK, v, err, venueJSON)
}

func (s *Server) apiFairUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := s.updateFair(r)
	answer(s, w, r, http.StatusOK, f, err, fairJSON)
}

// children answers GET /api/v1/<parent>/{id}/<things>: 404 when the parent
// does not exist (an empty list would hide a wrong id), else the list.
func children[T, J any](s *Server, w http.ResponseWriter, r *http.Request, exists func(context.Context, int64) error,
	list func(context.Context, int64) ([]T, error), view func(T) J) {
	id, err := pathID(r)
	if err == nil {
		err = exists(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l, err := list(r.Context(), id)
	answer(s, w, r, http.StatusOK, l, err, func(l []T) []J { return mapSlice(l, view) })
}

package web

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.ErrNotFound("page")
	}
	return id, nil
}

func queryInt(r *http.Request, name string) int {
	n, _ := strconv.Atoi(r.URL.Query().Get(name))
	return n
}

type homeData struct {
	Edition *model.Edition
	Venues  []model.Venue
	Fairs   []fairView
	Events  []model.Event
	Counts  store.Counts
}

type fairView struct {
	model.Fair
	Sessions []model.RemoteSession
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	d := homeData{}
	ctx := r.Context()
	e, err := s.store.CurrentEdition(ctx)
	if err != nil && !model.IsNotFound(err) {
		s.fail(w, r, err)
		return
	}
	if err == nil {
		d.Edition = &e
		if d.Venues, err = s.store.ListVenues(ctx, e.ID); err == nil {
			d.Fairs, err = s.fairViews(r, e.ID)
		}
		if err == nil {
			d.Events, err = s.store.ListEvents(ctx, e.ID)
		}
		if err == nil {
			d.Counts, err = s.store.Counts(ctx, e.ID)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "home", s.view(r, "home.title", d))
}

func (s *Server) fairViews(r *http.Request, editionID int64) ([]fairView, error) {
	fairs, err := s.store.ListFairs(r.Context(), editionID)
	if err != nil {
		return nil, err
	}
	out := make([]fairView, len(fairs))
	for i, f := range fairs {
		out[i].Fair = f
		if f.Kind == model.FairVideo {
			if out[i].Sessions, err = s.store.ListRemoteSessions(r.Context(), f.ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.Error("health", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "db": s.store.Dialect(), "version": s.cfg.Version})
}

const perPage = 20

type postData struct {
	Post model.Post
	Org  model.Organization
	Fair model.Fair
}

func (s *Server) postPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadPost(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.countVisit("post", d.Post.ID, channelOf(r))
	s.render(w, r, http.StatusOK, "post", s.view(r, d.Post.Title, d))
}

func (s *Server) loadPost(r *http.Request) (postData, error) {
	var d postData
	id, err := pathID(r)
	if err != nil {
		return d, err
	}
	if d.Post, err = s.store.Post(r.Context(), id); err != nil {
		return d, err
	}
	if d.Org, err = s.store.Organization(r.Context(), d.Post.OrgID); err != nil {
		return d, err
	}
	d.Fair, err = s.store.Fair(r.Context(), d.Post.FairID)
	return d, err
}

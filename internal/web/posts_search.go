package web

import (
	"net/http"
	"net/url"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// searchFilter reads a post search from the query string: q, fair_id,
// industry, city, degree (the talent's: posts asking at most this), page.
func searchFilter(r *http.Request) store.PostSearch {
	q := r.URL.Query()
	f := store.PostSearch{Query: q.Get("q"), FairID: int64(queryInt(r, "fair_id")), Industry: q.Get("industry"), City: q.Get("city"), Status: model.PostOpen}
	if d := model.Degree(q.Get("degree")); d.Valid() {
		f.MinDegree = d
	}
	return f
}

type postListData struct {
	Filter  store.PostSearch
	Fairs   []model.Fair
	Facets  store.PostFacets
	Degrees []model.Degree
	Posts   []model.Post
	Page    int
	Next    bool
}

// PageURL is this search on another page.
func (d postListData) PageURL(n int) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", d.Filter.Query)
	set("industry", d.Filter.Industry)
	set("city", d.Filter.City)
	set("degree", string(d.Filter.MinDegree))
	if d.Filter.FairID != 0 {
		v.Set("fair_id", itoa(int(d.Filter.FairID)))
	}
	v.Set("page", itoa(n))
	return "/posts?" + v.Encode()
}

func (d postListData) Prev() int     { return d.Page - 1 }
func (d postListData) NextPage() int { return d.Page + 1 }

// postList is the talent's browse and search page: full-text words and
// filters, paginated, over the current edition's open posts.
func (s *Server) postList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg := max(queryInt(r, "page"), 1)
	f := searchFilter(r)
	f.Limit, f.Offset = perPage+1, (pg-1)*perPage
	d := postListData{Filter: f, Page: pg, Degrees: model.Degrees}
	e, err := s.store.CurrentEdition(ctx)
	switch {
	case err == nil:
		f.EditionID = e.ID
		if d.Fairs, err = s.store.ListFairs(ctx, e.ID); err == nil {
			d.Facets, err = s.store.SearchFacets(ctx, e.ID)
		}
	case model.IsNotFound(err):
		err = nil
	}
	if err == nil {
		d.Posts, err = s.store.SearchPosts(ctx, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(d.Posts) > perPage {
		d.Posts, d.Next = d.Posts[:perPage], true
	}
	s.render(w, r, http.StatusOK, "posts", s.view(r, "posts.title", d))
}

func (s *Server) apiSearchPosts(w http.ResponseWriter, r *http.Request) {
	f := searchFilter(r)
	f.Limit, f.Offset = queryInt(r, "limit"), queryInt(r, "offset")
	if e, err := s.store.CurrentEdition(r.Context()); err == nil {
		f.EditionID = e.ID
	}
	posts, err := s.store.SearchPosts(r.Context(), f)
	answer(s, w, r, http.StatusOK, posts, err, func(l []model.Post) []postJ { return mapSlice(l, postJSON) })
}

type fairPageData struct {
	Fair     model.Fair
	Edition  model.Edition
	Sessions []sessionPosts
	Posts    []model.Post // posts not offered in a session
}

type sessionPosts struct {
	model.RemoteSession
	Posts []model.Post
}

// fairPage shows a fair, its remote sessions (local time and the
// convention's) and its open posts, by session.
func (s *Server) fairPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var d fairPageData
	if d.Fair, err = s.store.Fair(ctx, id); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Edition, err = s.store.Edition(ctx, d.Fair.EditionID); err != nil {
		s.fail(w, r, err)
		return
	}
	ss, err := s.store.ListRemoteSessions(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	posts, err := s.store.SearchPosts(ctx, store.PostSearch{FairID: id, Status: model.PostOpen, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	idx := map[int64]int{}
	for i, x := range ss {
		idx[x.ID] = i
		d.Sessions = append(d.Sessions, sessionPosts{RemoteSession: x})
	}
	for _, p := range posts {
		if p.SessionID != nil {
			if i, ok := idx[*p.SessionID]; ok {
				d.Sessions[i].Posts = append(d.Sessions[i].Posts, p)
				continue
			}
		}
		d.Posts = append(d.Posts, p)
	}
	v := s.view(r, "fairpage.title", d)
	v.Title = model.DisplayName(v.L, d.Fair.Name, d.Fair.NameZH)
	s.render(w, r, http.StatusOK, "fair", v)
}

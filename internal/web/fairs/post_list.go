package fairs

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// searchFilter reads a post search from the query string: q, fair_id,
// industry, city, degree (the talent's: posts asking at most this), page.
func searchFilter(r *http.Request) store.PostSearch {
	q := r.URL.Query()
	f := store.PostSearch{Query: q.Get("q"), FairID: int64(request.QueryInt(r, "fair_id")), Industry: q.Get("industry"), City: q.Get("city"), Status: model.PostOpen}
	if d := model.Degree(q.Get("degree")); d.Valid() {
		f.MinDegree = d
	}
	return f
}

// searchQuery is the search as read, so page links repeat the filters that
// took effect and nothing else (an unknown degree is dropped).
func searchQuery(f store.PostSearch) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", f.Query)
	set("industry", f.Industry)
	set("city", f.City)
	set("degree", string(f.MinDegree))
	if f.FairID != 0 {
		v.Set("fair_id", strconv.FormatInt(f.FairID, 10))
	}
	return v
}

type postListData struct {
	request.Pager
	Filter  store.PostSearch
	Fairs   []model.Fair
	Facets  store.PostFacets
	Degrees []model.Degree
	Posts   []model.Post
}

// postList is the talent's browse and search page: full-text words and
// filters, paginated, over the current edition's open posts.
func (a *Area) postList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := searchFilter(r)
	pg := request.NewPager(r, "/posts")
	pg.Query = searchQuery(f)
	f.Limit, f.Offset = pg.Limit(), pg.Offset()
	d := postListData{Filter: f, Degrees: model.Degrees}
	e, err := a.db.CurrentEdition(ctx)
	switch {
	case err == nil:
		f.EditionID = e.ID
		if d.Fairs, err = a.db.ListFairs(ctx, e.ID); err == nil {
			d.Facets, err = a.db.SearchFacets(ctx, e.ID)
		}
	case model.IsNotFound(err):
		err = nil
	}
	if err == nil {
		d.Posts, err = a.db.SearchPosts(ctx, f)
	}
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	d.Posts = request.Trim(&pg, d.Posts)
	d.Pager = pg
	a.rd.Page(w, r, http.StatusOK, "posts", a.rd.View(r, "posts.title", d))
}

func (a *Area) apiSearchPosts(w http.ResponseWriter, r *http.Request) {
	f := searchFilter(r)
	var err error
	if f.Limit, f.Offset, err = request.Page(r); err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	if e, err := a.db.CurrentEdition(r.Context()); err == nil {
		f.EditionID = e.ID
	}
	posts, err := a.db.SearchPosts(r.Context(), f)
	render.Answer(a.rd, w, r, http.StatusOK, posts, err, postsJSON)
}

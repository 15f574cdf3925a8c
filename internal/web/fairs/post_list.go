package fairs

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// postFilter is a post search with the industry and city asked for, each
// as its vocabulary key (any spelling in either language is accepted:
// "广州", "Guangzhou" and "guangzhou" ask for the same city).
type postFilter struct {
	store.PostSearch
	Industry, City string
}

// searchFilter reads a post search from the query string: q, fair_id,
// industry, city, degree (the talent's: posts asking at most this), page.
func searchFilter(r *http.Request) postFilter {
	q := r.URL.Query()
	f := postFilter{PostSearch: store.PostSearch{Query: q.Get("q"), FairID: int64(request.QueryInt(r, "fair_id")), Status: model.PostOpen},
		Industry: vocab.Industry.Key(q.Get("industry")), City: vocab.City.Key(q.Get("city"))}
	if d := model.Degree(q.Get("degree")); d.Valid() {
		f.MinDegree = d
	}
	return f
}

// narrow makes the chosen industry and city match every spelling the
// edition's open posts use for them.
func (f *postFilter) narrow(fc store.PostFacets) {
	f.Industries = vocab.Industry.Spellings(f.Industry, counts(fc.Industries))
	f.Cities = vocab.City.Spellings(f.City, counts(fc.Cities))
}

// searchQuery is the search as read, so page links repeat the filters that
// took effect and nothing else (an unknown degree is dropped).
func searchQuery(f postFilter) url.Values {
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
	Filter  postFilter
	Fairs   []model.Fair
	Facets  facets
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
	v := a.Render.View(r, "posts.title", nil)
	e, err := a.DB.CurrentEdition(ctx)
	switch {
	case err == nil:
		f.EditionID = e.ID
		var fc store.PostFacets
		if d.Fairs, err = a.DB.ListFairs(ctx, e.ID); err == nil {
			fc, err = a.DB.SearchFacets(ctx, e.ID)
		}
		f.narrow(fc)
		d.Facets = facetsIn(v.L, fc)
	case model.IsNotFound(err):
		err = nil
		f.narrow(store.PostFacets{})
	}
	if err == nil {
		d.Posts, err = a.DB.SearchPosts(ctx, f.PostSearch)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d.Posts = postsIn(v.L, request.Trim(&pg, d.Posts))
	d.Pager = pg
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "posts", v)
}

func (a *Area) apiSearchPosts(w http.ResponseWriter, r *http.Request) {
	f := searchFilter(r)
	var err error
	if f.Limit, f.Offset, err = request.Page(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var fc store.PostFacets
	if e, err := a.DB.CurrentEdition(r.Context()); err == nil {
		f.EditionID = e.ID
		if f.Industry != "" || f.City != "" {
			if fc, err = a.DB.SearchFacets(r.Context(), e.ID); err != nil {
				a.Render.Fail(w, r, err)
				return
			}
		}
	}
	f.narrow(fc)
	posts, err := a.DB.SearchPosts(r.Context(), f.PostSearch)
	render.Answer(a.Render, w, r, http.StatusOK, posts, err, postsJSON)
}

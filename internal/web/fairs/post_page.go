package fairs

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type postData struct {
	Post model.Post
	Org  model.Organization
	Fair model.Fair
}

// loadPost is the post in the path with its enterprise and fair.
func (a *Area) loadPost(r *http.Request) (postData, error) {
	p, err := a.PathPost(r)
	d := postData{Post: p}
	if err != nil {
		return d, err
	}
	if d.Org, err = a.DB.Organization(r.Context(), d.Post.OrgID); err != nil {
		return d, err
	}
	d.Fair, err = a.DB.Fair(r.Context(), d.Post.FairID)
	return d, err
}

func (a *Area) postPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadPost(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Visits.Count("post", d.Post.ID, request.Channel(r))
	d.Post = postIn(request.Locale(r), d.Post)
	a.Render.Page(w, r, http.StatusOK, "post", a.Render.View(r, d.Post.Title, d))
}

func (a *Area) apiPost(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadPost(r)
	if err == nil {
		a.Visits.Count("post", d.Post.ID, request.Channel(r)) // app and PC clients count as visits too
	}
	render.Answer(a.Render, w, r, http.StatusOK, d.Post, err, jsonview.PostOf)
}

func (a *Area) apiPosts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.PostFilter{Query: q.Get("q"), Status: model.PostOpen, FairID: int64(request.QueryInt(r, "fair_id"))}
	var posts []model.Post
	var err error
	if f.Limit, f.Offset, err = request.Page(r); err == nil {
		posts, err = a.DB.ListPosts(r.Context(), f)
	}
	render.Answer(a.Render, w, r, http.StatusOK, posts, err, postsJSON)
}

func postsJSON(l []model.Post) []jsonview.Post { return jsonview.Map(l, jsonview.PostOf) }

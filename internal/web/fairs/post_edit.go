package fairs

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// An enterprise's posts: its list, the new and edit forms, opening and
// closing, and the same through the API.

type postFormData struct {
	Post     model.Post
	Fairs    []store.FairSessions
	Degrees  []model.Degree
	Approved bool
	// the vocabulary's cities and industries in the reader's language,
	// offered as people type (any other value is still accepted)
	Cities, Industries []string
}

func (a *Area) postFormData(r *http.Request, p model.Post) (postFormData, error) {
	lang := request.Locale(r)
	d := postFormData{Post: p, Degrees: model.Degrees, Cities: vocab.City.Labels(lang), Industries: vocab.Industry.Labels(lang)}
	e, err := a.DB.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return d, nil
	}
	if err != nil {
		return d, err
	}
	d.Fairs, err = a.DB.FairsWithSessions(r.Context(), e.ID)
	return d, err
}

func fillPostForm(v *render.View, p model.Post) {
	f := v.Form
	f.Set("fair_id", strconv.FormatInt(p.FairID, 10))
	if p.SessionID != nil {
		f.Set("session_id", strconv.FormatInt(*p.SessionID, 10))
	}
	if p.Title != p.TitleZH {
		// A Chinese-only post keeps its Chinese title in title too; the
		// form shows the English field empty, as it was entered.
		f.Set("title", p.Title)
	}
	f.Set("title_zh", p.TitleZH)
	f.Set("description", p.Description)
	f.Set("description_zh", p.DescriptionZH)
	f.Set("industry", p.Industry)
	f.Set("skills", joinList(p.Skills))
	f.Set("min_degree", string(p.MinDegree))
	f.Set("min_experience", itoa(p.MinExperience))
	f.Set("city", p.City)
	f.Set("salary_min", itoa(p.SalaryMin))
	f.Set("salary_max", itoa(p.SalaryMax))
	f.Set("headcount", itoa(p.Headcount))
	f.Set("languages", joinList(p.Languages))
}

type orgPostsData struct {
	Org   model.Organization
	Posts []model.Post
}

func (a *Area) orgPosts(w http.ResponseWriter, r *http.Request) {
	u := request.User(r)
	o, err := a.DB.Organization(r.Context(), *u.OrgID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	posts, err := a.DB.ListPosts(r.Context(), store.PostFilter{OrgID: o.ID, Limit: 200})
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "org_posts", a.Render.View(r, "orgposts.title", orgPostsData{o, postsIn(request.Locale(r), posts)}))
}

// newPostForm is the data of a form for new posts (one, or a file of
// them), which only an enterprise's member fills.
func (a *Area) newPostForm(r *http.Request) (postFormData, error) {
	if _, err := a.myOrg(r); err != nil {
		return postFormData{}, err
	}
	return a.postFormData(r, model.Post{})
}

func (a *Area) postNew(w http.ResponseWriter, r *http.Request) {
	d, err := a.newPostForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "postform.new", d)
	v.Form.Set("headcount", "1")
	a.Render.Page(w, r, http.StatusOK, "post_form", v)
}

func (a *Area) postFormError(w http.ResponseWriter, r *http.Request, p model.Post, title string, err error) {
	d, derr := a.postFormData(r, p)
	if derr != nil {
		a.Render.Fail(w, r, derr)
		return
	}
	a.Render.FormError(w, r, "post_form", title, err, d)
}

func (a *Area) postCreate(w http.ResponseWriter, r *http.Request) {
	p, err := a.createPost(r)
	if err != nil {
		a.postFormError(w, r, p, "postform.new", err)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/org/posts", http.StatusSeeOther)
}

func (a *Area) postEdit(w http.ResponseWriter, r *http.Request) {
	p, err := a.ownPost(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d, err := a.postFormData(r, p)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "postform.edit", d)
	fillPostForm(v, p)
	a.Render.Page(w, r, http.StatusOK, "post_form", v)
}

func (a *Area) postUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := a.updatePost(r)
	if err != nil {
		a.postFormError(w, r, p, "postform.edit", err)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/org/posts", http.StatusSeeOther)
}

func (a *Area) postStatus(w http.ResponseWriter, r *http.Request) {
	if _, err := a.setPostStatus(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/org/posts", http.StatusSeeOther)
}

func (a *Area) apiPostCreate(w http.ResponseWriter, r *http.Request) {
	p, err := a.createPost(r)
	render.Answer(a.Render, w, r, http.StatusCreated, p, err, jsonview.PostOf)
}

func (a *Area) apiPostUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := a.updatePost(r)
	render.Answer(a.Render, w, r, http.StatusOK, p, err, jsonview.PostOf)
}

func (a *Area) apiPostStatus(w http.ResponseWriter, r *http.Request) {
	p, err := a.setPostStatus(r)
	render.Answer(a.Render, w, r, http.StatusOK, p, err, jsonview.PostOf)
}

func (a *Area) apiOrgPosts(w http.ResponseWriter, r *http.Request) {
	f := store.PostFilter{OrgID: *request.User(r).OrgID}
	var posts []model.Post
	var err error
	if f.Limit, f.Offset, err = request.Page(r); err == nil {
		posts, err = a.DB.ListPosts(r.Context(), f)
	}
	render.Answer(a.Render, w, r, http.StatusOK, posts, err, postsJSON)
}

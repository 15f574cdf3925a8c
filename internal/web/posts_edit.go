package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

type postInput struct {
	FairID        int64    `json:"fair_id"`
	SessionID     int64    `json:"session_id"` // 0: none
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	Industry      string   `json:"industry"`
	Skills        []string `json:"skills"`
	MinDegree     string   `json:"min_degree"`
	MinExperience int      `json:"min_experience"`
	City          string   `json:"city"`
	SalaryMin     int      `json:"salary_min"`
	SalaryMax     int      `json:"salary_max"`
	Headcount     int      `json:"headcount"`
	Languages     []string `json:"languages"`
}

func (in postInput) apply(p *model.Post) error {
	p.FairID, p.Title, p.Description, p.Industry, p.Skills = in.FairID, in.Title, in.Description, in.Industry, in.Skills
	p.MinDegree, p.MinExperience, p.City = model.Degree(in.MinDegree), in.MinExperience, in.City
	p.SalaryMin, p.SalaryMax, p.Headcount, p.Languages = in.SalaryMin, in.SalaryMax, in.Headcount, in.Languages
	p.SessionID = nil
	if in.SessionID != 0 {
		id := in.SessionID
		p.SessionID = &id
	}
	return p.Validate()
}

// myOrg is the signed-in enterprise's organization; changing posts needs
// an organizer's approval first.
func (s *Server) myOrg(r *http.Request) (model.Organization, error) {
	u := currentUser(r)
	if u.OrgID == nil {
		return model.Organization{}, model.Errorf(model.Forbidden, "err.forbidden")
	}
	o, err := s.store.Organization(r.Context(), *u.OrgID)
	if err != nil {
		return o, err
	}
	if o.Status != model.OrgApproved {
		return o, model.Errorf(model.Forbidden, "err.org_not_approved")
	}
	return o, nil
}

// ownPost loads the post in the path and checks it is the signed-in
// enterprise's: the object-level check every post change goes through.
func (s *Server) ownPost(r *http.Request) (model.Post, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Post{}, err
	}
	p, err := s.store.Post(r.Context(), id)
	if err != nil {
		return p, err
	}
	o, err := s.myOrg(r)
	if err != nil {
		return p, err
	}
	if p.OrgID != o.ID {
		return p, model.Errorf(model.Forbidden, "err.not_your_post")
	}
	return p, nil
}

// checkPlace: the fair must be of the current edition, and a session must
// be one of the fair's (video fairs only).
func (s *Server) checkPlace(ctx context.Context, p *model.Post, pr model.Problems) error {
	if p.FairID == 0 {
		return nil
	}
	f, err := s.store.Fair(ctx, p.FairID)
	if model.IsNotFound(err) {
		pr.Add("fair_id", "err.choice")
		return nil
	} else if err != nil {
		return err
	}
	e, err := s.store.CurrentEdition(ctx)
	if err != nil && !model.IsNotFound(err) {
		return err
	}
	if err != nil || f.EditionID != e.ID {
		pr.Add("fair_id", "err.fair_not_current")
	}
	if p.SessionID != nil {
		rs, err := s.store.RemoteSession(ctx, *p.SessionID)
		if err != nil && !model.IsNotFound(err) {
			return err
		}
		if err != nil || rs.FairID != f.ID {
			pr.Add("session_id", "err.session_not_in_fair")
		}
	}
	return nil
}

// readPost decodes and checks a post form or body into p.
func (s *Server) readPost(r *http.Request, p *model.Post) error {
	var in postInput
	pr := model.Problems{}
	err := decodeThen(r, &in, func() error { return in.apply(p) })
	if err != nil && (model.ErrorCode(err) != model.Invalid || !pr.Merge(err)) {
		return err
	}
	if err := s.checkPlace(r.Context(), p, pr); err != nil {
		return err
	}
	return pr.Err()
}

func (s *Server) createPost(r *http.Request) (model.Post, error) {
	o, err := s.myOrg(r)
	if err != nil {
		return model.Post{}, err
	}
	p := model.Post{OrgID: o.ID}
	if err := s.readPost(r, &p); err != nil {
		return p, err
	}
	return p, s.matchPost(r.Context(), &p, s.store.CreatePost(r.Context(), &p))
}

func (s *Server) updatePost(r *http.Request) (model.Post, error) {
	p, err := s.ownPost(r)
	if err != nil {
		return p, err
	}
	if err := s.readPost(r, &p); err != nil {
		return p, err
	}
	defer s.forgetPost(p.ID)
	return p, s.matchPost(r.Context(), &p, s.store.UpdatePost(r.Context(), &p))
}

type postStatusInput struct {
	Status string `json:"status"`
}

func (s *Server) setPostStatus(r *http.Request) (model.Post, error) {
	p, err := s.ownPost(r)
	if err != nil {
		return p, err
	}
	var in postStatusInput
	if err := read(r, &in); err != nil {
		return p, err
	}
	st := model.PostStatus(in.Status)
	defer s.forgetPost(p.ID)
	if err := s.store.SetPostStatus(r.Context(), p.OrgID, p.ID, st); err != nil {
		return p, err
	}
	p.Status = st
	return p, s.matchPost(r.Context(), &p, nil)
}

// Pages.

type postFormData struct {
	Post     model.Post
	Fairs    []fairView
	Degrees  []model.Degree
	Approved bool
}

func (s *Server) postFormData(r *http.Request, p model.Post) (postFormData, error) {
	d := postFormData{Post: p, Degrees: model.Degrees}
	e, err := s.store.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return d, nil
	}
	if err != nil {
		return d, err
	}
	d.Fairs, err = s.fairViews(r, e.ID)
	return d, err
}

func fillPostForm(v *view, p model.Post) {
	f := v.Form
	f.Set("fair_id", strconv.FormatInt(p.FairID, 10))
	if p.SessionID != nil {
		f.Set("session_id", strconv.FormatInt(*p.SessionID, 10))
	}
	f.Set("title", p.Title)
	f.Set("description", p.Description)
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

func (s *Server) orgPosts(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	o, err := s.store.Organization(r.Context(), *u.OrgID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	posts, err := s.store.ListPosts(r.Context(), store.PostFilter{OrgID: o.ID, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "org_posts", s.view(r, "orgposts.title", orgPostsData{o, posts}))
}

func (s *Server) postNew(w http.ResponseWriter, r *http.Request) {
	if _, err := s.myOrg(r); err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.postFormData(r, model.Post{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "postform.new", d)
	v.Form.Set("headcount", "1")
	s.render(w, r, http.StatusOK, "post_form", v)
}

func (s *Server) postFormError(w http.ResponseWriter, r *http.Request, p model.Post, title string, err error) {
	d, derr := s.postFormData(r, p)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.formError(w, r, "post_form", title, err, d)
}

func (s *Server) postCreate(w http.ResponseWriter, r *http.Request) {
	p, err := s.createPost(r)
	if err != nil {
		s.postFormError(w, r, p, "postform.new", err)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/org/posts", http.StatusSeeOther)
}

func (s *Server) postEdit(w http.ResponseWriter, r *http.Request) {
	p, err := s.ownPost(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.postFormData(r, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "postform.edit", d)
	fillPostForm(v, p)
	s.render(w, r, http.StatusOK, "post_form", v)
}

func (s *Server) postUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := s.updatePost(r)
	if err != nil {
		s.postFormError(w, r, p, "postform.edit", err)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/org/posts", http.StatusSeeOther)
}

func (s *Server) postStatus(w http.ResponseWriter, r *http.Request) {
	if _, err := s.setPostStatus(r); err != nil {
		s.fail(w, r, err)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/org/posts", http.StatusSeeOther)
}

// API.

func (s *Server) apiPostCreate(w http.ResponseWriter, r *http.Request) {
	p, err := s.createPost(r)
	answer(s, w, r, http.StatusCreated, p, err, postJSON)
}

func (s *Server) apiPostUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := s.updatePost(r)
	answer(s, w, r, http.StatusOK, p, err, postJSON)
}

func (s *Server) apiPostStatus(w http.ResponseWriter, r *http.Request) {
	p, err := s.setPostStatus(r)
	answer(s, w, r, http.StatusOK, p, err, postJSON)
}

func (s *Server) apiOrgPosts(w http.ResponseWriter, r *http.Request) {
	posts, err := s.store.ListPosts(r.Context(), store.PostFilter{OrgID: *currentUser(r).OrgID, Limit: queryInt(r, "limit"), Offset: queryInt(r, "offset")})
	answer(s, w, r, http.StatusOK, posts, err, func(l []model.Post) []postJ { return mapSlice(l, postJSON) })
}

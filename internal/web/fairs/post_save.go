package fairs

import (
	"context"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/request"
)

// Saving posts, shared by the pages and the API: every successful create,
// edit, status change and import is published as notify.PostsSaved, so the
// matching index and the scan landing's caches learn of it at once.

type postInput struct {
	FairID    int64 `json:"fair_id"`
	SessionID int64 `json:"session_id"` // 0: none
	jsonview.PostFields
}

func (in postInput) apply(p *model.Post) error {
	p.FairID, p.Title, p.Description, p.Industry, p.Skills = in.FairID, in.Title, in.Description, in.Industry, in.Skills
	p.TitleZH, p.DescriptionZH = in.TitleZH, in.DescriptionZH
	p.MinDegree, p.MinExperience, p.City = model.Degree(in.MinDegree), in.MinExperience, in.City
	p.SalaryMin, p.SalaryMax, p.Headcount, p.Languages = in.SalaryMin, in.SalaryMax, in.Headcount, in.Languages
	p.SessionID = nil
	if in.SessionID != 0 {
		id := in.SessionID
		p.SessionID = &id
	}
	return p.Validate()
}

// ownPost loads the post in the path and checks it is the signed-in
// enterprise's: the object-level check every post change goes through.
func (a *Area) ownPost(r *http.Request) (model.Post, error) {
	p, err := a.PathPost(r)
	if err != nil {
		return p, err
	}
	o, err := a.myOrg(r)
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
func (a *Area) checkPlace(ctx context.Context, p *model.Post, pr model.Problems) error {
	if p.FairID == 0 {
		return nil
	}
	f, err := a.DB.Fair(ctx, p.FairID)
	if model.IsNotFound(err) {
		pr.Add("fair_id", "err.choice")
		return nil
	} else if err != nil {
		return err
	}
	e, err := a.DB.CurrentEdition(ctx)
	if err != nil && !model.IsNotFound(err) {
		return err
	}
	if err != nil || f.EditionID != e.ID {
		pr.Add("fair_id", "err.fair_not_current")
	}
	if p.SessionID != nil {
		rs, err := a.DB.RemoteSession(ctx, *p.SessionID)
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
func (a *Area) readPost(r *http.Request, p *model.Post) error {
	var in postInput
	pr := model.Problems{}
	err := request.DecodeThen(r, &in, func() error { return in.apply(p) })
	if err != nil && (model.ErrorCode(err) != model.Invalid || !pr.Merge(err)) {
		return err
	}
	if err := a.checkPlace(r.Context(), p, pr); err != nil {
		return err
	}
	return pr.Err()
}

// saved tells this instance's services of posts just committed.
func (a *Area) saved(ctx context.Context, posts ...model.Post) {
	a.Notify.Publish(ctx, notify.PostsSaved{Posts: posts})
}

func (a *Area) createPost(r *http.Request) (model.Post, error) {
	o, err := a.myOrg(r)
	if err != nil {
		return model.Post{}, err
	}
	p := model.Post{OrgID: o.ID}
	if err := a.readPost(r, &p); err != nil {
		return p, err
	}
	if err := a.DB.CreatePost(r.Context(), &p); err != nil {
		return p, err
	}
	a.saved(r.Context(), p)
	return p, nil
}

func (a *Area) updatePost(r *http.Request) (model.Post, error) {
	p, err := a.ownPost(r)
	if err != nil {
		return p, err
	}
	if err := a.readPost(r, &p); err != nil {
		return p, err
	}
	if err := a.DB.UpdatePost(r.Context(), &p); err != nil {
		return p, err
	}
	a.saved(r.Context(), p)
	return p, nil
}

type postStatusInput struct {
	Status string `json:"status"`
}

func (a *Area) setPostStatus(r *http.Request) (model.Post, error) {
	p, err := a.ownPost(r)
	if err != nil {
		return p, err
	}
	var in postStatusInput
	if err := request.Read(r, &in); err != nil {
		return p, err
	}
	st := model.PostStatus(in.Status)
	if err := a.DB.SetPostStatus(r.Context(), p.OrgID, p.ID, st); err != nil {
		return p, err
	}
	p.Status = st
	a.saved(r.Context(), p)
	return p, nil
}

package fairs

import (
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// inboxFilter reads the inbox filters (post_id, fair_id, status, degree,
// from, to as dates) and scopes them to the caller: an enterprise sees its
// own posts' applications only, and naming another's post is refused.
func inboxFilter(r *http.Request) (store.InboxFilter, error) {
	q := r.URL.Query()
	f := store.InboxFilter{OrgID: scopeOrg(r), PostID: int64(request.QueryInt(r, "post_id")), FairID: int64(request.QueryInt(r, "fair_id"))}
	pr := model.Problems{}
	if s := model.AppStatus(q.Get("status")); s != "" {
		if !s.Valid() {
			pr.Add("status", "err.choice")
		}
		f.Status = s
	}
	if d := model.Degree(q.Get("degree")); d != "" {
		if !d.Valid() {
			pr.Add("degree", "err.choice")
		}
		f.MinDegree = d
	}
	if s := q.Get("from"); s != "" {
		f.From = request.ParseDate(pr, "from", s)
	}
	if s := q.Get("to"); s != "" {
		f.To = request.ParseDate(pr, "to", s).Add(24 * time.Hour) // inclusive last day
	}
	return f, pr.Err()
}

// checkPostScope refuses an enterprise's look at another's post inbox.
func (a *Area) checkPostScope(r *http.Request, f store.InboxFilter) error {
	if f.PostID == 0 || f.OrgID == 0 {
		return nil
	}
	p, err := a.DB.Post(r.Context(), f.PostID)
	if err != nil {
		return err
	}
	if p.OrgID != f.OrgID {
		return model.Errorf(model.Forbidden, "err.not_your_post")
	}
	return nil
}

// loadInbox is the caller's inbox with the query's filters, limit rows
// from offset.
func (a *Area) loadInbox(r *http.Request, limit, offset int) (store.InboxFilter, []store.InboxRow, error) {
	f, err := inboxFilter(r)
	if err != nil {
		return f, nil, err
	}
	if err := a.checkPostScope(r, f); err != nil {
		return f, nil, err
	}
	f.Limit, f.Offset = limit, offset
	rows, err := a.DB.Inbox(r.Context(), f)
	return f, rows, err
}

type inboxData struct {
	request.Pager // its Query is the filters, which the form shows again
	Rows          []store.InboxRow
	Posts         []model.Post // the enterprise's, to filter by and for match_inbox
	Fairs         []model.Fair
	Statuses      []model.AppStatus
	Moves         []model.AppStatus
	Degrees       []model.Degree
	CanMove       bool
}

func (a *Area) inboxPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg := request.NewPager(r, "/inbox")
	f, rows, err := a.loadInbox(r, pg.Limit(), pg.Offset())
	// Bad filters (a date like 2017-13-45) show the page again with its
	// form and the problems beside the fields, not an error page.
	bad := model.AsError(err)
	if bad != nil && bad.Code == model.Invalid {
		f, rows, err = store.InboxFilter{OrgID: scopeOrg(r)}, nil, nil
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	rows = request.Trim(&pg, rows)
	d := inboxData{Pager: pg, Rows: rows, Statuses: model.AppStatuses, Degrees: model.Degrees,
		Moves:   []model.AppStatus{model.AppViewed, model.AppInterview, model.AppOffer, model.AppHired, model.AppRejected},
		CanMove: request.User(r).Role == model.RoleEnterprise}
	if f.OrgID != 0 {
		if d.Posts, err = a.DB.ListPosts(ctx, store.PostFilter{OrgID: f.OrgID, Limit: 200}); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	if e, err := a.DB.CurrentEdition(ctx); err == nil {
		if d.Fairs, err = a.DB.ListFairs(ctx, e.ID); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	v := a.Render.View(r, "inbox.title", d)
	code := http.StatusOK
	if bad != nil && bad.Code == model.Invalid {
		v.Errors, v.Flash, code = bad.Fields, v.T(bad.Key), http.StatusUnprocessableEntity
	}
	a.Render.Page(w, r, code, "inbox", v)
}

type moveInput struct {
	IDs    []int64 `json:"ids"`
	Status string  `json:"status"`
}

// moveApps applies a (bulk) status change for the signed-in enterprise and
// tells this instance's services of it.
func (a *Area) moveApps(r *http.Request, in moveInput) error {
	o, err := a.myOrg(r)
	if err != nil {
		return err
	}
	to := model.AppStatus(in.Status)
	if err := a.DB.MoveApplications(r.Context(), o.ID, in.IDs, to, request.User(r).ID); err != nil {
		return err
	}
	a.Notify.Publish(r.Context(), notify.ApplicationsMoved{IDs: in.IDs, To: to})
	return nil
}

func (a *Area) inboxMove(w http.ResponseWriter, r *http.Request) {
	if err := request.Form(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	in := moveInput{Status: r.PostForm.Get("status")}
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.invalid", "ids", "err.number"))
			return
		}
		in.IDs = append(in.IDs, id)
	}
	if err := a.moveApps(r, in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.saved")
	back := request.SafeNext(r.PostForm.Get("next"))
	if back == "/me" {
		back = "/inbox"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// API.

type inboxJ struct {
	jsonview.Application
	PostTitle    string `json:"post_title"`
	FairID       int64  `json:"fair_id"`
	TalentName   string `json:"talent_name"`
	TalentDegree string `json:"talent_degree"`
	CVURL        string `json:"cv_url,omitempty"` // GET /cv/{talent_id}, when the talent has a CV
}

func inboxJSON(a store.InboxRow) inboxJ {
	j := inboxJ{jsonview.ApplicationOf(a.Application), a.PostTitle, a.FairID, a.TalentName, string(a.TalentDegree), ""}
	if a.TalentHasCV {
		j.CVURL = "/cv/" + strconv.FormatInt(a.TalentID, 10)
	}
	return j
}

func (a *Area) apiInbox(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := request.Page(r)
	var rows []store.InboxRow
	if err == nil {
		_, rows, err = a.loadInbox(r, limit, offset)
	}
	render.Answer(a.Render, w, r, http.StatusOK, rows, err, func(l []store.InboxRow) []inboxJ { return jsonview.Map(l, inboxJSON) })
}

// apiPostInbox is one post's applications: its enterprise's, or any for organizers.
func (a *Area) apiPostInbox(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	q := r.URL.Query()
	q.Set("post_id", strconv.FormatInt(id, 10))
	r.URL.RawQuery = q.Encode()
	if _, err := a.DB.Post(r.Context(), id); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.apiInbox(w, r)
}

func (a *Area) apiInboxMove(w http.ResponseWriter, r *http.Request) {
	var in moveInput
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if err := a.moveApps(r, in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, map[string]any{"moved": len(in.IDs), "status": in.Status})
}

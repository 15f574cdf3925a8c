package docking

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type requestData struct {
	Projects []model.Project      // the asker's: own, or brought by their delegation; a counterpart's: the selected ones
	Orgs     []model.Organization // parks and investors to meet
	// Counterpart: the asker is a park, investor or enterprise asking to
	// meet a project selected in a contest (their organization is the other side).
	Counterpart bool
	// Selected: the project preselected from ?project_id= (a project page's
	// link) or the resubmitted form; 0 unless it is one the viewer may pick.
	Selected int64
}

// preselect keeps the requested project only if it is among the viewer's choices.
func (d *requestData) preselect(raw string) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return
	}
	for _, p := range d.Projects {
		if p.ID == id {
			d.Selected = id
			return
		}
	}
}

func (a *Area) loadRequest(r *http.Request) (requestData, error) {
	var d requestData
	ctx := r.Context()
	u := request.User(r)
	e, err := a.DB.CurrentEdition(ctx)
	if err != nil && !model.IsNotFound(err) {
		return d, err
	}
	if u.Role == model.RoleEnterprise {
		d.Counterpart = true
		if e.ID != 0 {
			d.Projects, err = a.DB.SelectedProjects(ctx, e.ID)
		}
		return d, err
	}
	f := store.ProjectFilter{EditionID: e.ID, OwnerUserID: u.ID, Limit: 200}
	if u.OrgID != nil {
		f = store.ProjectFilter{EditionID: e.ID, OrgID: *u.OrgID, Limit: 200}
	}
	if e.ID != 0 {
		if d.Projects, err = a.DB.ListProjects(ctx, f); err != nil {
			return d, err
		}
	}
	for _, k := range []model.OrgKind{model.OrgPark, model.OrgInvestor} {
		l, err := a.DB.ListOrganizations(ctx, store.OrgFilter{Kind: k, Status: model.OrgApproved, Limit: 200})
		if err != nil {
			return d, err
		}
		d.Orgs = append(d.Orgs, l...)
	}
	return d, nil
}

func (a *Area) requestForm(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadRequest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d.preselect(r.URL.Query().Get("project_id"))
	a.Render.Page(w, r, http.StatusOK, "docking_request", a.Render.View(r, "docking.request", d))
}

type requestInput struct {
	ProjectID int64 `json:"project_id"`
	OrgID     int64 `json:"org_id"`
	Video     bool  `json:"video"`
}

// requestCreate asks for a negotiation: a meeting request the organizer's
// scheduler places; the docking is created with it (requested).
func (a *Area) requestCreate(w http.ResponseWriter, r *http.Request) {
	var in requestInput
	err := request.Read(r, &in)
	var m model.MeetingRequest
	if err == nil {
		m, err = a.DB.CreateMeetingRequest(r.Context(), store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: request.User(r).ID,
			ProjectID: in.ProjectID, OrgID: in.OrgID, Video: in.Video})
	}
	if err != nil {
		d, derr := a.loadRequest(r)
		if derr != nil {
			a.Render.Fail(w, r, derr)
			return
		}
		d.preselect(strconv.FormatInt(in.ProjectID, 10))
		a.Render.FormError(w, r, "docking_request", "docking.request", err, d)
		return
	}
	done(w, r, *m.DockingID, "flash.docking.requested")
}

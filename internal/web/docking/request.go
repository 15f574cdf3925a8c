package docking

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type requestData struct {
	Projects []model.Project      // the asker's: own, or brought by their delegation
	Orgs     []model.Organization // parks and investors to meet
}

func (a *Area) loadRequest(r *http.Request) (requestData, error) {
	var d requestData
	ctx := r.Context()
	u := request.User(r)
	e, err := a.db.CurrentEdition(ctx)
	if err != nil && !model.IsNotFound(err) {
		return d, err
	}
	f := store.ProjectFilter{EditionID: e.ID, OwnerUserID: u.ID, Limit: 200}
	if u.OrgID != nil {
		f = store.ProjectFilter{EditionID: e.ID, OrgID: *u.OrgID, Limit: 200}
	}
	if e.ID != 0 {
		if d.Projects, err = a.db.ListProjects(ctx, f); err != nil {
			return d, err
		}
	}
	for _, k := range []model.OrgKind{model.OrgPark, model.OrgInvestor} {
		l, err := a.db.ListOrganizations(ctx, store.OrgFilter{Kind: k, Status: model.OrgApproved, Limit: 200})
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
		a.rd.Fail(w, r, err)
		return
	}
	a.rd.Page(w, r, http.StatusOK, "docking_request", a.rd.View(r, "docking.request", d))
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
		m, err = a.db.CreateMeetingRequest(r.Context(), store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: request.User(r).ID,
			ProjectID: in.ProjectID, OrgID: in.OrgID, Video: in.Video})
	}
	if err != nil {
		d, derr := a.loadRequest(r)
		if derr != nil {
			a.rd.Fail(w, r, derr)
			return
		}
		a.rd.FormError(w, r, "docking_request", "docking.request", err, d)
		return
	}
	done(w, r, *m.DockingID, "flash.docking.requested")
}

package docking

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/request"
)

type pageData struct {
	D        store.DockingView
	Requests []store.MeetingRequestView
	Parks    []model.Organization
	Stages   []string
	// CanConfirm: the viewer is the other party of an open proposal.
	CanConfirm, CanWithdraw bool
}

func (a *Area) loadPage(r *http.Request) (pageData, error) {
	var d pageData
	id, err := request.PathID(r)
	if err != nil {
		return d, err
	}
	ctx := r.Context()
	if d.D, err = a.DB.Docking(ctx, id, request.User(r).ID); err != nil {
		return d, err
	}
	if d.Requests, err = a.DB.DockingRequests(ctx, id); err != nil {
		return d, err
	}
	if d.Parks, err = a.DB.DockingParks(ctx); err != nil {
		return d, err
	}
	d.Stages = stageChoices
	lang := request.Locale(r) // field and province for display only
	d.D.Field, d.D.Province = vocab.Industry.Label(lang, d.D.Field), vocab.Province.Label(lang, d.D.Province)
	open := d.D.ProposedStage != "" && d.D.Side != store.SideOrganizer
	d.CanConfirm = open && d.D.Side != d.D.ProposedSide
	d.CanWithdraw = open && d.D.Side == d.D.ProposedSide
	return d, nil
}

func (a *Area) page(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadPage(r)
	a.Render.Show(w, r, "docking_page", "docking.page", d, err)
}

// formError re-shows the docking's page with a move's problems.
func (a *Area) formError(w http.ResponseWriter, r *http.Request, err error) {
	d, derr := a.loadPage(r)
	if derr != nil {
		a.Render.Fail(w, r, derr)
		return
	}
	a.Render.FormError(w, r, "docking_page", "docking.page", err, d)
}

// done sends the browser back to the docking's page with a message.
func done(w http.ResponseWriter, r *http.Request, id int64, flash string) {
	renderFlash(w, flash)
	http.Redirect(w, r, "/dockings/"+itoa(id), http.StatusSeeOther)
}

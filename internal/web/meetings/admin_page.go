package meetings

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
)

type adminMeetingsData struct {
	Edition model.Edition
	Slots   []model.Slot
	Tables  []store.TableView
	Venues  []model.Venue
	Run     *store.ScheduleRun
	Kinds   []string
	Zones   []string
}

func (a *Area) adminData(r *http.Request) (adminMeetingsData, error) {
	d := adminMeetingsData{Kinds: model.ScheduleKinds, Zones: render.CommonZones}
	var err error
	if d.Edition, err = a.Edition(r); err != nil {
		return d, err
	}
	ctx := r.Context()
	if d.Slots, err = a.DB.ListSlots(ctx, d.Edition.ID); err != nil {
		return d, err
	}
	if d.Tables, err = a.DB.ListMeetingTables(ctx, d.Edition.ID); err != nil {
		return d, err
	}
	if d.Venues, err = a.DB.ListVenues(ctx, d.Edition.ID); err != nil {
		return d, err
	}
	if run, err := a.DB.LatestScheduleRun(ctx, d.Edition.ID); err == nil {
		d.Run = &run
	} else if !model.IsNotFound(err) {
		return d, err
	}
	return d, nil
}

func (a *Area) adminPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.adminData(r)
	a.Render.Show(w, r, "meetings_admin", "meetings.admin_title", d, err)
}

// adminDone shows the organizer's page again with the problems, or sends
// the browser back to it with a message.
func (a *Area) adminDone(w http.ResponseWriter, r *http.Request, err error, flash string) {
	if err != nil {
		d, derr := a.adminData(r)
		if derr != nil {
			a.Render.Fail(w, r, derr)
			return
		}
		a.Render.FormError(w, r, "meetings_admin", "meetings.admin_title", err, d)
		return
	}
	render.SetFlash(w, flash)
	http.Redirect(w, r, "/admin/meetings", http.StatusSeeOther)
}

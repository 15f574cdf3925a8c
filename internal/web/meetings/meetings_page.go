package meetings

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type meetingsData struct {
	Requests     []store.MeetingRequestView
	Applications []model.Application
	Windows      []windowRow
	Zone         string
	Zones        []string
	Notices      []string // translated
}

type windowRow struct{ N, Start, End string }

func (a *Area) meetingsData(r *http.Request) (meetingsData, error) {
	ctx, u := r.Context(), request.User(r)
	d := meetingsData{Zones: render.CommonZones, Zone: "Asia/Shanghai"}
	if e, err := a.db.CurrentEdition(ctx); err == nil {
		d.Zone = e.TimeZone
	}
	var err error
	if d.Requests, err = a.db.MeetingRequestsOf(ctx, u.ID); err != nil {
		return d, err
	}
	switch {
	case u.Role == model.RoleTalent:
		if t, err := a.db.TalentByUser(ctx, u.ID); err == nil {
			d.Applications, _ = a.db.ApplicationsOfTalent(ctx, t.ID)
		}
	case u.OrgID != nil:
		d.Applications, _ = a.db.ApplicationsOfOrg(ctx, *u.OrgID, 200, 0)
	}
	ws, err := a.db.AvailabilityOf(ctx, u.ID)
	if err != nil {
		return d, err
	}
	loc := zoneOr(d.Zone)
	for i := range 3 {
		row := windowRow{N: strconv.Itoa(i)}
		if i < len(ws) {
			row.Start, row.End = ws[i].StartsAt.In(loc).Format("2006-01-02T15:04"), ws[i].EndsAt.In(loc).Format("2006-01-02T15:04")
		}
		d.Windows = append(d.Windows, row)
	}
	ns, err := a.db.MeetingNotices(ctx, u.ID, 10)
	d.Notices = a.notices(request.Locale(r), ns)
	return d, err
}

func (a *Area) meetingsPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.meetingsData(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	a.rd.Page(w, r, http.StatusOK, "meetings", a.rd.View(r, "meetings.title", d))
}

// meetingsFormError shows the meetings page again with the problems by field.
func (a *Area) meetingsFormError(w http.ResponseWriter, r *http.Request, err error) {
	d, derr := a.meetingsData(r)
	if derr != nil {
		a.rd.Fail(w, r, derr)
		return
	}
	a.rd.FormError(w, r, "meetings", "meetings.title", err, d)
}

// meetingsDone sends the browser back to the meetings page with a message.
func meetingsDone(w http.ResponseWriter, r *http.Request, flash string) {
	render.SetFlash(w, flash)
	http.Redirect(w, r, "/me/meetings", http.StatusSeeOther)
}

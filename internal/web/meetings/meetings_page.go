package meetings

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type meetingsData struct {
	Requests     []store.MeetingRequestView
	Applications []store.ApplicationChoice
	Negotiation  negotiationChoices
	Windows      []windowRow
	Zone         string
	Zones        []string
	Notices      []template.HTML // translated, names marked
	Talent       bool            // the viewer applied: an application reads as the post's organization, not the talent
}

type windowRow struct{ N, Start, End string }

func (a *Area) meetingsData(r *http.Request) (meetingsData, error) {
	ctx, u := r.Context(), request.User(r)
	d := meetingsData{Zones: render.CommonZones, Zone: "Asia/Shanghai"}
	if e, err := a.DB.CurrentEdition(ctx); err == nil {
		d.Zone = e.TimeZone
	}
	var err error
	if d.Requests, err = a.DB.MeetingRequestsOf(ctx, u.ID); err != nil {
		return d, err
	}
	d.Talent = u.Role == model.RoleTalent
	switch {
	case d.Talent:
		if t, err := a.DB.TalentByUser(ctx, u.ID); err == nil {
			d.Applications, _ = a.DB.ApplicationChoicesOfTalent(ctx, t.ID)
		}
	case u.OrgID != nil:
		d.Applications, _ = a.DB.ApplicationChoicesOfOrg(ctx, *u.OrgID)
	}
	if d.Negotiation, err = a.negotiationChoices(ctx, u); err != nil {
		return d, err
	}
	ws, err := a.DB.AvailabilityOf(ctx, u.ID)
	if err != nil {
		return d, err
	}
	loc := model.Zone(d.Zone)
	for i := range 3 {
		row := windowRow{N: strconv.Itoa(i)}
		if i < len(ws) {
			row.Start, row.End = ws[i].StartsAt.In(loc).Format("2006-01-02T15:04"), ws[i].EndsAt.In(loc).Format("2006-01-02T15:04")
		}
		d.Windows = append(d.Windows, row)
	}
	ns, err := a.DB.MeetingNotices(ctx, u.ID, 10)
	d.Notices = a.notices(request.Locale(r), ns)
	return d, err
}

func (a *Area) meetingsPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.meetingsData(r)
	a.Render.Show(w, r, "meetings", "meetings.title", d, err)
}

// meetingsFormError shows the meetings page again with the problems by field.
func (a *Area) meetingsFormError(w http.ResponseWriter, r *http.Request, err error) {
	d, derr := a.meetingsData(r)
	if derr != nil {
		a.Render.Fail(w, r, derr)
		return
	}
	a.Render.FormError(w, r, "meetings", "meetings.title", err, d)
}

// meetingsDone sends the browser back to the meetings page with a message.
func meetingsDone(w http.ResponseWriter, r *http.Request, flash string) {
	render.SetFlash(w, flash)
	http.Redirect(w, r, "/me/meetings", http.StatusSeeOther)
}

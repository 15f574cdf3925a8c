package fairs

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// appData is one application as its enterprise (or an organizer) sees it.
type appData struct {
	Row     store.InboxRow
	Talent  model.Talent
	Email   string
	Events  []model.AppEvent
	Zone    string            // the edition's time zone, for the history
	Moves   []model.AppStatus // where it may go next
	CanMove bool
}

// applicationPage shows one application: the talent, the CV, the history
// and the next steps. Looking changes nothing (a GET, which a cross-site
// link can trigger): a new application shows a "mark as viewed" button
// beside the other moves, and any move out of "applied" (to interview,
// say) is legal directly.
func (a *Area) applicationPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	row, err := a.pathApplication(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u := request.User(r)
	d := appData{Row: row, CanMove: u.Role == model.RoleEnterprise, Zone: "UTC"}
	if e, err := a.DB.CurrentEdition(ctx); err == nil && e.TimeZone != "" {
		d.Zone = e.TimeZone
	}
	for _, to := range model.AppStatuses {
		if row.Status.CanMove(to) && to != model.AppWithdrawn {
			d.Moves = append(d.Moves, to)
		}
	}
	if d.Talent, err = a.DB.Talent(ctx, row.TalentID); err == nil {
		d.Talent.Discipline = vocab.Discipline.Label(request.Locale(r), d.Talent.Discipline)
		var tu model.User
		if tu, err = a.DB.User(ctx, d.Talent.UserID); err == nil {
			d.Email = tu.Email
		}
	}
	if err == nil {
		d.Events, err = a.DB.ApplicationEvents(ctx, row.ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "application", a.Render.View(r, "appdetail.title", d))
}

// pathApplication loads the application in the path if the caller may
// see it: its post's enterprise, or an organizer.
func (a *Area) pathApplication(r *http.Request) (store.InboxRow, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.InboxRow{}, err
	}
	rows, err := a.DB.Inbox(r.Context(), store.InboxFilter{ID: id, Limit: 1})
	if err != nil {
		return store.InboxRow{}, err
	}
	if len(rows) == 0 {
		return store.InboxRow{}, model.Errorf(model.NotFound, "err.not_found.application")
	}
	if org := scopeOrg(r); request.User(r).Role != model.RoleOrganizer && org != rows[0].OrgID {
		return store.InboxRow{}, model.Errorf(model.Forbidden, "err.not_your_post")
	}
	return rows[0], nil
}

type appEventJ struct {
	From     string    `json:"from"`
	To       string    `json:"to"`
	ByUserID int64     `json:"by_user_id"`
	At       time.Time `json:"at"`
}

// apiAppEvents is an application's history, for its enterprise or organizers.
func (a *Area) apiAppEvents(w http.ResponseWriter, r *http.Request) {
	row, err := a.pathApplication(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ev, err := a.DB.ApplicationEvents(r.Context(), row.ID)
	render.Answer(a.Render, w, r, http.StatusOK, ev, err, func(l []model.AppEvent) []appEventJ {
		return jsonview.Map(l, func(e model.AppEvent) appEventJ { return appEventJ{string(e.From), string(e.To), e.ByUserID, e.At} })
	})
}

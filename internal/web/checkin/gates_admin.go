package checkin

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// A gate that has not synced for this long shows as offline.
const offlineAfter = 45 * time.Second

type gateRow struct {
	store.GateStat
	Online   bool
	LastSync string
}

type gatesData struct {
	Gates  []gateRow
	Recent []store.Checkin // duplicates, newest first
	Roles  []string
	Events []store.EventInfo
}

func (a *Area) gateRows(r *http.Request) ([]gateRow, model.Edition, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return nil, ed, err
	}
	st, err := a.DB.GateStats(r.Context(), ed.ID)
	if err != nil {
		return nil, ed, err
	}
	now, loc := a.now(), model.Zone(ed.TimeZone)
	rows := make([]gateRow, len(st))
	for i, s := range st {
		rows[i] = gateRow{GateStat: s}
		if s.LastSyncAt != nil {
			rows[i].Online = now.Sub(*s.LastSyncAt) < offlineAfter
			rows[i].LastSync = s.LastSyncAt.In(loc).Format("01-02 15:04:05")
		}
	}
	return rows, ed, nil
}

// gatesAdmin is the organizer's view of every gate: scans in the last
// minute, first entries, duplicates, refusals, queue, last sync, offline.
func (a *Area) gatesAdmin(w http.ResponseWriter, r *http.Request) {
	rows, ed, err := a.gateRows(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	recent, err := a.DB.RecentCheckins(r.Context(), ed.ID, true, 50)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	evs, err := a.DB.EventInfos(r.Context(), ed.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := gatesData{Gates: rows, Recent: recent, Events: evs,
		Roles: []string{"talent", "enterprise", "delegation", "judge", "speaker", "press", "staff"}}
	w.Header().Set("Cache-Control", "no-store")
	a.Render.Page(w, r, http.StatusOK, "ci_gates_admin", a.Render.View(r, "gates.title", d))
}

type gateInput struct {
	Name    string   `json:"name"`
	Roles   []string `json:"roles"`
	Days    []string `json:"days"`
	EventID int64    `json:"event_id"`
	Coach   int      `json:"coach"`
}

// gateCreate adds a gate with its rules.
func (a *Area) gateCreate(w http.ResponseWriter, r *http.Request) {
	ed, err := a.EditionForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in gateInput
	if err := request.DecodeForm(r.PostForm, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	in.Roles = r.PostForm["roles"]
	g := store.Gate{EditionID: ed.ID, Name: in.Name, Roles: in.Roles, Days: in.Days, Coach: in.Coach}
	if in.EventID != 0 {
		g.EventID = &in.EventID
	}
	if err := a.DB.CreateGate(r.Context(), &g); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.gate.created")
	http.Redirect(w, r, "/admin/gates", http.StatusSeeOther)
}

// badgesIssue gives every account without a badge one.
func (a *Area) badgesIssue(w http.ResponseWriter, r *http.Request) {
	ed, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	nbf, naf := validity(ed, a.now())
	if _, err := a.DB.IssueBadges(r.Context(), ed.ID, badgeRoles, nbf, naf); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.badge.issued_all")
	http.Redirect(w, r, "/admin/gates", http.StatusSeeOther)
}

// badgeReissue revokes a lost badge and issues its holder a new one.
func (a *Area) badgeReissue(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	b, err := a.DB.BadgeByID(r.Context(), id)
	if err == nil {
		_, err = a.DB.ReissueBadge(r.Context(), b.EditionID, b.UserID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.badge.reissued")
	http.Redirect(w, r, "/admin/badges/sheet", http.StatusSeeOther)
}

type statJ struct {
	ID           int64      `json:"id"`
	Name         string     `json:"name"`
	Scans        int        `json:"scans"`
	LastMinute   int        `json:"last_minute"`
	FirstEntries int        `json:"first_entries"`
	Duplicates   int        `json:"duplicates"`
	Refused      int        `json:"refused"`
	Queue        int        `json:"queue"`
	LastSyncAt   *time.Time `json:"last_sync_at"`
	Online       bool       `json:"online"`
}

func (a *Area) apiStats(w http.ResponseWriter, r *http.Request) {
	rows, _, err := a.gateRows(r)
	render.Answer(a.Render, w, r, http.StatusOK, rows, err, func(l []gateRow) []statJ {
		out := make([]statJ, len(l))
		for i, g := range l {
			out[i] = statJ{ID: g.ID, Name: g.Name, Scans: g.Scans, LastMinute: g.LastMinute, FirstEntries: g.FirstEntries,
				Duplicates: g.Duplicates, Refused: g.Refused, Queue: g.LastQueue, LastSyncAt: g.LastSyncAt, Online: g.Online}
		}
		return out
	})
}

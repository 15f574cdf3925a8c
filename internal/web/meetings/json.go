package meetings

import (
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
)

// The area's JSON shapes (internal/web/openapi/meetings.json).

type meetingRequestJ struct {
	ID            int64     `json:"id"`
	Kind          string    `json:"kind"`
	Status        string    `json:"status"`
	FromUserID    int64     `json:"from_user_id"`
	ToUserID      int64     `json:"to_user_id"`
	ToOrgID       *int64    `json:"to_org_id"`
	ApplicationID *int64    `json:"application_id"`
	DockingID     *int64    `json:"docking_id"`
	Video         bool      `json:"video"`
	Priority      int       `json:"priority"`
	From          string    `json:"from"`
	To            string    `json:"to"`
	Subject       string    `json:"subject"`
	Scheduled     *agendaJ  `json:"scheduled"`
	Org           string    `json:"organization"`
	CreatedAt     time.Time `json:"created_at"`
}

func requestJSON(v store.MeetingRequestView) meetingRequestJ {
	j := meetingRequestJ{ID: v.ID, Kind: string(v.Kind), Status: string(v.Status), FromUserID: v.FromUserID, ToUserID: v.ToUserID, ToOrgID: v.ToOrgID,
		ApplicationID: v.ApplicationID, DockingID: v.DockingID, Video: v.Video, Priority: v.Priority, From: v.FromName, To: v.ToName,
		Subject: v.Subject, CreatedAt: v.CreatedAt, Org: v.OrgName}
	if v.Scheduled != nil {
		a := agendaJSON(*v.Scheduled)
		j.Scheduled = &a
	}
	return j
}

type agendaJ struct {
	RequestID   int64     `json:"request_id"`
	Kind        string    `json:"kind"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Table       string    `json:"table"`
	Video       bool      `json:"video"`
	Venue       string    `json:"venue"`
	With        string    `json:"with"`
	WithOrg     string    `json:"with_organization"`
	Subject     string    `json:"subject"`
	TimeZone    string    `json:"time_zone"`
	EditionZone string    `json:"edition_time_zone"`
	Location    string    `json:"location"`
}

func agendaJSON(a store.AgendaRow) agendaJ {
	zone := a.EditionZone
	if a.RoomZone != "" {
		zone = a.RoomZone
	}
	return agendaJ{a.RequestID, string(a.Kind), a.StartsAt, a.EndsAt, a.TableCode, a.Video, a.VenueName, a.With, a.WithOrg, a.Subject, zone, a.EditionZone, a.Location}
}

type windowJ struct {
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

func windowsJSON(l []model.Availability) []windowJ {
	return jsonview.Map(l, func(a model.Availability) windowJ { return windowJ{a.StartsAt, a.EndsAt} })
}

type tableJ struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"`
	VenueID   *int64 `json:"venue_id"`
	SessionID *int64 `json:"session_id"`
	Video     bool   `json:"video"`
	TimeZone  string `json:"time_zone"`
}

func tableJSON(t store.TableView) tableJ {
	return tableJ{t.ID, t.Code, t.VenueID, t.SessionID, t.Video, t.TimeZone}
}

type runJ struct {
	ID          int64                   `json:"id"`
	Kind        string                  `json:"kind"`
	Requests    int                     `json:"requests"`
	Placed      int                     `json:"placed"`
	Weight      int64                   `json:"weight"`
	Unserved    int                     `json:"unserved"`
	Gaps        int                     `json:"gaps"`
	Unplaced    []store.UnplacedRequest `json:"unplaced"`
	PublishedAt *time.Time              `json:"published_at"`
}

func runJSON(r store.ScheduleRun) runJ {
	u := r.Unplaced
	if u == nil {
		u = []store.UnplacedRequest{}
	}
	return runJ{r.ID, r.Kind, r.Requests, r.Placed, r.Weight, r.Unserved, r.Gaps, u, r.PublishedAt}
}

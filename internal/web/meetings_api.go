package web

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

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

func (s *Server) apiMeetingRequests(w http.ResponseWriter, r *http.Request) {
	l, err := s.store.MeetingRequestsOf(r.Context(), currentUser(r).ID)
	answer(s, w, r, http.StatusOK, l, err, func(l []store.MeetingRequestView) []meetingRequestJ { return mapSlice(l, requestJSON) })
}

func (s *Server) apiMeetingRequestCreate(w http.ResponseWriter, r *http.Request) {
	m, err := s.createMeetingRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.store.MeetingRequest(r.Context(), m.ID, currentUser(r).ID)
	answer(s, w, r, http.StatusCreated, v, err, requestJSON)
}

func (s *Server) apiMeetingRequest(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.store.MeetingRequest(r.Context(), id, currentUser(r).ID)
	answer(s, w, r, http.StatusOK, v, err, requestJSON)
}

func (s *Server) apiMeetingAnswer(accept bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = s.store.AnswerMeetingRequest(r.Context(), id, currentUser(r).ID, accept)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v, err := s.store.MeetingRequest(r.Context(), id, currentUser(r).ID)
		answer(s, w, r, http.StatusOK, v, err, requestJSON)
	}
}

func (s *Server) apiMeetingCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.store.CancelMeetingRequest(r.Context(), id, currentUser(r).ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.store.MeetingRequest(r.Context(), id, currentUser(r).ID)
	answer(s, w, r, http.StatusOK, v, err, requestJSON)
}

type windowJ struct {
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

func windowsJSON(l []model.Availability) []windowJ {
	return mapSlice(l, func(a model.Availability) windowJ { return windowJ{a.StartsAt, a.EndsAt} })
}

func (s *Server) apiAvailability(w http.ResponseWriter, r *http.Request) {
	l, err := s.store.AvailabilityOf(r.Context(), currentUser(r).ID)
	answer(s, w, r, http.StatusOK, l, err, windowsJSON)
}

func (s *Server) apiAvailabilitySave(w http.ResponseWriter, r *http.Request) {
	l, err := s.saveAvailability(r)
	answer(s, w, r, http.StatusOK, l, err, windowsJSON)
}

func (s *Server) apiAgenda(w http.ResponseWriter, r *http.Request) {
	l, err := s.store.AgendaOf(r.Context(), currentUser(r).ID)
	answer(s, w, r, http.StatusOK, l, err, func(l []store.AgendaRow) []agendaJ { return mapSlice(l, agendaJSON) })
}

func (s *Server) apiSlotsCreate(w http.ResponseWriter, r *http.Request) {
	n, err := s.createSlots(r)
	answer(s, w, r, http.StatusCreated, n, err, func(n int) map[string]int { return map[string]int{"added": n} })
}

type tableJ struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"`
	VenueID   *int64 `json:"venue_id"`
	SessionID *int64 `json:"session_id"`
	Video     bool   `json:"video"`
	TimeZone  string `json:"time_zone"`
}

func (s *Server) apiTableCreate(w http.ResponseWriter, r *http.Request) {
	t, err := s.createTable(r)
	answer(s, w, r, http.StatusCreated, t, err, func(t store.TableView) tableJ {
		return tableJ{t.ID, t.Code, t.VenueID, t.SessionID, t.Video, t.TimeZone}
	})
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

func (s *Server) apiRunCreate(w http.ResponseWriter, r *http.Request) {
	run, err := s.createRun(r)
	answer(s, w, r, http.StatusCreated, run, err, runJSON)
}

func (s *Server) apiRunPublish(w http.ResponseWriter, r *http.Request) {
	n, err := s.publishRun(r)
	answer(s, w, r, http.StatusOK, n, err, func(n int) map[string]int { return map[string]int{"published": n} })
}

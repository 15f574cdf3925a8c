package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

func init() { areas = append(areas, (*Server).meetingRoutes) }

// meetingRoutes: requests and availability for the two sides, agendas for
// everyone, slots, tables, runs and table cards for organizers.
func (s *Server) meetingRoutes() []route {
	sides := only(talent, enterprise, delegation)
	return []route{
		{"GET /me/meetings", sides, s.meetingsPage},
		{"POST /me/meetings/requests", sides, s.meetingRequestCreate},
		{"POST /me/meetings/requests/{id}/accept", sides, s.meetingAnswer(true)},
		{"POST /me/meetings/requests/{id}/decline", sides, s.meetingAnswer(false)},
		{"POST /me/meetings/requests/{id}/cancel", sides, s.meetingCancel},
		{"POST /me/availability", sides, s.availabilitySave},
		{"GET /me/agenda", signedIn, s.agendaPage},
		{"GET /me/agenda.ics", signedIn, s.agendaICS},

		{"GET /admin/meetings", only(organizer), s.adminMeetings},
		{"POST /admin/meetings/slots", only(organizer), s.slotsCreate},
		{"POST /admin/meetings/tables", only(organizer), s.tableCreate},
		{"POST /admin/meetings/run", only(organizer), s.runCreate},
		{"POST /admin/meetings/runs/{id}/publish", only(organizer), s.runPublish},
		{"GET /admin/tables/cards", only(organizer), s.tableCards},

		{"GET /api/v1/meetings/requests", sides, s.apiMeetingRequests},
		{"POST /api/v1/meetings/requests", sides, s.apiMeetingRequestCreate},
		{"GET /api/v1/meetings/requests/{id}", sides, s.apiMeetingRequest},
		{"POST /api/v1/meetings/requests/{id}/accept", sides, s.apiMeetingAnswer(true)},
		{"POST /api/v1/meetings/requests/{id}/decline", sides, s.apiMeetingAnswer(false)},
		{"POST /api/v1/meetings/requests/{id}/cancel", sides, s.apiMeetingCancel},
		{"GET /api/v1/me/availability", sides, s.apiAvailability},
		{"PUT /api/v1/me/availability", sides, s.apiAvailabilitySave},
		{"GET /api/v1/me/agenda", signedIn, s.apiAgenda},
		{"POST /api/v1/meetings/slots", only(organizer), s.apiSlotsCreate},
		{"POST /api/v1/meetings/tables", only(organizer), s.apiTableCreate},
		{"POST /api/v1/meetings/runs", only(organizer), s.apiRunCreate},
		{"POST /api/v1/meetings/runs/{id}/publish", only(organizer), s.apiRunPublish},
	}
}

type meetingRequestInput struct {
	Kind          string `json:"kind"`
	ApplicationID int64  `json:"application_id"`
	ProjectID     int64  `json:"project_id"`
	OrgID         int64  `json:"org_id"`
	Video         bool   `json:"video"`
	Priority      int    `json:"priority"`
}

func (s *Server) createMeetingRequest(r *http.Request) (model.MeetingRequest, error) {
	var in meetingRequestInput
	if err := read(r, &in); err != nil {
		return model.MeetingRequest{}, err
	}
	return s.store.CreateMeetingRequest(r.Context(), store.MeetingRequestInput{Kind: model.MeetingKind(in.Kind), ByUserID: currentUser(r).ID,
		ApplicationID: in.ApplicationID, ProjectID: in.ProjectID, OrgID: in.OrgID, Video: in.Video, Priority: in.Priority})
}

type meetingsData struct {
	Requests     []store.MeetingRequestView
	Applications []model.Application
	Windows      []windowRow
	Zone         string
	Zones        []string
	Notices      []store.MeetingNotice
}

type windowRow struct{ N, Start, End string }

func (s *Server) meetingsData(r *http.Request) (meetingsData, error) {
	ctx, u := r.Context(), currentUser(r)
	d := meetingsData{Zones: commonZones, Zone: "Asia/Shanghai"}
	if e, err := s.store.CurrentEdition(ctx); err == nil {
		d.Zone = e.TimeZone
	}
	var err error
	if d.Requests, err = s.store.MeetingRequestsOf(ctx, u.ID); err != nil {
		return d, err
	}
	switch {
	case u.Role == model.RoleTalent:
		if t, err := s.store.TalentByUser(ctx, u.ID); err == nil {
			d.Applications, _ = s.store.ApplicationsOfTalent(ctx, t.ID)
		}
	case u.OrgID != nil:
		d.Applications, _ = s.store.ApplicationsOfOrg(ctx, *u.OrgID, 200, 0)
	}
	ws, err := s.store.AvailabilityOf(ctx, u.ID)
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
	d.Notices, err = s.store.MeetingNotices(ctx, u.ID, 10)
	return d, err
}

func (s *Server) meetingsPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.meetingsData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "meetings", s.view(r, "meetings.title", d))
}

// meetingsFormError shows the meetings page again with the problems by field.
func (s *Server) meetingsFormError(w http.ResponseWriter, r *http.Request, err error) {
	d, derr := s.meetingsData(r)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.formError(w, r, "meetings", "meetings.title", err, d)
}

func (s *Server) meetingRequestCreate(w http.ResponseWriter, r *http.Request) {
	if _, err := s.createMeetingRequest(r); err != nil {
		s.meetingsFormError(w, r, err)
		return
	}
	setFlash(w, "flash.meetings.requested")
	http.Redirect(w, r, "/me/meetings", http.StatusSeeOther)
}

func (s *Server) meetingAnswer(accept bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = s.store.AnswerMeetingRequest(r.Context(), id, currentUser(r).ID, accept)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		setFlash(w, "flash.saved")
		http.Redirect(w, r, "/me/meetings", http.StatusSeeOther)
	}
}

func (s *Server) meetingCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.store.CancelMeetingRequest(r.Context(), id, currentUser(r).ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/me/meetings", http.StatusSeeOther)
}

type windowInput struct {
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
}

type availabilityInput struct {
	TimeZone string        `json:"time_zone"`
	Windows  []windowInput `json:"windows"`
}

// readAvailability reads windows in the stated zone (an HTML form sends
// rows windows.N.starts_at; empty rows are skipped) and converts them to UTC.
func readAvailability(r *http.Request) ([]model.Availability, error) {
	var in availabilityInput
	if isAPI(r) {
		if err := readJSON(r, &in); err != nil {
			return nil, err
		}
	} else {
		if err := r.ParseForm(); err != nil {
			return nil, model.Errorf(model.Invalid, "err.form")
		}
		in.TimeZone = r.PostForm.Get("time_zone")
		for i := range 10 {
			a, b := r.PostForm.Get(fmt.Sprintf("windows.%d.starts_at", i)), r.PostForm.Get(fmt.Sprintf("windows.%d.ends_at", i))
			if a == "" && b == "" {
				continue
			}
			in.Windows = append(in.Windows, windowInput{a, b})
		}
	}
	p := model.Problems{}
	loc := model.LoadZone(p, "time_zone", in.TimeZone)
	if len(in.Windows) > 50 {
		p.Add("windows", "err.too_many_items")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	ws := make([]model.Availability, len(in.Windows))
	for i, win := range in.Windows {
		f := fmt.Sprintf("windows.%d.", i)
		ws[i].StartsAt = parseLocalTime(p, f+"starts_at", win.StartsAt, loc.String())
		ws[i].EndsAt = parseLocalTime(p, f+"ends_at", win.EndsAt, loc.String())
	}
	model.CheckWindows(p, ws)
	return ws, p.Err()
}

func (s *Server) saveAvailability(r *http.Request) ([]model.Availability, error) {
	ws, err := readAvailability(r)
	if err != nil {
		return nil, err
	}
	if err := s.store.SetAvailability(r.Context(), currentUser(r).ID, ws); err != nil {
		return nil, err
	}
	return s.store.AvailabilityOf(r.Context(), currentUser(r).ID)
}

func (s *Server) availabilitySave(w http.ResponseWriter, r *http.Request) {
	if _, err := s.saveAvailability(r); err != nil {
		s.meetingsFormError(w, r, err)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/me/meetings", http.StatusSeeOther)
}

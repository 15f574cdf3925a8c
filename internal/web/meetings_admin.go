package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/scheduling"
	"github.com/convene/convene/internal/store"
)

type slotsInput struct {
	Date   string `json:"date"`   // 2017-12-17, in the edition's zone
	Start  string `json:"start"`  // 09:00
	End    string `json:"end"`    // 12:00
	Length int    `json:"length"` // minutes
	Gap    int    `json:"gap"`    // minutes between meetings
	Breaks string `json:"breaks"` // "12:00-13:00, 15:00-15:15"
}

func clock(p model.Problems, field, s string) time.Duration {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		if s == "" {
			p.Add(field, "err.required")
		} else {
			p.Add(field, "err.meetings.clock")
		}
		return 0
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
}

func (in slotsInput) plan() (model.SlotPlan, error) {
	p := model.Problems{}
	sp := model.SlotPlan{Day: parseDate(p, "date", in.Date), Start: clock(p, "start", in.Start), End: clock(p, "end", in.End),
		Length: time.Duration(in.Length) * time.Minute, Gap: time.Duration(in.Gap) * time.Minute}
	for _, b := range strings.Split(in.Breaks, ",") {
		if b = strings.TrimSpace(b); b == "" {
			continue
		}
		from, to, ok := strings.Cut(b, "-")
		if !ok {
			p.Add("breaks", "err.meetings.clock")
			continue
		}
		sp.Breaks = append(sp.Breaks, [2]time.Duration{clock(p, "breaks", from), clock(p, "breaks", to)})
	}
	if len(p) == 0 {
		sp.Validate(p)
	}
	return sp, p.Err()
}

func (s *Server) currentEdition(r *http.Request) (model.Edition, error) {
	e, err := s.store.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return e, model.Errorf(model.NotFound, "err.not_found.edition")
	}
	return e, err
}

func (s *Server) createSlots(r *http.Request) (int, error) {
	var in slotsInput
	var sp model.SlotPlan
	if err := decodeThen(r, &in, func() (err error) { sp, err = in.plan(); return }); err != nil {
		return 0, err
	}
	e, err := s.currentEdition(r)
	if err != nil {
		return 0, err
	}
	return s.store.AddSlots(r.Context(), e.ID, sp.Slots(zoneOr(e.TimeZone)))
}

type tableInput struct {
	Code      string `json:"code"`
	VenueID   int64  `json:"venue_id"`
	Video     bool   `json:"video"`
	SessionID int64  `json:"session_id"`
	TimeZone  string `json:"time_zone"` // video rooms outside a session
}

func (s *Server) createTable(r *http.Request) (store.TableView, error) {
	var in tableInput
	if err := read(r, &in); err != nil {
		return store.TableView{}, err
	}
	e, err := s.currentEdition(r)
	if err != nil {
		return store.TableView{}, err
	}
	t := model.Table{EditionID: e.ID, Code: in.Code, Video: in.Video}
	if in.VenueID != 0 {
		t.VenueID = &in.VenueID
	}
	if in.SessionID != 0 {
		t.SessionID = &in.SessionID
	}
	if t.Video && t.SessionID == nil && in.TimeZone == "" {
		in.TimeZone = e.TimeZone
	}
	if err := s.store.CreateMeetingTable(r.Context(), &t, in.TimeZone); err != nil {
		return store.TableView{}, err
	}
	return store.TableView{Table: t, TimeZone: in.TimeZone}, nil
}

type runInput struct {
	Kind string `json:"kind"`
}

func (s *Server) createRun(r *http.Request) (store.ScheduleRun, error) {
	var in runInput
	if err := read(r, &in); err != nil {
		return store.ScheduleRun{}, err
	}
	e, err := s.currentEdition(r)
	if err != nil {
		return store.ScheduleRun{}, err
	}
	return scheduling.Run(r.Context(), s.store, e.ID, in.Kind, currentUser(r).ID)
}

type adminMeetingsData struct {
	Edition model.Edition
	Slots   []model.Slot
	Tables  []store.TableView
	Venues  []model.Venue
	Run     *store.ScheduleRun
	Kinds   []string
	Zones   []string
}

func (s *Server) adminMeetingsData(r *http.Request) (adminMeetingsData, error) {
	d := adminMeetingsData{Kinds: model.ScheduleKinds, Zones: commonZones}
	var err error
	if d.Edition, err = s.currentEdition(r); err != nil {
		return d, err
	}
	ctx := r.Context()
	if d.Slots, err = s.store.ListSlots(ctx, d.Edition.ID); err != nil {
		return d, err
	}
	if d.Tables, err = s.store.ListMeetingTables(ctx, d.Edition.ID); err != nil {
		return d, err
	}
	if d.Venues, err = s.store.ListVenues(ctx, d.Edition.ID); err != nil {
		return d, err
	}
	if run, err := s.store.LatestScheduleRun(ctx, d.Edition.ID); err == nil {
		d.Run = &run
	} else if !model.IsNotFound(err) {
		return d, err
	}
	return d, nil
}

func (s *Server) adminMeetings(w http.ResponseWriter, r *http.Request) {
	d, err := s.adminMeetingsData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "meetings_admin", s.view(r, "meetings.admin_title", d))
}

func (s *Server) adminMeetingsDone(w http.ResponseWriter, r *http.Request, err error, flash string) {
	if err != nil {
		d, derr := s.adminMeetingsData(r)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.formError(w, r, "meetings_admin", "meetings.admin_title", err, d)
		return
	}
	setFlash(w, flash)
	http.Redirect(w, r, "/admin/meetings", http.StatusSeeOther)
}

func (s *Server) slotsCreate(w http.ResponseWriter, r *http.Request) {
	_, err := s.createSlots(r)
	s.adminMeetingsDone(w, r, err, "flash.saved")
}

func (s *Server) tableCreate(w http.ResponseWriter, r *http.Request) {
	_, err := s.createTable(r)
	s.adminMeetingsDone(w, r, err, "flash.saved")
}

func (s *Server) runCreate(w http.ResponseWriter, r *http.Request) {
	_, err := s.createRun(r)
	s.adminMeetingsDone(w, r, err, "flash.meetings.ran")
}

func (s *Server) publishRun(r *http.Request) (int, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, err
	}
	return s.store.PublishScheduleRun(r.Context(), id, currentUser(r).ID)
}

func (s *Server) runPublish(w http.ResponseWriter, r *http.Request) {
	if _, err := s.publishRun(r); err != nil {
		s.fail(w, r, err)
		return
	}
	setFlash(w, "flash.meetings.published")
	http.Redirect(w, r, "/admin/meetings", http.StatusSeeOther)
}

type cardsData struct {
	Edition model.Edition
	Cards   []store.TableCard
}

func (s *Server) tableCards(w http.ResponseWriter, r *http.Request) {
	e, err := s.currentEdition(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cards, err := s.store.TableCards(r.Context(), e.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var keep []store.TableCard
	venue := int64(queryInt(r, "venue_id"))
	for _, c := range cards {
		if venue == 0 || (c.VenueID != nil && *c.VenueID == venue) {
			keep = append(keep, c)
		}
	}
	s.render(w, r, http.StatusOK, "table_cards", s.view(r, "meetings.cards_title", cardsData{e, keep}))
}

package store

import (
	"context"
	"time"

	"github.com/convene/convene/internal/model"
)

// MeetingStore holds the store's meeting requests, availability, slots, tables and schedules.
//
// Participants: the engine sees people, never organizations. A talent is
// their user; on an organization's side the participant is the member who
// made or accepted the request. Availability is stated per person, a person
// can sit at one table at a time, and two recruiters of one enterprise can
// interview in parallel, which a one-team-per-organization model would forbid.
// A person who states no availability windows is available in every slot
// (the engine's reading of an empty list); one who states windows is
// available only in them.
type MeetingStore interface {
	// Requests (meetings_requests.go). Every read and answer takes the
	// caller's user id: only the two sides see or answer a request.
	CreateMeetingRequest(ctx context.Context, in MeetingRequestInput) (model.MeetingRequest, error)
	MeetingRequest(ctx context.Context, id, userID int64) (MeetingRequestView, error)
	MeetingRequestsOf(ctx context.Context, userID int64) ([]MeetingRequestView, error)
	AnswerMeetingRequest(ctx context.Context, id, userID int64, accept bool) error
	CancelMeetingRequest(ctx context.Context, id, userID int64) error

	// Availability, slots and tables (meetings_setup.go).
	SetAvailability(ctx context.Context, userID int64, ws []model.Availability) error
	AvailabilityOf(ctx context.Context, userID int64) ([]model.Availability, error)
	AddSlots(ctx context.Context, editionID int64, slots []model.Slot) (int, error)
	ListSlots(ctx context.Context, editionID int64) ([]model.Slot, error)
	CreateMeetingTable(ctx context.Context, t *model.Table, timeZone string) error
	ListMeetingTables(ctx context.Context, editionID int64) ([]TableView, error)

	// Schedule runs (meetings_runs.go).
	RunSchedule(ctx context.Context, editionID int64, kind string, by int64) (ScheduleRun, error)
	ScheduleRunByID(ctx context.Context, id int64) (ScheduleRun, error)
	LatestScheduleRun(ctx context.Context, editionID int64) (ScheduleRun, error)
	PublishScheduleRun(ctx context.Context, id, by int64) (int, error)

	// Agendas, table cards, notices (meetings_agenda.go).
	AgendaOf(ctx context.Context, userID int64) ([]AgendaRow, error)
	TableCards(ctx context.Context, editionID int64) ([]TableCard, error)
	MeetingNotices(ctx context.Context, userID int64, limit int) ([]MeetingNotice, error)
}

// MeetingRequestInput asks for an interview (ApplicationID) or a
// negotiation (ProjectID, and OrgID: the park, enterprise or investor the
// project side wants to meet; a member of such an organization leaves it
// zero: their own organization is the other side).
type MeetingRequestInput struct {
	Kind          model.MeetingKind
	ByUserID      int64
	ApplicationID int64
	ProjectID     int64
	OrgID         int64
	Video         bool
	Priority      int
}

// MeetingRequestView is a request with the names a page shows and, once
// scheduled, its place.
type MeetingRequestView struct {
	model.MeetingRequest
	ToOrgID   *int64
	Cancelled bool
	FromName  string
	ToName    string
	OrgName   string // the organization on the other side of a talent, or the answering one
	Subject   string // post title or project title
	Scheduled *AgendaRow
}

// TableView is a table or video room with its venue and zone.
type TableView struct {
	model.Table
	VenueName string
	TimeZone  string // video rooms: the session's or the room's zone
}

// ScheduleRun is one scheduling run and what it produced.
type ScheduleRun struct {
	ID          int64
	EditionID   int64
	Kind        string
	Requests    int
	Placed      int
	Weight      int64
	Unserved    int
	Gaps        int
	Unplaced    []UnplacedRequest
	CreatedAt   time.Time
	PublishedAt *time.Time
}

// UnplacedRequest is a request the engine left out, with its reason code
// and, when the reason names them, a person and a slot time.
type UnplacedRequest struct {
	RequestID   int64     `json:"request_id"`
	Code        string    `json:"code"`
	Person      string    `json:"person,omitempty"`
	SlotStart   time.Time `json:"slot_start,omitzero"`
	Description string    `json:"subject,omitempty"`
}

// AgendaRow is one published meeting of a person.
type AgendaRow struct {
	RequestID   int64
	Kind        model.MeetingKind
	StartsAt    time.Time
	EndsAt      time.Time
	TableCode   string
	Video       bool
	VenueName   string
	With        string // the other side's name
	WithOrg     string
	Subject     string
	EditionZone string
	RoomZone    string // a video room's zone (its remote session's), else ""
	Location    string // the remote session's location
	Published   bool
}

// TableCard is one table's meetings, slot by slot, for printing.
type TableCard struct {
	TableView
	Rows []TableCardRow
}

// TableCardRow is one slot of a table card.
type TableCardRow struct {
	StartsAt, EndsAt time.Time
	Kind             model.MeetingKind
	From, To         string
	Subject          string
	Published        bool
}

// MeetingNotice is a notification about meetings, as a key and arguments.
type MeetingNotice struct {
	Key       string
	Args      []string
	CreatedAt time.Time
}

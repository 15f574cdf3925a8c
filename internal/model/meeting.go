package model

import "time"

// MeetingKind: interviews (talent × enterprise) and negotiations (project dockings).
type MeetingKind string

const (
	MeetingInterview   MeetingKind = "interview"
	MeetingNegotiation MeetingKind = "negotiation"
)

// RequestStatus of a meeting request.
type RequestStatus string

const (
	RequestPending  RequestStatus = "pending"
	RequestAccepted RequestStatus = "accepted"
	RequestDeclined RequestStatus = "declined"
)

// MeetingRequest asks the other side for a meeting.
type MeetingRequest struct {
	ID            int64
	EditionID     int64
	Kind          MeetingKind
	FromUserID    int64
	ToUserID      int64
	ApplicationID *int64
	DockingID     *int64
	Video         bool
	Priority      int
	Status        RequestStatus
	CreatedAt     time.Time
}

// Slot is a meeting time set by organizers.
type Slot struct {
	ID        int64
	EditionID int64
	StartsAt  time.Time
	EndsAt    time.Time
}

// Table is a meeting resource: a table in a venue area or a video room.
type Table struct {
	ID        int64
	EditionID int64
	VenueID   *int64
	SessionID *int64 // video rooms of a remote session
	Code      string
	Video     bool
}

// Availability is a window a person can meet in.
type Availability struct {
	UserID   int64
	StartsAt time.Time
	EndsAt   time.Time
}

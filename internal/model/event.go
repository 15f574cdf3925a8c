package model

import "time"

// EventKind covers the seed's 17 summits, forums and promotion activities.
type EventKind string

const (
	EventSummit     EventKind = "summit"
	EventForum      EventKind = "forum"
	EventPromotion  EventKind = "promotion"
	EventRoadshow   EventKind = "roadshow"
	EventFieldStudy EventKind = "field_study"
)

var EventKinds = []EventKind{EventSummit, EventForum, EventPromotion, EventRoadshow, EventFieldStudy}

func (k EventKind) Valid() bool { return in(k, EventKinds) }

// Event is a summit, forum or activity with a capacity.
type Event struct {
	ID        int64
	EditionID int64
	Kind      EventKind
	Title     string
	TitleZH   string
	Topics    []string
	Speakers  []string
	Room      string // or a field study's destination
	StartsAt  time.Time
	EndsAt    time.Time
	Capacity  int
}

// Exhibit is something standing on a booth (the seed: 300+ expert programs).
type Exhibit struct {
	ID      int64
	BoothID int64
	OrgID   int64
	Title   string
	TitleZH string
	Field   string
	Contact string
}

// AuditEntry records who changed what.
type AuditEntry struct {
	ID      int64
	UserID  *int64
	Action  string
	Subject string
	Detail  string
	At      time.Time
}

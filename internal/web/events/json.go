package events

import (
	"time"

	"github.com/convene/convene/internal/store"
)

// eventText is what an event says of itself, as the API reads and writes it.
type eventText struct {
	Kind       string   `json:"kind"`
	Title      string   `json:"title"`
	TitleZH    string   `json:"title_zh"`
	Abstract   string   `json:"abstract"`
	AbstractZH string   `json:"abstract_zh"`
	Topics     []string `json:"topics"`
	Speakers   []string `json:"speakers"`
	Room       string   `json:"room"`
}

type eventJ struct {
	ID int64 `json:"id"`
	eventText
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Capacity    int       `json:"capacity"`
	Audience    string    `json:"audience"`
	HoldSeconds int       `json:"hold_seconds"`
	Registered  int       `json:"registered"`
	Waitlisted  int       `json:"waitlisted"`
}

func eventJSON(e store.EventInfo) eventJ {
	return eventJ{ID: e.ID, eventText: eventText{Kind: string(e.Kind), Title: e.Title, TitleZH: e.TitleZH, Abstract: e.Abstract, AbstractZH: e.AbstractZH,
		Topics: nonNil(e.Topics), Speakers: nonNil(e.Speakers), Room: e.Room}, StartsAt: e.StartsAt, EndsAt: e.EndsAt, Capacity: e.Capacity,
		Audience: e.Audience, HoldSeconds: e.HoldSeconds, Registered: e.Registered, Waitlisted: e.Waitlisted}
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

type registrationJ struct {
	ID        int64      `json:"id"`
	EventID   int64      `json:"event_id"`
	UserID    int64      `json:"user_id"`
	Name      string     `json:"name"`
	Status    string     `json:"status"`
	Position  int        `json:"position"`
	HoldUntil *time.Time `json:"hold_until"`
}

func registrationJSON(r store.Registration) registrationJ {
	return registrationJ{ID: r.ID, EventID: r.EventID, UserID: r.UserID, Name: r.Name, Status: r.Status, Position: r.Position, HoldUntil: r.HoldUntil}
}

package schedule

import "time"

// Kind is the kind of resource a meeting needs.
type Kind string

const (
	KindTable Kind = "table"
	KindVideo Kind = "video"
)

// Interval is a half-open time range [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Slot is a time slot in which meetings can take place. A non-empty Venue or
// Area limits the slot to resources of that venue or area.
type Slot struct {
	ID    string    `json:"id"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Venue string    `json:"venue,omitempty"`
	Area  string    `json:"area,omitempty"`
}

// Resource is a table or a video room. Empty Slots means it exists in every
// slot. Video rooms with an empty Venue are remote and need no travel.
type Resource struct {
	ID    string   `json:"id"`
	Kind  Kind     `json:"kind"`
	Venue string   `json:"venue,omitempty"`
	Area  string   `json:"area,omitempty"`
	Slots []string `json:"slots,omitempty"`
}

// Participant is a person or a team that attends meetings as one. A meeting
// needs the participant available for the whole slot; no windows at all
// means available throughout. MaxMeetings 0 means Options.MaxPerPerson.
// HomeVenue, when set, is preferred among equally good tables.
type Participant struct {
	ID          string     `json:"id"`
	Available   []Interval `json:"available"`
	MaxMeetings int        `json:"max_meetings,omitempty"`
	HomeVenue   string     `json:"home_venue,omitempty"`
}

// Request asks for one meeting among two or more participants. A non-empty
// Venue restricts it to resources of that venue.
type Request struct {
	ID           string   `json:"id"`
	Participants []string `json:"participants"`
	Priority     int      `json:"priority"`
	Kind         Kind     `json:"kind"`
	Venue        string   `json:"venue,omitempty"`
}

// Assignment places a request in a slot on a resource.
type Assignment struct {
	Request  string `json:"request"`
	Slot     string `json:"slot"`
	Resource string `json:"resource"`
}

// Options tune the constraints and the search.
type Options struct {
	// BufferBetweenVenues requires a free slot between two meetings of one
	// person at different venues.
	BufferBetweenVenues bool `json:"buffer_between_venues,omitempty"`
	// TravelMinutes requires at least this many minutes between two
	// meetings of one person at different venues.
	TravelMinutes int `json:"travel_minutes,omitempty"`
	// MaxPerPerson limits meetings per participant; 0 means no limit.
	MaxPerPerson int `json:"max_per_person,omitempty"`
	// Effort scales the search step budgets (local search, and ruin and
	// recreate); 0 means 1, at most 1000. Steps, not time, bound the search
	// so results are reproducible; at Effort 1, 10,000 requests take well
	// under a second and 2,000 about a second or two.
	Effort int `json:"effort,omitempty"`
	// Seed seeds the perturbation: another seed gives another, equally
	// valid schedule of about the same score.
	Seed uint64 `json:"seed,omitempty"`
}

// Instance is everything the engine needs. Locked assignments are already
// published: they are kept as they are and new requests go around them.
type Instance struct {
	Slots        []Slot        `json:"slots"`
	Resources    []Resource    `json:"resources"`
	Participants []Participant `json:"participants"`
	Requests     []Request     `json:"requests"`
	Locked       []Assignment  `json:"locked,omitempty"`
	Options      Options       `json:"options"`
}

// Package booth allocates an exhibition's booths to requests when demand
// exceeds supply. It is a pure engine, like match and schedule: plain values
// in (booths with their adjacency, requests with priorities, quotas per
// group and area, locked assignments and a published lottery seed), plain
// values out (assignments, and for every request an outcome with reason
// codes and its place on the waitlist). It does no I/O and uses only the
// standard library.
//
// The objective, in this order of weight: served standard-booth units times
// (PrioBase + priority), so quotas and priorities come first; then
// ContigBonus per pair of adjacent booths held by one request (a
// delegation's block); then PrefBonus per booth that meets a preference
// (near the entrance, a corner); less CompetitorCost per pair of adjacent
// booths held by two requests one of which named the other's organization
// as a competitor ("not beside a competitor"). Ties between equal priorities are broken
// by a lottery whose tickets come from the seed and the request id alone,
// so anyone holding the seed can replay the draw. WriteLP writes the same
// objective and constraints as an integer program for CBC.
package booth

// Kind is a booth's construction.
type Kind string

// Booth kinds.
const (
	Standard Kind = "standard" // shell scheme, 3×3 m and multiples
	Raw      Kind = "raw"      // raw space
	Island   Kind = "island"   // open on four sides
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Standard || k == Raw || k == Island }

// Objective weights (see the package comment).
const (
	PrioBase    = 10  // added to every priority, so priority 0 still counts
	StdM2       = 9.0 // one standard booth; m² requests are served in these units
	ContigBonus = 2   // per adjacent pair of booths held by one request
	PrefBonus   = 1   // per booth meeting one of the request's preferences
	// CompetitorCost is taken off per adjacent pair of booths held by two
	// requests when either named the other's organization in Avoid (once
	// per pair, however many of the two named the other). 3 is more than a
	// pair of one's own booths (2) or a preference met (1), so the engine
	// will not seat a request beside a named competitor to win the entrance
	// or one more adjacent pair; and a booth with three competitor
	// neighbours (9) still costs less than the 10 a served unit is worth at
	// priority 0, so nobody is left without a booth to keep competitors
	// apart on plans of rows (at most three neighbours).
	CompetitorCost = 3
)

// Booth is one stand on the floor plan.
type Booth struct {
	Code     string   `json:"code"`
	M2       float64  `json:"m2"`
	Kind     Kind     `json:"kind"`
	Area     string   `json:"area"`
	Hall     string   `json:"hall,omitempty"` // booths of one hall must not overlap; empty: the area
	X        float64  `json:"x"`              // position of the corner, metres
	Y        float64  `json:"y"`
	W        float64  `json:"w,omitempty"` // width and depth, metres; zero: no overlap check
	D        float64  `json:"d,omitempty"`
	Corner   bool     `json:"corner,omitempty"`
	Entrance bool     `json:"entrance,omitempty"` // near an entrance
	Adjacent []string `json:"adjacent,omitempty"` // codes of booths sharing a side (made symmetric)
	Blocked  bool     `json:"blocked,omitempty"`  // not to be allocated (pillar, organizer's use)
}

// Request asks for booths in one area: Count booths, or M2 square metres
// (exactly one of the two), optionally of one kind.
type Request struct {
	ID       string  `json:"id"`
	Org      string  `json:"org"`
	Group    string  `json:"group,omitempty"` // quota group: delegation or province
	Area     string  `json:"area"`
	Count    int     `json:"count,omitempty"`
	M2       float64 `json:"m2,omitempty"`
	Kind     Kind    `json:"kind,omitempty"` // empty: any kind
	Priority int     `json:"priority"`       // points, higher first (years exhibited, size, sponsorship, early contract)
	Entrance bool    `json:"entrance,omitempty"`
	Corner   bool    `json:"corner,omitempty"`
	// Avoid names organizations (Request.Org of other requests) this
	// request does not want beside it: a soft preference, CompetitorCost
	// per adjacent pair of booths. Names of organizations without a
	// request are allowed (they may request later); its own is not.
	Avoid []string `json:"avoid,omitempty"`
}

// Quota caps a group's share of an area's m² (Percent of the area's total).
// The quotas of one area must not sum over 100.
type Quota struct {
	Group   string  `json:"group"`
	Area    string  `json:"area"`
	Percent float64 `json:"percent"`
}

// Lock keeps an assignment from an earlier run or made by hand.
type Lock struct {
	Request string `json:"request"`
	Booth   string `json:"booth"`
}

// Instance is everything one allocation run sees.
type Instance struct {
	Booths   []Booth   `json:"booths"`
	Requests []Request `json:"requests"`
	Quotas   []Quota   `json:"quotas,omitempty"`
	Locks    []Lock    `json:"locks,omitempty"`
	Seed     uint64    `json:"seed"` // the lottery's seed, published before the draw
}

// Assignment gives one booth to one request.
type Assignment struct {
	Request string `json:"request"`
	Booth   string `json:"booth"`
	Locked  bool   `json:"locked,omitempty"`
}

// Status is how far a request was served.
type Status string

// Statuses.
const (
	Assigned   Status = "assigned"   // everything asked for
	Partial    Status = "partial"    // some, and waitlisted for the rest
	Waitlisted Status = "waitlisted" // nothing yet
)

// Reason is a code explaining an outcome.
type Reason string

// Reason codes.
const (
	ReasonLocked          Reason = "locked"           // kept from an earlier run or set by hand
	ReasonPriority        Reason = "priority"         // served at its rank in the area's draw order
	ReasonQuota           Reason = "quota"            // within its group's quota of the area
	ReasonAreaFull        Reason = "area_full"        // no free booth left in the area
	ReasonQuotaReached    Reason = "quota_reached"    // the group's quota of the area is used up
	ReasonKindUnavailable Reason = "kind_unavailable" // free booths exist, none of the kind asked for
	ReasonNoFit           Reason = "no_fit"           // free booths exist, all larger than the m² still wanted
	ReasonWaitlisted      Reason = "waitlisted"       // on the area's waitlist at Outcome.Waitlist
	ReasonApart           Reason = "apart"            // booths beside none of the organizations it named (Request.Avoid)
	ReasonBesideAvoided   Reason = "beside_avoided"   // a booth beside one it named: Outcome.Beside
)

// Outcome explains what one request got and why.
type Outcome struct {
	Request  string   `json:"request"`
	Status   Status   `json:"status"`
	Booths   []string `json:"booths,omitempty"`
	M2       float64  `json:"m2"`     // m² assigned
	Wanted   float64  `json:"wanted"` // booths (Count requests) or m² asked for
	Got      float64  `json:"got"`    // booths or m² served, in the same unit
	Rank     int      `json:"rank"`   // 1-based place in its area's draw order
	Ticket   uint64   `json:"ticket"` // lottery ticket (lower draws first among equal priorities)
	QuotaM2  float64  `json:"quota_m2,omitempty"`
	QuotaUse float64  `json:"quota_use_m2,omitempty"` // the group's m² in the area after the run
	Waitlist int      `json:"waitlist,omitempty"`     // 1-based place on the area's waitlist
	Beside   []string `json:"beside,omitempty"`       // organizations it named in Avoid that hold a booth beside one of its booths
	Reasons  []Reason `json:"reasons"`
}

// Score is the objective and its parts.
type Score struct {
	Value float64 `json:"value"` // the objective WriteLP maximizes
	Units float64 `json:"units"` // standard-booth units served
	M2    float64 `json:"m2"`
	Pairs int     `json:"pairs"` // adjacent pairs within one request
	Prefs int     `json:"prefs"` // booths meeting a preference
	Foes  int     `json:"foes"`  // adjacent pairs between requests kept apart (Avoid), each costing CompetitorCost
}

// Result is one run's allocation.
type Result struct {
	Seed        uint64       `json:"seed"`
	Assignments []Assignment `json:"assignments"`
	Outcomes    []Outcome    `json:"outcomes"` // in the order of Instance.Requests
	Score       Score        `json:"score"`
}

package model

import (
	"strings"
	"time"
)

// Edition is one annual convention. Several live side by side.
type Edition struct {
	ID        int64
	Slug      string // e.g. "ocs-2017"
	Name      string // English name
	NameZH    string
	City      string
	StartDate time.Time // a date, midnight UTC
	EndDate   time.Time
	TimeZone  string // IANA name, e.g. Asia/Shanghai
	Current   bool   // the edition the home page shows
}

// Location returns the edition's time zone; Validate guarantees it loads.
func (e *Edition) Location() *time.Location { return Zone(e.TimeZone) }

// Zone is the IANA zone tz, or UTC when tz is empty or unknown (names are
// checked where they are entered: LoadZone).
func Zone(tz string) *time.Location {
	if loc, err := time.LoadLocation(tz); err == nil && tz != "" {
		return loc
	}
	return time.UTC
}

func (e *Edition) Validate() error {
	p := Problems{}
	e.Slug = strings.TrimSpace(strings.ToLower(e.Slug))
	e.Name = strings.TrimSpace(e.Name)
	e.NameZH = strings.TrimSpace(e.NameZH)
	e.City = strings.TrimSpace(e.City)
	if !validSlug(e.Slug) {
		p.Add("slug", "err.slug")
	}
	requireText(p, "name", e.Name, 200)
	optionalText(p, "name_zh", e.NameZH, 200)
	requireText(p, "city", e.City, 100)
	if e.StartDate.IsZero() {
		p.Add("start_date", "err.required")
	}
	if e.EndDate.IsZero() {
		p.Add("end_date", "err.required")
	} else if e.EndDate.Before(e.StartDate) {
		p.Add("end_date", "err.end_before_start")
	}
	validZone(p, "time_zone", e.TimeZone)
	return p.Err()
}

// Venue is a building; halls and booth areas sit in it.
type Venue struct {
	ID        int64
	EditionID int64
	Name      string
	NameZH    string
	Address   string
	AreaM2    int
}

func (v *Venue) Validate() error {
	p := Problems{}
	v.Name = strings.TrimSpace(v.Name)
	requireText(p, "name", v.Name, 200)
	optionalText(p, "name_zh", v.NameZH, 200)
	optionalText(p, "address", v.Address, 300)
	if v.AreaM2 < 0 || v.AreaM2 > 10_000_000 {
		p.Add("area_m2", "err.range")
	}
	return p.Err()
}

// Hall is part of a venue.
type Hall struct {
	ID      int64
	VenueID int64
	Name    string
}

// AreaKind: exhibition areas per province/city, high-skilled talents,
// HR service firms and research achievements.
type AreaKind string

const (
	AreaProvince    AreaKind = "province"
	AreaHighSkilled AreaKind = "high_skilled"
	AreaHRServices  AreaKind = "hr_services"
	AreaResearch    AreaKind = "research"
)

var AreaKinds = []AreaKind{AreaProvince, AreaHighSkilled, AreaHRServices, AreaResearch}

func (k AreaKind) Valid() bool { return in(k, AreaKinds) }

// Area groups booths in a hall.
type Area struct {
	ID     int64
	HallID int64
	Kind   AreaKind
	Name   string
	NameZH string // the Chinese name; Name is the English one
}

// Booth is a bookable stand.
type Booth struct {
	ID     int64
	AreaID int64
	Code   string
	AreaM2 float64
	X, Y   int // position on the hall plan, in metres
}

// Fair is a job fair of an edition.
type Fair struct {
	ID        int64
	EditionID int64
	Kind      FairKind
	Name      string
	NameZH    string
	VenueID   *int64 // video fairs may have none
}

func (f *Fair) Validate() error {
	p := Problems{}
	f.Name = strings.TrimSpace(f.Name)
	if !f.Kind.Valid() {
		p.Add("kind", "err.choice")
	}
	requireText(p, "name", f.Name, 200)
	optionalText(p, "name_zh", f.NameZH, 200)
	return p.Err()
}

// RemoteSession is a video fair's parallel session in another city
// (the seed: Singapore, Japan), with its own time zone.
type RemoteSession struct {
	ID       int64
	FairID   int64
	Location string
	TimeZone string
	StartsAt time.Time // UTC
	EndsAt   time.Time
}

func (s *RemoteSession) Validate() error {
	p := Problems{}
	s.Location = strings.TrimSpace(s.Location)
	requireText(p, "location", s.Location, 100)
	validZone(p, "time_zone", s.TimeZone)
	if s.StartsAt.IsZero() {
		p.Add("starts_at", "err.required")
	}
	if s.EndsAt.IsZero() {
		p.Add("ends_at", "err.required")
	} else if !s.EndsAt.After(s.StartsAt) {
		p.Add("ends_at", "err.end_before_start")
	}
	return p.Err()
}

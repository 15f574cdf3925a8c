package admin

import (
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/request"
)

// Inputs are read once per operation, from a JSON body (the API) or a form
// (the pages), into the same struct, so both paths validate alike.

type editionInput jsonview.EditionFields

func (in editionInput) apply(e *model.Edition) error {
	p := model.Problems{}
	e.Slug, e.Name, e.NameZH, e.City, e.TimeZone, e.Current = in.Slug, in.Name, in.NameZH, in.City, in.TimeZone, in.Current
	e.StartDate = request.ParseDate(p, "start_date", in.StartDate)
	e.EndDate = request.ParseDate(p, "end_date", in.EndDate)
	if err := e.Validate(); err != nil {
		p.Merge(err)
	}
	return p.Err()
}

type venueInput struct {
	Name    string `json:"name"`
	NameZH  string `json:"name_zh"`
	Address string `json:"address"`
	AreaM2  int    `json:"area_m2"`
}

func (in venueInput) apply(v *model.Venue) error {
	v.Name, v.NameZH, v.Address, v.AreaM2 = in.Name, in.NameZH, in.Address, in.AreaM2
	return v.Validate()
}

type fairInput struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	NameZH  string `json:"name_zh"`
	VenueID int64  `json:"venue_id"`
}

func (in fairInput) apply(f *model.Fair) error {
	f.Kind, f.Name, f.NameZH = model.FairKind(in.Kind), in.Name, in.NameZH
	f.VenueID = nil
	if in.VenueID != 0 {
		f.VenueID = &in.VenueID
	}
	return f.Validate()
}

type sessionInput struct {
	Location string `json:"location"`
	TimeZone string `json:"time_zone"`
	StartsAt string `json:"starts_at"` // local time in TimeZone, or RFC 3339
	EndsAt   string `json:"ends_at"`
}

func (in sessionInput) apply(s *model.RemoteSession) error {
	p := model.Problems{}
	s.Location, s.TimeZone = in.Location, in.TimeZone
	s.StartsAt = request.ParseLocalTime(p, "starts_at", in.StartsAt, in.TimeZone)
	s.EndsAt = request.ParseLocalTime(p, "ends_at", in.EndsAt, in.TimeZone)
	if err := s.Validate(); err != nil {
		p.Merge(err)
	}
	return p.Err()
}

type statusInput struct {
	Status string `json:"status"`
}

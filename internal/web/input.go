package web

import (
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// Inputs are read once per operation, from a JSON body (the API) or a form
// (the pages), into the same struct, so both paths validate alike.

// decodeForm fills dst's fields from form values named by their json tags.
func decodeForm(vals url.Values, dst any) error {
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	p := model.Problems{}
	for i := 0; i < t.NumField(); i++ {
		name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		if name == "" || name == "-" {
			continue
		}
		raw, present := vals[name]
		s := ""
		if present {
			s = strings.TrimSpace(raw[0])
		}
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(s)
		case reflect.Bool:
			f.SetBool(s == "on" || s == "true" || s == "1")
		case reflect.Int, reflect.Int64:
			if s == "" {
				continue
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				p.Add(name, "err.number")
				continue
			}
			f.SetInt(n)
		case reflect.Slice:
			f.Set(reflect.ValueOf(model.SplitList(s)))
		}
	}
	return p.Err()
}

// read decodes a request into dst: JSON for the API, a form otherwise.
func read(r *http.Request, dst any) error {
	if isAPI(r) {
		return readJSON(r, dst)
	}
	if err := r.ParseForm(); err != nil {
		return model.Errorf(model.Invalid, "err.form")
	}
	return decodeForm(r.PostForm, dst)
}

func parseDate(p model.Problems, field, s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		if s == "" {
			p.Add(field, "err.required")
		} else {
			p.Add(field, "err.date")
		}
	}
	return t
}

// parseLocalTime reads "2006-01-02T15:04" (an HTML datetime-local value, or
// RFC 3339) in the given zone.
func parseLocalTime(p model.Problems, field, s, tz string) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC()
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
	if err != nil {
		if s == "" {
			p.Add(field, "err.required")
		} else {
			p.Add(field, "err.date")
		}
	}
	return t.UTC()
}

type talentInput struct {
	Name            string   `json:"name"`
	Category        string   `json:"category"`
	Residence       string   `json:"residence"`
	Nationality     string   `json:"nationality"`
	Degree          string   `json:"degree"`
	Discipline      string   `json:"discipline"`
	Skills          []string `json:"skills"`
	Languages       []string `json:"languages"`
	YearsExperience int      `json:"years_experience"`
	IntentChina     string   `json:"intent_china"`
	PreferredCities []string `json:"preferred_cities"`
	Phone           string   `json:"phone"`
}

func (in talentInput) apply(t *model.Talent) error {
	t.Name, t.Category, t.Residence, t.Nationality = in.Name, model.TalentCategory(in.Category), in.Residence, in.Nationality
	t.Degree, t.Discipline, t.Skills, t.Languages = model.Degree(in.Degree), in.Discipline, in.Skills, in.Languages
	t.YearsExperience, t.IntentChina, t.PreferredCities, t.Phone = in.YearsExperience, model.Intent(in.IntentChina), in.PreferredCities, in.Phone
	return t.Validate()
}

type orgInput struct {
	Name      string `json:"name"`
	NameZH    string `json:"name_zh"`
	Industry  string `json:"industry"`
	Size      string `json:"size"`
	Province  string `json:"province"`
	Foreign   bool   `json:"foreign"`
	Global500 bool   `json:"global500"`
}

func (in orgInput) apply(o *model.Organization) error {
	o.Name, o.NameZH, o.Industry, o.Size, o.Province, o.Foreign = in.Name, in.NameZH, in.Industry, in.Size, in.Province, in.Foreign
	// Global-500 status is an organizer's call; members cannot claim it.
	return o.Validate()
}

type editionInput struct {
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	NameZH    string `json:"name_zh"`
	City      string `json:"city"`
	StartDate string `json:"start_date"`
	EndDate   string `json:"end_date"`
	TimeZone  string `json:"time_zone"`
	Current   bool   `json:"current"`
}

func (in editionInput) apply(e *model.Edition) error {
	p := model.Problems{}
	e.Slug, e.Name, e.NameZH, e.City, e.TimeZone, e.Current = in.Slug, in.Name, in.NameZH, in.City, in.TimeZone, in.Current
	e.StartDate = parseDate(p, "start_date", in.StartDate)
	e.EndDate = parseDate(p, "end_date", in.EndDate)
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
	s.StartsAt = parseLocalTime(p, "starts_at", in.StartsAt, in.TimeZone)
	s.EndsAt = parseLocalTime(p, "ends_at", in.EndsAt, in.TimeZone)
	if err := s.Validate(); err != nil {
		p.Merge(err)
	}
	return p.Err()
}

// decodeThen decodes a request into in and then validates with apply, so a
// form shows its type problems and validation problems at once.
func decodeThen(r *http.Request, in any, apply func() error) error {
	derr := read(r, in)
	if derr != nil && (len(model.FieldsOf(derr)) == 0 || isAPI(r)) {
		return derr
	}
	verr := apply()
	if derr == nil {
		return verr
	}
	p := model.Problems{}
	p.Merge(derr)
	p.Merge(verr)
	return p.Err()
}

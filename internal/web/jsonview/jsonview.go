// Package jsonview holds the JSON shapes of the API's entities that more than
// one area sends: snake_case, dates as ISO strings, no password hashes or
// internal file keys. The contract test checks each against its OpenAPI schema.
package jsonview

import (
	"time"

	"github.com/convene/convene/internal/model"
)

// Map applies f to every element.
func Map[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// NonNil is l, or an empty list that encodes as [] rather than null.
func NonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

type User struct {
	ID     int64  `json:"id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	OrgID  *int64 `json:"org_id"`
	Locale string `json:"locale"`
}

func UserOf(u model.User) User {
	return User{u.ID, u.Email, u.Name, string(u.Role), u.OrgID, u.Locale}
}

// TalentFields are a talent's fields as the API reads and writes them.
type TalentFields struct {
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

type Talent struct {
	ID int64 `json:"id"`
	TalentFields
	HasCV bool `json:"has_cv"`
}

func TalentOf(t model.Talent) Talent {
	return Talent{t.ID, TalentFields{t.Name, string(t.Category), t.Residence, t.Nationality, string(t.Degree), t.Discipline,
		NonNil(t.Skills), NonNil(t.Languages), t.YearsExperience, string(t.IntentChina), NonNil(t.PreferredCities), t.Phone}, t.CVFile != ""}
}

type Org struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	NameZH    string `json:"name_zh"`
	Status    string `json:"status"`
	Industry  string `json:"industry"`
	Size      string `json:"size"`
	Global500 bool   `json:"global500"`
	Province  string `json:"province"`
	Foreign   bool   `json:"foreign"`
}

func OrgOf(o model.Organization) Org {
	return Org{o.ID, string(o.Kind), o.Name, o.NameZH, string(o.Status), o.Industry, o.Size, o.Global500, o.Province, o.Foreign}
}

// EditionFields are an edition's fields as the API reads and writes them.
type EditionFields struct {
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	NameZH    string `json:"name_zh"`
	City      string `json:"city"`
	StartDate string `json:"start_date"`
	EndDate   string `json:"end_date"`
	TimeZone  string `json:"time_zone"`
	Current   bool   `json:"current"`
}

type Edition struct {
	ID int64 `json:"id"`
	EditionFields
}

func EditionOf(e model.Edition) Edition {
	return Edition{e.ID, EditionFields{e.Slug, e.Name, e.NameZH, e.City, e.StartDate.Format("2006-01-02"), e.EndDate.Format("2006-01-02"), e.TimeZone, e.Current}}
}

type Venue struct {
	ID        int64  `json:"id"`
	EditionID int64  `json:"edition_id"`
	Name      string `json:"name"`
	NameZH    string `json:"name_zh"`
	Address   string `json:"address"`
	AreaM2    int    `json:"area_m2"`
}

func VenueOf(v model.Venue) Venue {
	return Venue{v.ID, v.EditionID, v.Name, v.NameZH, v.Address, v.AreaM2}
}

type Fair struct {
	ID        int64  `json:"id"`
	EditionID int64  `json:"edition_id"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	NameZH    string `json:"name_zh"`
	VenueID   *int64 `json:"venue_id"`
}

func FairOf(f model.Fair) Fair {
	return Fair{f.ID, f.EditionID, string(f.Kind), f.Name, f.NameZH, f.VenueID}
}

type Session struct {
	ID       int64     `json:"id"`
	FairID   int64     `json:"fair_id"`
	Location string    `json:"location"`
	TimeZone string    `json:"time_zone"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

func SessionOf(s model.RemoteSession) Session {
	return Session{s.ID, s.FairID, s.Location, s.TimeZone, s.StartsAt, s.EndsAt}
}

// PostFields are a post's own fields as the API reads and writes them.
type PostFields struct {
	Title         string   `json:"title"`
	TitleZH       string   `json:"title_zh"`
	Description   string   `json:"description"`
	DescriptionZH string   `json:"description_zh"`
	Industry      string   `json:"industry"`
	Skills        []string `json:"skills"`
	MinDegree     string   `json:"min_degree"`
	MinExperience int      `json:"min_experience"`
	City          string   `json:"city"`
	SalaryMin     int      `json:"salary_min"`
	SalaryMax     int      `json:"salary_max"`
	Headcount     int      `json:"headcount"`
	Languages     []string `json:"languages"`
}

type Post struct {
	ID        int64  `json:"id"`
	OrgID     int64  `json:"org_id"`
	FairID    int64  `json:"fair_id"`
	SessionID *int64 `json:"session_id"`
	PostFields
	Status string `json:"status"`
}

func PostOf(p model.Post) Post {
	return Post{p.ID, p.OrgID, p.FairID, p.SessionID, PostFields{p.Title, p.TitleZH, p.Description, p.DescriptionZH, p.Industry, NonNil(p.Skills), string(p.MinDegree),
		p.MinExperience, p.City, p.SalaryMin, p.SalaryMax, p.Headcount, NonNil(p.Languages)}, string(p.Status)}
}

type Application struct {
	ID        int64     `json:"id"`
	TalentID  int64     `json:"talent_id"`
	PostID    int64     `json:"post_id"`
	Channel   string    `json:"channel"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

func ApplicationOf(a model.Application) Application {
	return Application{a.ID, a.TalentID, a.PostID, string(a.Channel), string(a.Status), a.CreatedAt}
}

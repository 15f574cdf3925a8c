package model

import (
	"strings"
	"time"
)

// Post is a job an enterprise offers in a fair ("recruitment information").
type Post struct {
	ID            int64
	OrgID         int64
	FairID        int64
	SessionID     *int64 // a video fair's remote session, when offered there
	Title         string // English; the Chinese one when the post has only that (see Validate)
	TitleZH       string
	Description   string
	DescriptionZH string
	Industry      string
	Skills        []string
	MinDegree     Degree
	MinExperience int
	City          string
	SalaryMin     int // yuan per month; 0 = negotiable
	SalaryMax     int
	Headcount     int
	Languages     []string
	Status        PostStatus
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (p *Post) Validate() error {
	pr := Problems{}
	p.Title, p.TitleZH = strings.TrimSpace(p.Title), strings.TrimSpace(p.TitleZH)
	if !Visible(p.Title) && !Visible(p.TitleZH) {
		// A title in one language at least; the page shows the reader's
		// and falls back, marked, to the other.
		pr.Add("title", "err.required")
	} else {
		for field, v := range map[string]string{"title": p.Title, "title_zh": p.TitleZH} {
			if v != "" {
				requireText(pr, field, v, 200)
			}
		}
	}
	optionalText(pr, "description", p.Description, 10000)
	optionalText(pr, "description_zh", p.DescriptionZH, 10000)
	optionalText(pr, "industry", p.Industry, 100)
	p.Skills = CleanList(p.Skills)
	p.Languages = CleanList(p.Languages)
	listProblems(pr, "skills", p.Skills, 30, 60)
	listProblems(pr, "languages", p.Languages, 10, 40)
	if p.MinDegree == "" {
		p.MinDegree = DegreeNone
	}
	if !p.MinDegree.Valid() {
		pr.Add("min_degree", "err.choice")
	}
	if p.MinExperience < 0 || p.MinExperience > 50 {
		pr.Add("min_experience", "err.range")
	}
	optionalText(pr, "city", p.City, 60)
	if p.SalaryMin < 0 || p.SalaryMin > 10_000_000 {
		pr.Add("salary_min", "err.range")
	}
	if p.SalaryMax < 0 || p.SalaryMax > 10_000_000 {
		pr.Add("salary_max", "err.range")
	} else if p.SalaryMax != 0 && p.SalaryMax < p.SalaryMin {
		pr.Add("salary_max", "err.max_below_min")
	}
	if p.Headcount == 0 {
		p.Headcount = 1
	}
	if p.Headcount < 1 || p.Headcount > 10000 {
		pr.Add("headcount", "err.range")
	}
	if p.Status == "" {
		p.Status = PostOpen
	}
	if !p.Status.Valid() {
		pr.Add("status", "err.choice")
	}
	if p.FairID == 0 {
		pr.Add("fair_id", "err.required")
	}
	if p.Title == "" {
		// As for projects: lists, exports and webhooks that show one title
		// show the Chinese one; a page tells the two apart (title equal to
		// title_zh is a Chinese-only post) and marks it for English readers.
		p.Title = p.TitleZH
	}
	return pr.Err()
}

// Visit target kinds: the "130,000 visits" counted per day and channel.
const (
	VisitPost       = "post"
	VisitEnterprise = "enterprise"
	VisitScan       = "scan"
)

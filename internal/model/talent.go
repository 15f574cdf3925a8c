package model

import (
	"strings"
	"time"
)

// Talent is a talent's profile; one per talent account.
type Talent struct {
	ID              int64
	UserID          int64
	Name            string
	Category        TalentCategory
	Residence       string // country of residence
	Nationality     string
	Degree          Degree
	Discipline      string
	Skills          []string
	Languages       []string
	YearsExperience int
	IntentChina     Intent
	PreferredCities []string
	Phone           string
	CVFile          string // storage key of the CV (a PDF); empty when none
	UpdatedAt       time.Time
}

func (t *Talent) Validate() error {
	p := Problems{}
	t.Name = strings.TrimSpace(t.Name)
	requireText(p, "name", t.Name, 100)
	if !t.Category.Valid() {
		p.Add("category", "err.choice")
	}
	optionalText(p, "residence", t.Residence, 100)
	optionalText(p, "nationality", t.Nationality, 100)
	if !t.Degree.Valid() {
		p.Add("degree", "err.choice")
	}
	optionalText(p, "discipline", t.Discipline, 100)
	t.Skills = CleanList(t.Skills)
	t.Languages = CleanList(t.Languages)
	t.PreferredCities = CleanList(t.PreferredCities)
	listProblems(p, "skills", t.Skills, 50, 60)
	listProblems(p, "languages", t.Languages, 20, 40)
	listProblems(p, "preferred_cities", t.PreferredCities, 20, 60)
	if t.YearsExperience < 0 || t.YearsExperience > 70 {
		p.Add("years_experience", "err.range")
	}
	if t.IntentChina == "" {
		t.IntentChina = IntentUndecided
	}
	if !t.IntentChina.Valid() {
		p.Add("intent_china", "err.choice")
	}
	optionalText(p, "phone", t.Phone, 40)
	return p.Err()
}

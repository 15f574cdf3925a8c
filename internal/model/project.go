package model

import (
	"strings"
	"time"
)

// ProjectSource tells where a project came from; the report splits docking
// funnels by it (contest, a delegation such as the CIS one, an expert program).
type ProjectSource string

const (
	SourceTalent     ProjectSource = "talent"
	SourceDelegation ProjectSource = "delegation"
	SourceExpert     ProjectSource = "expert_program"
	SourceContest    ProjectSource = "contest"
)

var ProjectSources = []ProjectSource{SourceTalent, SourceDelegation, SourceExpert, SourceContest}

func (s ProjectSource) Valid() bool { return in(s, ProjectSources) }

// Project is a research or start-up project a talent team, delegation or
// expert program brings.
type Project struct {
	ID            int64
	EditionID     int64
	Source        ProjectSource
	OwnerUserID   *int64 // the talent leading it
	OrgID         *int64 // the delegation that brought it
	Title         string
	TitleZH       string
	Summary       string
	SummaryZH     string
	Field         string
	Stage         string // idea, prototype, revenue, growth
	FundingSought int64  // yuan
	Team          string // free text: who is on it
	IPStatus      IPStatus
	Visibility    Visibility
	DeckFile      string // "db:<sha256>" once a pitch deck is uploaded
	CreatedAt     time.Time
	WithdrawnAt   *time.Time // taken out by its owner: no new entries or dockings
}

// IPStatus is where a project's intellectual property (patents, software
// copyright) stands.
type IPStatus string

const (
	IPNone    IPStatus = "none"    // nothing filed
	IPPending IPStatus = "pending" // filed, not yet granted
	IPGranted IPStatus = "granted"
)

var IPStatuses = []IPStatus{IPNone, IPPending, IPGranted}

func (s IPStatus) Valid() bool { return in(s, IPStatuses) }

// Visibility says who sees a project: public ones are in the catalogue
// for enterprises, parks, investors, delegations and organizers; private
// ones only their owner and the organizers see.
type Visibility string

const (
	VisibilityPublic  Visibility = "public"
	VisibilityPrivate Visibility = "private"
)

var Visibilities = []Visibility{VisibilityPublic, VisibilityPrivate}

func (v Visibility) Valid() bool { return in(v, Visibilities) }

// Deck is a project's pitch deck, a PDF kept like a CV.
type Deck struct {
	ProjectID   int64
	Name        string // the uploaded file's name, for downloads
	ContentType string
	Size        int64
	SHA256      string // hex
	Content     []byte
	UploadedAt  time.Time
}

// deckKeys are CheckPDF's problems said of a deck.
var deckKeys = map[string]string{"err.cv_required": "err.deck_required", "err.cv_too_large": "err.deck_too_large", "err.cv_not_pdf": "err.deck_not_pdf"}

// CheckDeck accepts a pitch deck by CheckPDF's rules (a plausible PDF
// within MaxCVSize); problems name the field "deck".
func CheckDeck(b []byte) error {
	err := CheckPDF(b)
	if err == nil {
		return nil
	}
	k := FieldsOf(err)["cv"]
	if d, ok := deckKeys[k]; ok {
		k = d
	}
	return Errorf(Invalid, "err.invalid", "deck", k)
}

// ProjectStages are a project's maturity, in order.
var ProjectStages = []string{"idea", "prototype", "revenue", "growth"}

// Validate trims a project's text and checks it: a title in one language
// at least (the English one falls back to the Chinese), a known stage (idea
// when none is given), IP status (none) and visibility (public), lengths,
// funding not negative.
func (p *Project) Validate() error {
	pr := Problems{}
	p.Title, p.TitleZH = strings.TrimSpace(p.Title), strings.TrimSpace(p.TitleZH)
	p.Summary, p.Field = strings.TrimSpace(p.Summary), strings.TrimSpace(p.Field)
	p.SummaryZH, p.Team = strings.TrimSpace(p.SummaryZH), strings.TrimSpace(p.Team)
	if p.Title == "" && p.TitleZH == "" {
		pr.Add("title", "err.required")
	}
	if len(p.Title) > 200 || len(p.TitleZH) > 200 {
		pr.Add("title", "err.too_long")
	}
	if len(p.Summary) > 4000 {
		pr.Add("summary", "err.too_long")
	}
	if len(p.SummaryZH) > 4000 {
		pr.Add("summary_zh", "err.too_long")
	}
	if len(p.Team) > 2000 {
		pr.Add("team", "err.too_long")
	}
	if p.IPStatus == "" {
		p.IPStatus = IPNone
	}
	if !p.IPStatus.Valid() {
		pr.Add("ip_status", "err.choice")
	}
	if p.Visibility == "" {
		p.Visibility = VisibilityPublic
	}
	if !p.Visibility.Valid() {
		pr.Add("visibility", "err.choice")
	}
	if len(p.Field) > 100 {
		pr.Add("field", "err.too_long")
	}
	if p.Stage == "" {
		p.Stage = "idea"
	}
	if !in(p.Stage, ProjectStages) {
		pr.Add("stage", "err.choice")
	}
	if p.FundingSought < 0 {
		pr.Add("funding_sought", "err.range")
	}
	if p.Title == "" {
		p.Title = p.TitleZH
	}
	return pr.Err()
}

// Contest is a start-up contest (the seed: Chunhui cup) with a rubric.
type Contest struct {
	ID        int64
	EditionID int64
	Name      string
	NameZH    string
	Rubric    []Criterion
	// GrantRule is the "innovative plan": eligible winners may get a grant.
	GrantYuan     int64
	GrantMinScore float64
}

// Criterion is one rubric line, weighted.
type Criterion struct {
	// The tags are the store's rubric JSON: without them NameZH was written
	// as "NameZH", which the store's "name_zh" does not read back.
	Key    string  `json:"key"`
	Name   string  `json:"name"`
	NameZH string  `json:"name_zh"` // the name in Chinese; Name is the English one
	Weight float64 `json:"weight"`
	Max    int     `json:"max"`
}

// EntryStatus moves submitted → selected or not selected.
type EntryStatus string

const (
	EntrySubmitted   EntryStatus = "submitted"
	EntrySelected    EntryStatus = "selected"
	EntryNotSelected EntryStatus = "not_selected"
)

// Entry is a project entered into a contest.
type Entry struct {
	ID            int64
	ContestID     int64
	ProjectID     int64
	Status        EntryStatus
	GrantEligible bool
}

// Score is one judge's mark on one criterion of one entry.
type Score struct {
	EntryID   int64
	JudgeID   int64
	Criterion string
	Value     int
}

// DockingStage is the outcome pipeline of a project docking.
type DockingStage string

const (
	DockRequested   DockingStage = "requested"
	DockNegotiation DockingStage = "negotiation"
	DockPreliminary DockingStage = "preliminary_agreement" // e.g. to enter an innovation park
	DockCooperative DockingStage = "cooperative_intention"
	DockContract    DockingStage = "contract_intention"
	DockSigned      DockingStage = "signed"
	DockDeclined    DockingStage = "declined"
)

var DockingStages = []DockingStage{DockRequested, DockNegotiation, DockPreliminary, DockCooperative, DockContract, DockSigned, DockDeclined}

func (s DockingStage) Valid() bool { return in(s, DockingStages) }

// Docking is a meeting between a project and a delegation, park, enterprise
// or investor, and how far it got.
type Docking struct {
	ID        int64
	ProjectID int64
	OrgID     int64
	Stage     DockingStage
	UpdatedAt time.Time
}

package model

import "time"

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
	Field         string
	Stage         string // idea, prototype, revenue, growth
	FundingSought int64  // yuan
	CreatedAt     time.Time
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
	Key    string
	Name   string
	Weight float64
	Max    int
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

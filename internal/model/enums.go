package model

// Role is what an account may do. Every account has exactly one.
type Role string

const (
	RoleOrganizer  Role = "organizer"
	RoleDelegation Role = "delegation"
	RoleEnterprise Role = "enterprise"
	RoleTalent     Role = "talent"
	RoleJudge      Role = "judge"
	RoleGate       Role = "gate"
)

// Roles lists every role, in a stable order, for tests and forms.
var Roles = []Role{RoleOrganizer, RoleDelegation, RoleEnterprise, RoleTalent, RoleJudge, RoleGate}

func (r Role) Valid() bool { return in(r, Roles) }

// OrgKind is the kind of an organization.
type OrgKind string

const (
	OrgEnterprise OrgKind = "enterprise"
	OrgDelegation OrgKind = "delegation"
	OrgPark       OrgKind = "park"
	OrgHRFirm     OrgKind = "hr_firm"
	OrgInvestor   OrgKind = "investor"
	OrgOrganizer  OrgKind = "organizer"
)

var OrgKinds = []OrgKind{OrgEnterprise, OrgDelegation, OrgPark, OrgHRFirm, OrgInvestor, OrgOrganizer}

func (k OrgKind) Valid() bool { return in(k, OrgKinds) }

// RoleFor is the account role of members of an organization of kind k.
func (k OrgKind) RoleFor() Role {
	switch k {
	case OrgDelegation:
		return RoleDelegation
	case OrgOrganizer:
		return RoleOrganizer
	default:
		return RoleEnterprise // parks, HR firms and investors act like enterprises
	}
}

// OrgStatus: organizations wait for an organizer's approval.
type OrgStatus string

const (
	OrgPending  OrgStatus = "pending"
	OrgApproved OrgStatus = "approved"
	OrgRejected OrgStatus = "rejected"
)

var OrgStatuses = []OrgStatus{OrgPending, OrgApproved, OrgRejected}

func (s OrgStatus) Valid() bool { return in(s, OrgStatuses) }

// TalentCategory distinguishes the three kinds of talent the convention serves.
type TalentCategory string

const (
	TalentOverseas    TalentCategory = "overseas"
	TalentHighSkilled TalentCategory = "high_skilled"
	TalentStudent     TalentCategory = "student"
)

var TalentCategories = []TalentCategory{TalentOverseas, TalentHighSkilled, TalentStudent}

func (c TalentCategory) Valid() bool { return in(c, TalentCategories) }

// Degree is ordered: a post's minimum compares with a talent's highest.
type Degree string

const (
	DegreeNone     Degree = "none"
	DegreeBachelor Degree = "bachelor"
	DegreeMaster   Degree = "master"
	DegreePhD      Degree = "phd"
)

var Degrees = []Degree{DegreeNone, DegreeBachelor, DegreeMaster, DegreePhD}

func (d Degree) Valid() bool { return in(d, Degrees) }

// Rank orders degrees; an unknown degree ranks below none.
func (d Degree) Rank() int {
	for i, x := range Degrees {
		if x == d {
			return i
		}
	}
	return -1
}

// Intent: does a talent intend to work in China.
type Intent string

const (
	IntentYes       Intent = "yes"
	IntentNo        Intent = "no"
	IntentUndecided Intent = "undecided"
)

var Intents = []Intent{IntentYes, IntentNo, IntentUndecided}

func (i Intent) Valid() bool { return in(i, Intents) }

// FairKind: the seed convention ran three job fairs.
type FairKind string

const (
	FairOverseas    FairKind = "overseas"
	FairHighSkilled FairKind = "high_skilled"
	FairVideo       FairKind = "video"
)

var FairKinds = []FairKind{FairOverseas, FairHighSkilled, FairVideo}

func (k FairKind) Valid() bool { return in(k, FairKinds) }

// Channel is how an application or visit arrived.
type Channel string

const (
	ChannelPC     Channel = "pc"
	ChannelMobile Channel = "mobile"
	ChannelScan   Channel = "scan"
)

var Channels = []Channel{ChannelPC, ChannelMobile, ChannelScan}

func (c Channel) Valid() bool { return in(c, Channels) }

// PostStatus: closed posts stay visible but take no applications.
type PostStatus string

const (
	PostOpen   PostStatus = "open"
	PostClosed PostStatus = "closed"
)

func (s PostStatus) Valid() bool { return s == PostOpen || s == PostClosed }

func in[T comparable](v T, all []T) bool {
	for _, x := range all {
		if x == v {
			return true
		}
	}
	return false
}

package gen

import (
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// Convention is one generated convention. Every entity carries a local id,
// 1-based and dense per kind, and refers to others by local id; Load turns
// local ids into database ids by adding a per-table offset (zero on an empty
// database, so there local ids are the database ids).
type Convention struct {
	Seed  int64
	Scale float64

	Edition  model.Edition
	Venues   []model.Venue
	Halls    []model.Hall
	Areas    []model.Area
	Booths   []model.Booth
	Fairs    []model.Fair          // overseas, high-skilled, video, in that order
	Sessions []model.RemoteSession // the video fair's remote sessions: Singapore, Japan
	Events   []model.Event

	Orgs    []model.Organization
	Users   []model.User
	Talents []model.Talent
	// VideoTalents are the overseas high-level talents who attend the video
	// fair (the seed: nearly 110, 75% PhD); they apply to its posts.
	VideoTalents []int64
	// Experts are the experts and academicians (the seed: more than 10);
	// they lead expert-program projects.
	Experts []int64

	Posts        []model.Post
	Applications []model.Application
	Visits       []Visit

	Projects []model.Project
	Contest  model.Contest
	Judges   []int64 // user ids of the contest's judges
	Entries  []model.Entry
	Scores   []model.Score
	Dockings []model.Docking
	// Exhibits are the expert frontier-technology programs shown on the
	// research area's booths (the seed: more than 300).
	Exhibits []model.Exhibit

	// MeetingRequests are interview and negotiation requests between users
	// (tied to an application or a docking). Load does not store them yet.
	MeetingRequests []model.MeetingRequest

	// Logins are the demo accounts, one per role, all with DemoPassword.
	Logins []Login

	// Previous is the edition of the year before (previous.go): its own
	// records only, with local ids after this edition's. Its people and
	// organizations are this convention's Orgs, Users and Talents (those
	// registered before it closed), so its Orgs, Users, Talents, Logins and
	// Previous are empty and it has no Totals of its own. Load writes it
	// when LoadOptions.Previous is set.
	Previous *Convention
}

// Visit counts views of a post, an enterprise page or a scan landing page
// per day and channel, as the visits table keeps them.
type Visit struct {
	TargetKind string // model.VisitPost, VisitEnterprise, VisitScan
	TargetID   int64  // a local post id (post, scan) or organization id (enterprise)
	Day        string // YYYY-MM-DD in the edition's zone
	Channel    model.Channel
	Count      int
}

// Login is a demo account a person can sign in with.
type Login struct {
	Role  model.Role
	Email string
	Name  string
	Note  string // what the account shows off
}

// DemoPassword is the password of every generated account. Load stores one
// hash of it, computed once by the caller: hashing thousands of passwords
// one by one with argon2id would take minutes.
const DemoPassword = "convene-demo-2017"

// EmailDomain is the domain of every generated address (.test is reserved
// and never delivers mail).
const EmailDomain = "demo.convene.test"

// Totals counts what a Convention holds, by kind.
type Totals struct {
	// Rows is what Load writes for this edition, table by table, with
	// every organization, account and talent profile.
	Rows store.TableCounts
	// PreviousRows is what Load adds for the previous edition when asked
	// (LoadOptions.Previous): its own records, no accounts.
	PreviousRows store.TableCounts

	Overseas, HighSkilled, Students int
	OverseasPhD, OverseasIntentYes  int
	VideoTalents, VideoTalentsPhD   int
	Experts                         int

	Enterprises, Global500, PostingEnterprises int // approved enterprises
	Delegations, ForeignDelegations            int // approved delegations
	Parks, HRFirms, Investors, Pending         int

	PostsByFair         [3]int // overseas, high-skilled, video
	VisitCount          int    // sum of visit counts
	OverseasApplicants  int    // overseas talents with an application
	OverseasCVs         int    // overseas applicants with a CV ("CVs received", cvs.go)
	TalentProjects      int
	DelegationProjects  int // including the CIS delegation's
	CISProjects         int
	ExpertProjects      int
	ContestProjects     int
	Selected, Eligible  int // contest entries selected, and grant-eligible
	VenueAreaM2         int
	BoothAreaM2         float64
	InterviewRequests   int
	NegotiationRequests int
	DockingsByStage     map[model.DockingStage]int
}

// Totals counts the convention's contents.
func (c *Convention) Totals() Totals {
	t := Totals{
		Rows:            c.rows(),
		VideoTalents:    len(c.VideoTalents),
		Experts:         len(c.Experts),
		DockingsByStage: map[model.DockingStage]int{},
	}
	for _, tl := range c.Talents {
		switch tl.Category {
		case model.TalentOverseas:
			t.Overseas++
			if tl.Degree == model.DegreePhD {
				t.OverseasPhD++
			}
			if tl.IntentChina == model.IntentYes {
				t.OverseasIntentYes++
			}
		case model.TalentHighSkilled:
			t.HighSkilled++
		case model.TalentStudent:
			t.Students++
		}
	}
	for _, id := range c.VideoTalents {
		if c.Talents[id-1].Degree == model.DegreePhD {
			t.VideoTalentsPhD++
		}
	}
	posting := make([]bool, len(c.Orgs)+1)
	for _, p := range c.Posts {
		posting[p.OrgID] = true
		for i, f := range c.Fairs {
			if f.ID == p.FairID {
				t.PostsByFair[i]++
			}
		}
	}
	for _, o := range c.Orgs {
		if o.Status != model.OrgApproved {
			t.Pending++
			continue
		}
		switch o.Kind {
		case model.OrgEnterprise:
			t.Enterprises++
			if o.Global500 {
				t.Global500++
			}
			if posting[o.ID] {
				t.PostingEnterprises++
			}
		case model.OrgDelegation:
			t.Delegations++
			if o.Foreign {
				t.ForeignDelegations++
			}
		case model.OrgPark:
			t.Parks++
		case model.OrgHRFirm:
			t.HRFirms++
		case model.OrgInvestor:
			t.Investors++
		}
	}
	for _, v := range c.Visits {
		t.VisitCount += v.Count
	}
	applied := make([]bool, len(c.Talents)+1)
	for _, a := range c.Applications {
		applied[a.TalentID] = true
	}
	for _, tl := range c.Talents {
		if applied[tl.ID] && tl.Category == model.TalentOverseas {
			t.OverseasApplicants++
			if tl.CVFile != "" {
				t.OverseasCVs++
			}
		}
	}
	for _, p := range c.Projects {
		switch p.Source {
		case model.SourceTalent:
			t.TalentProjects++
		case model.SourceDelegation:
			t.DelegationProjects++
			if p.OrgID != nil && c.Orgs[*p.OrgID-1].Foreign {
				t.CISProjects++
			}
		case model.SourceExpert:
			t.ExpertProjects++
		case model.SourceContest:
			t.ContestProjects++
		}
	}
	for _, e := range c.Entries {
		if e.Status == model.EntrySelected {
			t.Selected++
		}
		if e.GrantEligible {
			t.Eligible++
		}
	}
	for _, v := range c.Venues {
		t.VenueAreaM2 += v.AreaM2
	}
	for _, b := range c.Booths {
		t.BoothAreaM2 += b.AreaM2
	}
	for _, m := range c.MeetingRequests {
		if m.Kind == model.MeetingInterview {
			t.InterviewRequests++
		} else {
			t.NegotiationRequests++
		}
	}
	for _, d := range c.Dockings {
		t.DockingsByStage[d.Stage]++
	}
	if c.Previous != nil {
		t.PreviousRows = c.Previous.rows()
	}
	return t
}

// rows counts the rows Load writes for c alone.
func (c *Convention) rows() store.TableCounts {
	return store.TableCounts{
		Editions: 1, Venues: len(c.Venues), Halls: len(c.Halls), Areas: len(c.Areas), Booths: len(c.Booths),
		Fairs: len(c.Fairs), RemoteSessions: len(c.Sessions), Events: len(c.Events),
		Organizations: len(c.Orgs), Users: len(c.Users), Talents: len(c.Talents), Posts: len(c.Posts),
		Applications: len(c.Applications), Visits: len(c.Visits), Projects: len(c.Projects),
		Contests: 1, ContestJudges: len(c.Judges), Entries: len(c.Entries), Scores: len(c.Scores), Dockings: len(c.Dockings),
		Exhibits: len(c.Exhibits),
	}
}

// WithPrevious is what Load writes with LoadOptions.Previous: Rows and
// PreviousRows added up.
func (t Totals) WithPrevious() store.TableCounts {
	a, b := t.Rows, t.PreviousRows
	return store.TableCounts{
		Editions: a.Editions + b.Editions, Venues: a.Venues + b.Venues, Halls: a.Halls + b.Halls, Areas: a.Areas + b.Areas,
		Booths: a.Booths + b.Booths, Fairs: a.Fairs + b.Fairs, RemoteSessions: a.RemoteSessions + b.RemoteSessions,
		Events: a.Events + b.Events, Organizations: a.Organizations + b.Organizations, Users: a.Users + b.Users,
		Talents: a.Talents + b.Talents, Posts: a.Posts + b.Posts, Applications: a.Applications + b.Applications,
		Visits: a.Visits + b.Visits, Projects: a.Projects + b.Projects, Contests: a.Contests + b.Contests,
		ContestJudges: a.ContestJudges + b.ContestJudges, Entries: a.Entries + b.Entries, Scores: a.Scores + b.Scores,
		Dockings: a.Dockings + b.Dockings, Exhibits: a.Exhibits + b.Exhibits,
	}
}

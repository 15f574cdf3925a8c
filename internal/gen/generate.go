package gen

import (
	"math/rand/v2"
	"time"

	"github.com/convene/convene/internal/model"
)

// Counts at scale 1: the seed's figures where it gives one, believable
// choices where it does not (high-skilled talents, students, parks, HR
// firms, investors, judges, contest entries).
const (
	nOverseas         = 3500
	nHighSkilled      = 1500
	nStudents         = 800
	nVideoTalents     = 108 // "nearly 110"
	nExperts          = 12  // "more than 10"
	nEnterprises      = 354
	nGlobal500        = 50
	nPosting          = 335
	nVideoEnterprises = 60
	nDomesticDelegs   = 377 // plus the CIS delegation: 378
	nParks            = 30
	nHRFirms          = 16
	nInvestors        = 20
	nOrganizers       = 4
	nJudges           = 15
	nGates            = 12
	nPosts            = 10400
	nApplications     = 33000
	nVisits           = 131000
	nTalentProjects   = 2100
	nDelegProjects    = 2050
	nCISProjects      = 138
	nExpertProjects   = 164
	nContestProjects  = 420
	nSelected         = 107
	nSelectedDockings = 494
	nPreliminary      = 40
	nCooperative      = 24
	nCISNegotiations  = 97 // "nearly 100"
	nCISIntentions    = 5
	nContracts        = 150
	nDockings         = 3950 // "nearly 4,000"
	nExhibits         = 320  // "more than 300"; at most one per research booth
)

// Generate builds a convention from a seed. Scale multiplies the counts of
// people, organizations and what they do (rounded, at least one of each
// kind); the structure (venues, fairs, sessions, events, the contest, the
// CIS delegation) stays whole. The same seed and scale give the same
// convention, byte for byte: every draw comes from PCG streams keyed by the
// seed, and nothing depends on map iteration order or the clock.
func Generate(seed int64, scale float64) *Convention {
	if scale <= 0 {
		scale = 1
	}
	g := &generator{seed: seed, s: scale, c: &Convention{Seed: seed, Scale: scale}}
	g.structure()
	g.organizations(stream(seed, "organizations"))
	g.staff(stream(seed, "staff"))
	g.members(stream(seed, "members"))
	g.talents(stream(seed, "talents"))
	g.posts(stream(seed, "posts"))
	g.applications(stream(seed, "applications"))
	g.cvs(stream(seed, "cvs")) // cvs.go
	g.visits(stream(seed, "visits"))
	g.projects(stream(seed, "projects"))
	g.contest(stream(seed, "contest"))
	g.dockings(stream(seed, "dockings"))
	g.meetingRequests(stream(seed, "meetings"))
	g.logins()
	g.exhibits(stream(seed, "exhibits")) // after logins: contacts are final addresses
	g.previous(stream(seed, "previous")) // previous.go: last of all, from this edition's records
	return g.c
}

type generator struct {
	seed int64
	s    float64
	c    *Convention

	// organization local ids by kind
	organizer                      int64
	enterprises, posting, video    []int64
	delegations                    []int64 // domestic; the first ones are provincial
	provincial                     int     // how many of delegations are provincial
	cis                            int64
	parks, hrFirms, investors      []int64
	orgField                       []int // by org id-1; -1 when none
	orgCity                        []int // by org id-1
	orgMembers                     [][]int64
	judges, gates, organizerUsers  []int64
	overseas, highSkilled, student []int64 // talent ids
	talentField                    []int   // by talent id-1
	applicants                     []bool  // by talent id-1
}

func (g *generator) n(base int) int { return scaled(base, g.s) }

// before returns a time days before the first day plus some minutes.
func before(r *rand.Rand, minDays, maxDays int) time.Time {
	return day1.AddDate(0, 0, -between(r, minDays, maxDays)).Add(time.Duration(between(r, 8*60, 22*60)) * time.Minute).Add(-8 * time.Hour)
}

func (g *generator) addOrg(o model.Organization, field, city int) int64 {
	o.ID = int64(len(g.c.Orgs) + 1)
	g.c.Orgs = append(g.c.Orgs, o)
	g.orgField = append(g.orgField, field)
	g.orgCity = append(g.orgCity, city)
	g.orgMembers = append(g.orgMembers, nil)
	return o.ID
}

func (g *generator) addUser(u model.User) int64 {
	u.ID = int64(len(g.c.Users) + 1)
	g.c.Users = append(g.c.Users, u)
	if u.OrgID != nil {
		g.orgMembers[*u.OrgID-1] = append(g.orgMembers[*u.OrgID-1], u.ID)
	}
	return u.ID
}

func ptr(v int64) *int64 { return &v }

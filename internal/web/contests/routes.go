package contests

import "github.com/convene/convene/internal/web/route"

// Routes: contests for organizers (set-up, judges, assignment, close,
// review, advancing the top entries to the next round, selection), owners
// (talents and delegations: projects, editing them and their decks,
// entering, withdrawing), the projects' catalogue and pages (enterprises,
// delegations, organizers), judges (their sheets, conflicts, scoring) and
// policies, and their API.
func (a *Area) Routes() []route.Route {
	org := route.Only(route.Organizer)
	judge := route.Only(route.Judge)
	owner := route.Only(route.Talent, route.Delegation)
	ownerOrg := route.Only(route.Talent, route.Delegation, route.Organizer)
	all := route.Only(route.Organizer, route.Judge, route.Talent, route.Delegation)
	// The catalogue's readers: enterprises (parks and investors are
	// enterprise accounts of those kinds), delegations, organizers; a
	// project's page also to its talent.
	readers := route.Only(route.Enterprise, route.Delegation, route.Organizer)
	viewers := route.Only(route.Enterprise, route.Delegation, route.Organizer, route.Talent)
	return []route.Route{
		{Pattern: "GET /contests", Access: all, Handle: a.listPage},
		{Pattern: "GET /contests/new", Access: org, Handle: a.newPage},
		{Pattern: "POST /contests", Access: org, Handle: a.create},
		{Pattern: "GET /contests/{id}", Access: all, Handle: a.contestPage},
		{Pattern: "GET /contests/{id}/edit", Access: org, Handle: a.editPageContest},
		{Pattern: "POST /contests/{id}/edit", Access: org, Handle: a.update},
		{Pattern: "POST /contests/{id}/judges", Access: org, Handle: a.inviteJudge},
		{Pattern: "POST /contests/{id}/assign", Access: org, Handle: a.autoAssign},
		{Pattern: "GET /contests/{id}/assignment", Access: org, Handle: a.assignmentPage},
		{Pattern: "POST /contests/{id}/assignment", Access: org, Handle: a.adjust},
		{Pattern: "POST /contests/{id}/close", Access: org, Handle: a.closeRound},
		{Pattern: "GET /contests/{id}/review", Access: org, Handle: a.reviewPage},
		{Pattern: "POST /contests/{id}/advance", Access: org, Handle: a.advance},
		{Pattern: "POST /contests/{id}/select", Access: org, Handle: a.selectTop},
		{Pattern: "POST /contests/{id}/publish", Access: org, Handle: a.publish},
		{Pattern: "POST /contests/{id}/contacts", Access: org, Handle: a.showContacts},

		{Pattern: "GET /my/projects", Access: owner, Handle: a.myProjects},
		{Pattern: "POST /my/projects", Access: owner, Handle: a.createProject},
		{Pattern: "GET /projects/{id}/contests", Access: ownerOrg, Handle: a.projectPage},
		{Pattern: "POST /contests/{id}/enter", Access: owner, Handle: a.enter},
		{Pattern: "POST /entries/{id}/withdraw", Access: owner, Handle: a.withdraw},
		{Pattern: "POST /projects/{id}/withdraw", Access: ownerOrg, Handle: a.withdrawProject},
		{Pattern: "GET /projects/{id}/edit", Access: ownerOrg, Handle: a.editPage},
		{Pattern: "POST /projects/{id}/edit", Access: ownerOrg, Handle: a.editSave},
		{Pattern: "POST /projects/{id}/deck", Access: ownerOrg, Handle: a.deckUpload, MaxBody: deckBody},
		{Pattern: "GET /projects/{id}/deck", Access: viewers, Handle: a.deckDownload},
		{Pattern: "GET /projects", Access: readers, Handle: a.catalogPage},
		{Pattern: "GET /projects/{id}", Access: viewers, Handle: a.detailPage},

		{Pattern: "GET /contests/{id}/judge", Access: judge, Handle: a.sheetsPage},
		{Pattern: "GET /entries/{id}/score", Access: judge, Handle: a.scorePage},
		{Pattern: "POST /entries/{id}/score", Access: judge, Handle: a.score},
		{Pattern: "POST /entries/{id}/conflict", Access: judge, Handle: a.declareConflict},
		{Pattern: "POST /contests/{id}/conflicts", Access: judge, Handle: a.preDeclare},

		{Pattern: "GET /policies", Access: org, Handle: a.policiesPage},
		{Pattern: "POST /policies", Access: org, Handle: a.createPolicy},
		{Pattern: "GET /policies/{id}", Access: org, Handle: a.policyPage},

		{Pattern: "GET /api/v1/contests/{id}/ranking", Access: org, Handle: a.apiRanking},
		{Pattern: "PUT /api/v1/entries/{id}/scores", Access: judge, Handle: a.apiScores},
		{Pattern: "POST /api/v1/policies", Access: org, Handle: a.apiCreatePolicy},
		{Pattern: "GET /api/v1/projects/{id}/policies", Access: ownerOrg, Handle: a.apiProjectPolicies},
		{Pattern: "POST /api/v1/projects/{id}/withdraw", Access: ownerOrg, Handle: a.apiWithdrawProject},
	}
}

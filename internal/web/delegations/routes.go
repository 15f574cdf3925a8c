package delegations

import "github.com/convene/convene/internal/web/route"

// Routes: a delegation's page, invitations and export; the organizer's
// side-by-side view and export, and import of a delegation's members from
// a file (with its template); the figures' API.
func (a *Area) Routes() []route.Route {
	deleg := route.Only(route.Delegation)
	org := route.Only(route.Organizer)
	both := route.Only(route.Delegation, route.Organizer)
	return []route.Route{
		{Pattern: "GET /delegation", Access: deleg, Handle: a.ownPage},
		{Pattern: "POST /delegation/members", Access: deleg, Handle: a.invite},
		{Pattern: "GET /delegation/figures.csv", Access: deleg, Handle: a.exportOwn},
		{Pattern: "GET /admin/delegations", Access: org, Handle: a.sideBySide},
		{Pattern: "GET /admin/delegations.csv", Access: org, Handle: a.exportAll},
		{Pattern: "GET /admin/delegations/import", Access: org, Handle: a.importForm},
		{Pattern: "POST /admin/delegations/import", Access: org, Handle: a.importMembers},
		{Pattern: "GET /admin/delegations/template.xlsx", Access: org, Handle: a.importTemplate},
		{Pattern: "GET /api/v1/delegations/figures", Access: both, Handle: a.apiFigures},
	}
}

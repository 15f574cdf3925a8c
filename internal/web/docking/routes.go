package docking

import "github.com/convene/convene/internal/web/route"

// Routes: the board, a docking's page and its moves, the negotiation
// request, the funnel (organizers), the projects import and the API.
func (a *Area) Routes() []route.Route {
	party := route.Only(route.Organizer, route.Delegation, route.Enterprise, route.Talent)
	sides := route.Only(route.Delegation, route.Enterprise, route.Talent)
	org := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /dockings", Access: party, Handle: a.board},
		{Pattern: "GET /dockings/request", Access: sides, Handle: a.requestForm},
		{Pattern: "POST /dockings/request", Access: sides, Handle: a.requestCreate},
		{Pattern: "GET /dockings/funnel", Access: org, Handle: a.funnelPage},
		{Pattern: "GET /dockings/export.csv", Access: org, Handle: a.export},
		{Pattern: "GET /dockings/export.xlsx", Access: org, Handle: a.exportXLSX},
		{Pattern: "GET /admin/projects/import", Access: org, Handle: a.importForm},
		{Pattern: "POST /admin/projects/import", Access: org, Handle: a.importProjects},
		{Pattern: "GET /admin/projects/template.xlsx", Access: org, Handle: a.importTemplate},
		{Pattern: "GET /dockings/{id}", Access: party, Handle: a.page},
		{Pattern: "POST /dockings/{id}/propose", Access: sides, Handle: a.propose},
		{Pattern: "POST /dockings/{id}/confirm", Access: sides, Handle: a.confirm},
		{Pattern: "POST /dockings/{id}/reject", Access: sides, Handle: a.reject},
		{Pattern: "POST /dockings/{id}/record", Access: org, Handle: a.record},
		{Pattern: "GET /api/v1/dockings/funnel", Access: org, Handle: a.apiFunnel},
		{Pattern: "GET /api/v1/dockings/board", Access: party, Handle: a.apiBoard},
	}
}

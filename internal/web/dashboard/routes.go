package dashboard

import "github.com/convene/convene/internal/web/route"

// Routes: the dashboard, its stream and the figures for organizers; the
// big screen and its stream for anyone (the counters are public figures).
func (a *Area) Routes() []route.Route {
	org := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /admin/dashboard", Access: org, Handle: a.dashboardPage},
		{Pattern: "GET /admin/dashboard/stream", Access: org, Handle: a.stream},
		{Pattern: "GET /admin/dashboard/figures", Access: org, Handle: a.figuresPage},
		{Pattern: "GET /admin/edition", Access: org, Handle: a.editionsPage},
		{Pattern: "POST /admin/edition", Access: org, Handle: a.switchEdition},
		{Pattern: "GET /screen", Access: route.Anyone, Handle: a.screenPage},
		{Pattern: "GET /screen/stream", Access: route.Anyone, Handle: a.screenStream},
		{Pattern: "GET /dashboard/live.js", Access: route.Anyone, Handle: a.script},
		{Pattern: "GET /dashboard/dash.css", Access: route.Anyone, Handle: a.style},
		{Pattern: "GET /api/v1/dashboard", Access: org, Handle: a.apiLive},
		{Pattern: "GET /api/v1/figures/edition", Access: org, Handle: a.apiFigures},
	}
}

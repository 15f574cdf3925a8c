package report

import "github.com/convene/convene/internal/web/route"

// Routes: organizers see the draft (today's figures), print it and publish
// it; anyone reads the published report, its PDF and its JSON.
func (a *Area) Routes() []route.Route {
	org := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /admin/reports/{id}", Access: org, Handle: a.draftPage},
		{Pattern: "GET /admin/reports/{id}/pdf", Access: org, Handle: a.draftPDF},
		{Pattern: "POST /admin/reports/{id}/publish", Access: org, Handle: a.publish},
		{Pattern: "GET /reports/{id}", Access: route.Anyone, Handle: a.publishedPage},
		{Pattern: "GET /reports/{id}/pdf", Access: route.Anyone, Handle: a.publishedPDF},
		{Pattern: "GET /report/report.css", Access: route.Anyone, Handle: a.style},
		{Pattern: "GET /api/v1/reports/{id}", Access: route.Anyone, Handle: a.apiPublished},
		{Pattern: "POST /api/v1/reports/{id}/publish", Access: org, Handle: a.apiPublish},
	}
}

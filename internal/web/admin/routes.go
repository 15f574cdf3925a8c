package admin

import "github.com/convene/convene/internal/web/route"

// Routes are the set-up pages (organizers only) and their API; reading
// editions, venues, fairs and sessions through the API is public.
func (a *Area) Routes() []route.Route {
	org := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /admin", Access: org, Handle: a.home},
		{Pattern: "GET /admin/editions", Access: org, Handle: a.editionList},
		{Pattern: "GET /admin/editions/new", Access: org, Handle: a.editionNew},
		{Pattern: "POST /admin/editions", Access: org, Handle: a.editionCreate},
		{Pattern: "GET /admin/editions/{id}", Access: org, Handle: a.editionPage},
		{Pattern: "POST /admin/editions/{id}", Access: org, Handle: a.editionUpdate},
		{Pattern: "POST /admin/editions/{id}/venues", Access: org, Handle: a.venueCreate},
		{Pattern: "POST /admin/editions/{id}/fairs", Access: org, Handle: a.fairCreate},
		{Pattern: "POST /admin/venues/{id}", Access: org, Handle: a.venueUpdate},
		{Pattern: "POST /admin/fairs/{id}", Access: org, Handle: a.fairUpdate},
		{Pattern: "POST /admin/fairs/{id}/sessions", Access: org, Handle: a.sessionCreate},
		{Pattern: "GET /admin/orgs", Access: org, Handle: a.orgList},
		{Pattern: "GET /admin/talents", Access: org, Handle: a.talentList},
		{Pattern: "POST /admin/orgs/{id}/status", Access: org, Handle: a.orgStatus},
		{Pattern: "GET /admin/search", Access: org, Handle: a.search},
		{Pattern: "GET /admin/audit", Access: org, Handle: a.audit},

		{Pattern: "GET /api/v1/editions", Access: route.Anyone, Handle: a.apiEditions},
		{Pattern: "POST /api/v1/editions", Access: org, Handle: a.apiEditionCreate},
		{Pattern: "GET /api/v1/editions/{id}", Access: route.Anyone, Handle: a.apiEdition},
		{Pattern: "PUT /api/v1/editions/{id}", Access: org, Handle: a.apiEditionUpdate},
		{Pattern: "GET /api/v1/editions/{id}/venues", Access: route.Anyone, Handle: a.apiVenues},
		{Pattern: "POST /api/v1/editions/{id}/venues", Access: org, Handle: a.apiVenueCreate},
		{Pattern: "GET /api/v1/editions/{id}/fairs", Access: route.Anyone, Handle: a.apiFairs},
		{Pattern: "POST /api/v1/editions/{id}/fairs", Access: org, Handle: a.apiFairCreate},
		{Pattern: "GET /api/v1/fairs/{id}/sessions", Access: route.Anyone, Handle: a.apiSessions},
		{Pattern: "POST /api/v1/fairs/{id}/sessions", Access: org, Handle: a.apiSessionCreate},
		{Pattern: "PUT /api/v1/venues/{id}", Access: org, Handle: a.apiVenueUpdate},
		{Pattern: "PUT /api/v1/fairs/{id}", Access: org, Handle: a.apiFairUpdate},
		{Pattern: "GET /api/v1/organizations", Access: org, Handle: a.apiOrgs},
		{Pattern: "POST /api/v1/organizations/{id}/status", Access: org, Handle: a.apiOrgStatus},
		{Pattern: "GET /api/v1/search", Access: org, Handle: a.apiSearch},
	}
}

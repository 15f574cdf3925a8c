package meetings

import "github.com/convene/convene/internal/web/route"

// Routes: requests and availability for the two sides, agendas for
// everyone, slots, tables, runs and table cards for organizers.
func (a *Area) Routes() []route.Route {
	sides := route.Only(route.Talent, route.Enterprise, route.Delegation)
	organizer := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /me/meetings", Access: sides, Handle: a.meetingsPage},
		{Pattern: "POST /me/meetings/requests", Access: sides, Handle: a.requestCreate},
		{Pattern: "POST /me/meetings/requests/{id}/accept", Access: sides, Handle: a.requestAnswer(true)},
		{Pattern: "POST /me/meetings/requests/{id}/decline", Access: sides, Handle: a.requestAnswer(false)},
		{Pattern: "POST /me/meetings/requests/{id}/cancel", Access: sides, Handle: a.requestCancel},
		{Pattern: "POST /me/availability", Access: sides, Handle: a.availabilitySave},
		{Pattern: "GET /me/agenda", Access: route.SignedIn, Handle: a.agendaPage},
		{Pattern: "GET /me/agenda.ics", Access: route.SignedIn, Handle: a.agendaICS},

		{Pattern: "GET /admin/meetings", Access: organizer, Handle: a.adminPage},
		{Pattern: "POST /admin/meetings/slots", Access: organizer, Handle: a.slotsCreate},
		{Pattern: "POST /admin/meetings/tables", Access: organizer, Handle: a.tableCreate},
		{Pattern: "POST /admin/meetings/run", Access: organizer, Handle: a.runCreate},
		{Pattern: "POST /admin/meetings/runs/{id}/publish", Access: organizer, Handle: a.runPublish},
		{Pattern: "GET /admin/tables/cards", Access: organizer, Handle: a.tableCards},

		{Pattern: "GET /api/v1/meetings/requests", Access: sides, Handle: a.apiRequests},
		{Pattern: "POST /api/v1/meetings/requests", Access: sides, Handle: a.apiRequestCreate},
		{Pattern: "GET /api/v1/meetings/requests/{id}", Access: sides, Handle: a.apiRequest},
		{Pattern: "POST /api/v1/meetings/requests/{id}/accept", Access: sides, Handle: a.apiRequestAnswer(true)},
		{Pattern: "POST /api/v1/meetings/requests/{id}/decline", Access: sides, Handle: a.apiRequestAnswer(false)},
		{Pattern: "POST /api/v1/meetings/requests/{id}/cancel", Access: sides, Handle: a.apiRequestCancel},
		{Pattern: "GET /api/v1/me/availability", Access: sides, Handle: a.apiAvailability},
		{Pattern: "PUT /api/v1/me/availability", Access: sides, Handle: a.apiAvailabilitySave},
		{Pattern: "GET /api/v1/me/agenda", Access: route.SignedIn, Handle: a.apiAgenda},
		{Pattern: "POST /api/v1/meetings/slots", Access: organizer, Handle: a.apiSlotsCreate},
		{Pattern: "POST /api/v1/meetings/tables", Access: organizer, Handle: a.apiTableCreate},
		{Pattern: "POST /api/v1/meetings/runs", Access: organizer, Handle: a.apiRunCreate},
		{Pattern: "POST /api/v1/meetings/runs/{id}/publish", Access: organizer, Handle: a.apiRunPublish},
	}
}

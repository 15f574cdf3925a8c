package events

import (
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/route"
)

// Routes: the agenda and event pages for anyone, registration for the
// signed-in, editing for organizers, and their API.
func (a *Area) Routes() []route.Route {
	org := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /events", Access: route.Anyone, Handle: a.agendaPage},
		{Pattern: "GET /events/{id}", Access: route.Anyone, Handle: a.eventPage},
		{Pattern: "POST /events/{id}/register", Access: route.SignedIn, Handle: a.registerPost},
		{Pattern: "POST /events/{id}/cancel", Access: route.SignedIn, Handle: a.cancelPost},
		{Pattern: "POST /events/{id}/accept", Access: route.SignedIn, Handle: a.acceptPost},
		{Pattern: "GET /me/events.ics", Access: route.SignedIn, Handle: a.myICS},

		{Pattern: "GET /admin/events", Access: org, Handle: a.adminPage},
		{Pattern: "GET /admin/events/new", Access: org, Handle: a.newForm},
		{Pattern: "GET /admin/events/import", Access: org, Handle: a.importForm},
		{Pattern: "POST /admin/events/import", Access: org, Handle: a.importEvents},
		{Pattern: "GET /admin/events/template.xlsx", Access: org, Handle: a.importTemplate},
		{Pattern: "POST /admin/events", Access: org, Handle: a.createPost},
		{Pattern: "GET /admin/events/{id}/edit", Access: org, Handle: a.editForm},
		{Pattern: "POST /admin/events/{id}", Access: org, Handle: a.updatePost},
		{Pattern: "GET /admin/events/{id}/boarding", Access: org, Handle: a.boardingPage},
		{Pattern: "GET /admin/speakers", Access: org, Handle: a.speakersPage},
		{Pattern: "POST /admin/speakers", Access: org, Handle: a.speakerSave, MaxBody: store.MaxPhoto + 64<<10},
		{Pattern: "GET /speakers/{id}/photo", Access: route.Anyone, Handle: a.speakerPhoto},

		{Pattern: "GET /api/v1/events", Access: route.Anyone, Handle: a.apiEvents},
		{Pattern: "GET /api/v1/events/{id}", Access: route.Anyone, Handle: a.apiEvent},
		{Pattern: "POST /api/v1/events", Access: org, Handle: a.apiCreate},
		{Pattern: "PUT /api/v1/events/{id}", Access: org, Handle: a.apiUpdate},
		{Pattern: "POST /api/v1/events/{id}/register", Access: route.SignedIn, Handle: a.apiRegister},
		{Pattern: "POST /api/v1/events/{id}/cancel", Access: route.SignedIn, Handle: a.apiCancel},
		{Pattern: "POST /api/v1/events/{id}/accept", Access: route.SignedIn, Handle: a.apiAccept},
		{Pattern: "GET /api/v1/events/{id}/registrations", Access: org, Handle: a.apiRegistrations},
	}
}

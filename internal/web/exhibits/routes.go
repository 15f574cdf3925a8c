package exhibits

import "github.com/convene/convene/internal/web/route"

// Routes: the catalogue and each exhibit's page and QR (anyone), the
// contact form (anyone: visitors at the booth may not have an account),
// the owner's messages and turning one into a docking, the organizers'
// import from a file and its template, the API.
func (a *Area) Routes() []route.Route {
	org := route.Only(route.Organizer)
	// An exhibit file's summaries in two languages pass the 1 MiB default
	// at a few hundred rows (the seed's 300 expert programmes); a booth
	// plan's 8 MiB bounds it as well.
	return []route.Route{
		{Pattern: "GET /exhibits", Access: route.Anyone, Handle: a.catalogue},
		{Pattern: "GET /exhibits/{id}", Access: route.Anyone, Handle: a.page},
		{Pattern: "GET /exhibits/{id}/qr.png", Access: route.Anyone, Handle: a.qrImage},
		{Pattern: "POST /exhibits/{id}/contact", Access: route.Anyone, Handle: a.contact},
		{Pattern: "GET /me/exhibits", Access: route.SignedIn, Handle: a.messages},
		{Pattern: "POST /me/exhibits/messages/{id}/docking", Access: route.SignedIn, Handle: a.toDocking},
		{Pattern: "GET /admin/exhibits/import", Access: org, Handle: a.importForm},
		{Pattern: "POST /admin/exhibits/import", Access: org, Handle: a.importExhibits, MaxBody: 8 << 20},
		{Pattern: "GET /admin/exhibits/template.xlsx", Access: org, Handle: a.importTemplate},
		{Pattern: "GET /api/v1/exhibits", Access: route.Anyone, Handle: a.apiCatalogue},
	}
}

package checkin

import "github.com/convene/convene/internal/web/route"

// Routes: a participant's own badge; the gate page and its API for gate
// staff and organizers (only they record scans); badges, sheets and the
// gates' view for organizers; the page's script and style for anyone.
func (a *Area) Routes() []route.Route {
	staff := route.Only(route.Gate, route.Organizer)
	org := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /me/badge", Access: route.SignedIn, Handle: a.badgePage},
		{Pattern: "POST /me/badge", Access: route.SignedIn, Handle: a.badgeIssue},
		{Pattern: "GET /checkin/static/", Access: route.Anyone, Handle: a.static},
		{Pattern: "GET /me/badge-sw.js", Access: route.Anyone, Handle: a.serviceWorker},

		{Pattern: "GET /gate", Access: staff, Handle: a.gateList},
		{Pattern: "GET /gate/{id}", Access: staff, Handle: a.gatePage},

		{Pattern: "GET /admin/gates", Access: org, Handle: a.gatesAdmin},
		{Pattern: "POST /admin/gates", Access: org, Handle: a.gateCreate},
		{Pattern: "POST /admin/badges/issue", Access: org, Handle: a.badgesIssue},
		{Pattern: "POST /admin/badges/{id}/reissue", Access: org, Handle: a.badgeReissue},
		{Pattern: "GET /admin/badges/sheet", Access: org, Handle: a.sheetPage},
		{Pattern: "GET /admin/badges/sheet.pdf", Access: org, Handle: a.sheetPDF},

		{Pattern: "GET /api/v1/me/badge", Access: route.SignedIn, Handle: a.apiBadge},
		{Pattern: "GET /api/v1/gates/{id}/config", Access: staff, Handle: a.apiConfig},
		{Pattern: "POST /api/v1/gates/{id}/scans", Access: staff, Handle: a.apiScans, MaxBody: 8 << 20},
		{Pattern: "GET /api/v1/gates/stats", Access: org, Handle: a.apiStats},
	}
}

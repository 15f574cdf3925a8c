package video

import (
	"io/fs"
	"net/http"

	"github.com/convene/convene/internal/web/route"
)

// Routes: the room (page, stream, signaling, chat) for signed-in people —
// the handlers let in only the meeting's sides and organizers — its
// script for anyone, and the organizer's external links.
func (a *Area) Routes() []route.Route {
	organizer := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /video/room.js", Access: route.Anyone, Handle: a.asset("static/room.js", "text/javascript; charset=utf-8")},
		{Pattern: "GET /video/room.css", Access: route.Anyone, Handle: a.asset("static/room.css", "text/css; charset=utf-8")},
		{Pattern: "GET /video/{id}", Access: route.SignedIn, Handle: a.page},
		{Pattern: "GET /video/{id}/events", Access: route.SignedIn, Handle: a.stream},
		{Pattern: "POST /video/{id}/signal", Access: route.SignedIn, Handle: a.signal, MaxBody: maxSignal + 1024},
		{Pattern: "POST /video/{id}/chat", Access: route.SignedIn, Handle: a.chat, MaxBody: 16 << 10},
		{Pattern: "GET /admin/video", Access: organizer, Handle: a.adminPage},
		{Pattern: "POST /admin/video/rooms/{id}/link", Access: organizer, Handle: a.adminLink},
		{Pattern: "GET /api/v1/video/{id}", Access: route.SignedIn, Handle: a.apiRoom},
		{Pattern: "PUT /api/v1/video/rooms/{id}/link", Access: organizer, Handle: a.apiLink},
	}
}

// asset serves the room's script or style from the area (no build step;
// files, so the CSP's script-src and style-src 'self' hold).
func (a *Area) asset(name, ctype string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	}
}

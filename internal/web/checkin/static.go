package checkin

import (
	"io/fs"
	"net/http"
)

// static serves the area's script and style (no build step, no
// third-party code).
func (a *Area) static(w http.ResponseWriter, r *http.Request) {
	sub, _ := fs.Sub(staticFS, "static")
	w.Header().Set("Cache-Control", "no-cache")
	http.StripPrefix("/checkin/static/", http.FileServerFS(sub)).ServeHTTP(w, r)
}

// serviceWorker is served from /me/ so that it may keep /me/badge.
func (a *Area) serviceWorker(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(staticFS, "static/badge-sw.js")
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}

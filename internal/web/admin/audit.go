package admin

import "net/http"

// auditShown is how many of the latest audit entries the page lists.
const auditShown = 100

func (a *Area) audit(w http.ResponseWriter, r *http.Request) {
	entries, err := a.DB.AuditEntries(r.Context(), auditShown)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "audit", a.Render.View(r, "audit.title", entries))
}

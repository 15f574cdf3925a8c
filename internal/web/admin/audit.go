package admin

import "net/http"

// auditShown is how many of the latest audit entries the page lists.
const auditShown = 100

func (a *Area) audit(w http.ResponseWriter, r *http.Request) {
	entries, err := a.DB.AuditEntries(r.Context(), auditShown)
	a.Render.Show(w, r, "audit", "audit.title", entries, err)
}

package admin

import "net/http"

// auditShown is how many of the latest audit entries the page lists.
const auditShown = 100

func (a *Area) audit(w http.ResponseWriter, r *http.Request) {
	entries, err := a.db.AuditEntries(r.Context(), auditShown)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	a.rd.Page(w, r, http.StatusOK, "audit", a.rd.View(r, "audit.title", entries))
}

package dashboard

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type editionsData struct {
	Editions []model.Edition
	Chosen   int64
}

// editionsPage is the edition switcher the navigation links to: every
// edition, the chosen one marked, with its dashboard, figures and report.
func (a *Area) editionsPage(w http.ResponseWriter, r *http.Request) {
	eds, err := a.DB.ListEditions(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := editionsData{Editions: eds}
	if e, err := a.edition(r); err == nil {
		d.Chosen = e.ID
	}
	a.Render.Page(w, r, http.StatusOK, "dash_editions", a.Render.View(r, "live.editions", d))
}

// switchEdition remembers the chosen edition for the organizer's pages
// (a cookie: it changes nothing stored) and goes back.
func (a *Area) switchEdition(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PostFormValue("edition_id"), 10, 64)
	e, err := a.DB.Edition(r.Context(), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: EditionCookie, Value: itoa(e.ID), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.SecureCookies, MaxAge: 180 * 24 * 3600})
	render.SetFlash(w, "live.switched")
	next := "/admin/dashboard"
	if n := r.PostFormValue("next"); n != "" {
		next = request.SafeNext(n)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

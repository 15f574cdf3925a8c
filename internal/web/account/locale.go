package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// setLang switches the language: remembered on the account when signed in,
// in a cookie otherwise. Works as a plain form post, no script needed.
func (a *Area) setLang(w http.ResponseWriter, r *http.Request) {
	l := r.FormValue("locale")
	if !model.ValidLocale(l) {
		a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.invalid", "locale", "err.choice"))
		return
	}
	if u := request.User(r); u != nil {
		if err := a.DB.SetLocale(r.Context(), u.ID, l); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		a.Sessions.Forget(r)
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: a.SecureCookies})
	http.Redirect(w, r, request.SafeNext(r.FormValue("next")), http.StatusSeeOther)
}

type localeInput struct {
	Locale string `json:"locale"`
}

func (a *Area) apiSetLocale(w http.ResponseWriter, r *http.Request) {
	var in localeInput
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u := request.User(r)
	if err := a.DB.SetLocale(r.Context(), u.ID, in.Locale); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Sessions.Forget(r)
	u.Locale = in.Locale
	render.JSON(w, http.StatusOK, jsonview.UserOf(*u))
}

func (a *Area) apiMe(w http.ResponseWriter, r *http.Request) {
	render.JSON(w, http.StatusOK, jsonview.UserOf(*request.User(r)))
}

package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) loginForm(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "login.title", nil)
	v.Form.Set("next", r.URL.Query().Get("next"))
	a.Render.Page(w, r, http.StatusOK, "login", v)
}

func (a *Area) login(w http.ResponseWriter, r *http.Request) {
	if err := request.Form(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u, err := a.authenticate(w, r, r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		if c := model.ErrorCode(err); c == model.Unauthorized || c == model.TooMany {
			v := a.Render.View(r, "login.title", nil)
			v.Form = r.PostForm
			v.Form.Del("password")
			v.Flash = a.Render.T(v.L, model.AsError(err).Key)
			a.Render.Page(w, r, render.Status(err), "login", v)
			return
		}
		a.Render.Fail(w, r, err)
		return
	}
	if err := a.Sessions.SignIn(w, r, u); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, request.SafeNext(r.PostForm.Get("next")), http.StatusSeeOther)
}

func (a *Area) logout(w http.ResponseWriter, r *http.Request) {
	if err := a.Sessions.SignOut(w, r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

type loginInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (a *Area) apiLogin(w http.ResponseWriter, r *http.Request) {
	var in loginInput
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u, err := a.authenticate(w, r, in.Email, in.Password)
	a.signInJSON(w, r, u, err, http.StatusOK)
}

// signInJSON starts u's session and answers u with code, unless err (from
// finding or creating u) says otherwise.
func (a *Area) signInJSON(w http.ResponseWriter, r *http.Request, u model.User, err error, code int) {
	if err == nil {
		err = a.Sessions.SignIn(w, r, u)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, code, jsonview.UserOf(u))
}

func (a *Area) apiLogout(w http.ResponseWriter, r *http.Request) {
	if err := a.Sessions.SignOut(w, r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

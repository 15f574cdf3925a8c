package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// The security page: change the password, sign out everywhere. Both end
// the user's other sessions on every instance at once (session.Manager).

type passwordInput struct {
	Current string `json:"current_password"`
	New     string `json:"new_password"`
}

func (a *Area) securityPage(w http.ResponseWriter, r *http.Request) {
	a.Render.Page(w, r, http.StatusOK, "security", a.Render.View(r, "security.title", nil))
}

// changePassword checks the current password (counted like a sign-in, so
// a stolen session cannot guess it), then replaces the hash and ends the
// user's other sessions in one transaction.
func (a *Area) changePassword(w http.ResponseWriter, r *http.Request, in passwordInput) error {
	ctx := r.Context()
	u := request.User(r)
	p := model.Problems{}
	if n := len([]rune(in.New)); n < 10 || n > 200 {
		p.Add("new_password", "err.password_short")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if _, err := a.authenticate(w, r, u.Email, in.Current); err != nil {
		if model.ErrorCode(err) == model.Unauthorized {
			return model.Errorf(model.Invalid, "err.invalid", "current_password", "err.bad_password")
		}
		return err
	}
	old, err := a.DB.PasswordHash(ctx, u.ID)
	if err != nil {
		return err
	}
	hash, err := password.Hash(in.New)
	if err != nil {
		return err
	}
	if err := a.DB.ChangePassword(ctx, u.ID, old, hash, request.From(r).Token); err != nil {
		return err
	}
	a.Sessions.Revoked(r, u.ID)
	return nil
}

func (a *Area) passwordSave(w http.ResponseWriter, r *http.Request) {
	var in passwordInput
	err := request.Read(r, &in)
	if err == nil {
		err = a.changePassword(w, r, in)
	}
	if err != nil {
		a.Render.FormError(w, r, "security", "security.title", err, nil)
		return
	}
	render.SetFlash(w, "security.password_changed")
	http.Redirect(w, r, "/me/security", http.StatusSeeOther)
}

func (a *Area) apiPasswordSave(w http.ResponseWriter, r *http.Request) {
	var in passwordInput
	err := request.ReadJSON(r, &in)
	if err == nil {
		err = a.changePassword(w, r, in)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *Area) signOutEverywhere(w http.ResponseWriter, r *http.Request) {
	if err := a.Sessions.SignOutEverywhere(w, r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "security.signed_out_everywhere")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (a *Area) apiSignOutEverywhere(w http.ResponseWriter, r *http.Request) {
	if err := a.Sessions.SignOutEverywhere(w, r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

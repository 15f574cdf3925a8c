package delegations

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"

	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type inviteInput struct {
	Email  string `json:"email"`
	Name   string `json:"name"`
	Locale string `json:"locale"`
}

// invite: the lead adds a member; the page shows the member's first
// password once, for the lead to pass on (the member changes it).
func (a *Area) invite(w http.ResponseWriter, r *http.Request) {
	org, err := myDelegation(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in inviteInput
	pw := firstPassword()
	err = request.Read(r, &in)
	var hash string
	if err == nil {
		hash, err = password.Hash(pw)
	}
	if err == nil {
		m, ierr := a.DB.InviteMember(r.Context(), store.InviteInput{OrgID: org, ByUserID: request.User(r).ID, Email: in.Email, Name: in.Name, Locale: in.Locale}, hash)
		err = ierr
		if err == nil {
			d, derr := a.loadOwn(r)
			if derr != nil {
				a.Render.Fail(w, r, derr)
				return
			}
			d.Invited, d.Password = &m, pw
			v := a.Render.View(r, "delegations.own", d)
			v.Flash = a.Render.T(v.L, "flash.delegations.invited")
			a.Render.Page(w, r, http.StatusCreated, "delegation_page", v)
			return
		}
	}
	d, derr := a.loadOwn(r)
	if derr != nil {
		a.Render.Fail(w, r, derr)
		return
	}
	a.Render.FormError(w, r, "delegation_page", "delegations.own", err, d)
}

func firstPassword() string {
	b := make([]byte, 12)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

package exhibits

import (
	"net/http"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type contactInput struct {
	FromName string `json:"from_name"`
	FromOrg  string `json:"from_org"`
	ReplyTo  string `json:"reply_to"`
	Body     string `json:"body"`
}

// contact: a visitor's message, relayed to the owner.
func (a *Area) contact(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in contactInput
	err = request.Read(r, &in)
	if err == nil {
		m := store.MessageInput{ExhibitID: id, FromName: in.FromName, FromOrg: in.FromOrg, ReplyTo: in.ReplyTo, Body: in.Body}
		if u := request.User(r); u != nil {
			m.FromUserID = u.ID
		}
		_, err = a.DB.RelayMessage(r.Context(), m)
	}
	if err != nil {
		d, derr := a.loadPage(r)
		if derr != nil {
			a.Render.Fail(w, r, derr)
			return
		}
		a.Render.FormError(w, r, "exhibit_page", "exhibits.page", err, d)
		return
	}
	render.SetFlash(w, "flash.exhibits.sent")
	http.Redirect(w, r, "/exhibits/"+itoa(id), http.StatusSeeOther)
}

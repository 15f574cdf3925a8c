package exhibits

import (
	"net/http"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type messagesData struct {
	Mine     []store.ExhibitView
	Messages []store.ExhibitMessage
}

// messages: the owner's exhibits and the messages relayed to them.
func (a *Area) messages(w http.ResponseWriter, r *http.Request) {
	u := request.User(r)
	var d messagesData
	var err error
	if d.Mine, err = a.DB.Exhibits(r.Context(), store.ExhibitFilter{OwnerUserID: u.ID, Limit: 200}); err == nil {
		d.Messages, err = a.DB.MessagesTo(r.Context(), u.ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "exhibit_messages", a.Render.View(r, "exhibits.messages", d))
}

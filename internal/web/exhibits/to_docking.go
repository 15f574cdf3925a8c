package exhibits

import (
	"net/http"

	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// toDocking: the owner turns a message into a docking with the sender's
// organization, and goes to its page.
func (a *Area) toDocking(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	var dock int64
	if err == nil {
		dock, err = a.DB.MessageToDocking(r.Context(), id, request.User(r).ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.exhibits.docked")
	http.Redirect(w, r, "/dockings/"+itoa(dock), http.StatusSeeOther)
}

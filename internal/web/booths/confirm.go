package booths

import (
	"net/http"

	"github.com/convene/convene/internal/web/request"
)

// confirm: an exhibitor confirms an assigned booth or accepts a waitlist
// offer within its hold.
func (a *Area) confirm(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err == nil {
		err = a.DB.ConfirmBooth(r.Context(), request.OrgID(r), id)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.confirmed", "/booths")
}

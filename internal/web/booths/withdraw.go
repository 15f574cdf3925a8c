package booths

import (
	"net/http"

	"github.com/convene/convene/internal/web/request"
)

// withdraw: an exhibitor takes back one of its own requests while requests
// are open (before the deadline and the publication).
func (a *Area) withdraw(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err == nil {
		ed, eerr := a.edition(r)
		if err = eerr; err == nil {
			err = a.DB.WithdrawBoothRequest(r.Context(), ed.ID, request.OrgID(r), id)
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.withdrawn", "/booths")
}

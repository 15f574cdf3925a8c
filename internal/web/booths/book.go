package booths

import (
	"net/http"

	"github.com/convene/convene/internal/web/request"
)

// book: first-come self-service booking after publication, when the
// organizer has opened it; exactly one of many racing clients wins a booth.
func (a *Area) book(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err == nil {
		ed, eerr := a.edition(r)
		if err = eerr; err == nil {
			err = a.DB.BookBooth(r.Context(), ed.ID, request.OrgID(r), id)
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.booked", "/booths")
}

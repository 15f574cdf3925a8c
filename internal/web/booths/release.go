package booths

import (
	"net/http"

	"github.com/convene/convene/internal/web/request"
)

// release: an exhibitor gives a booth back (or declines an offer); the
// store offers it to the first fitting request on the area's waitlist.
func (a *Area) release(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err == nil {
		ed, eerr := a.edition(r)
		if err = eerr; err == nil {
			if _, err = a.DB.ExpireBoothHolds(r.Context(), ed.ID); err == nil {
				_, err = a.DB.ReleaseBooth(r.Context(), ed.ID, request.OrgID(r), id)
			}
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.released", "/booths")
}

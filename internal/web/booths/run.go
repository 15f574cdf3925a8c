package booths

import (
	"net/http"

	"github.com/convene/convene/internal/booth/boothrun"
	"github.com/convene/convene/internal/web/request"
)

// run allocates the booths with the published seed; locked drafts stay.
func (a *Area) run(w http.ResponseWriter, r *http.Request) {
	e, err := a.edition(r)
	if err == nil {
		_, err = boothrun.Run(r.Context(), a.DB, e.ID, request.User(r).ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.ran", "/admin/booths")
}

package booths

import (
	"net/http"

	"github.com/convene/convene/internal/web/request"
)

type priorityInput struct {
	RequestID int64 `json:"request_id"`
	Priority  int   `json:"priority"`
}

// setPriority: the organizer gives a request its priority points (years
// exhibited, size, sponsorship, early contract) before publication; the
// next run weighs them. Exhibitors never see them.
func (a *Area) setPriority(w http.ResponseWriter, r *http.Request) {
	var in priorityInput
	err := request.Read(r, &in)
	if err == nil {
		e, eerr := a.edition(r)
		if err = eerr; err == nil {
			err = a.DB.SetBoothPriority(r.Context(), e.ID, in.RequestID, in.Priority, request.User(r).ID)
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.priority_saved", "/admin/booths")
}

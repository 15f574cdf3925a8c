package booths

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

type publishInput struct {
	ConfirmDays int `json:"confirm_days"`
}

// publish turns the drafts into assignments; exhibitors confirm or release
// within ConfirmDays.
func (a *Area) publish(w http.ResponseWriter, r *http.Request) {
	var in publishInput
	err := request.Read(r, &in)
	if err == nil && (in.ConfirmDays < 1 || in.ConfirmDays > 60) {
		err = model.Errorf(model.Invalid, "err.invalid", "confirm_days", "err.invalid")
	}
	if err == nil {
		e, eerr := a.edition(r)
		if err = eerr; err == nil {
			err = a.DB.PublishBooths(r.Context(), e.ID, time.Now().Add(time.Duration(in.ConfirmDays)*24*time.Hour), request.User(r).ID)
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.published", "/admin/booths")
}

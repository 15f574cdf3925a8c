package booths

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

type assignInput struct {
	Booth     string `json:"booth"`      // code
	RequestID int64  `json:"request_id"` // 0 frees the booth
}

// assign adjusts a draft by hand: the booth goes to the request, locked so
// later runs keep it.
func (a *Area) assign(w http.ResponseWriter, r *http.Request) {
	var in assignInput
	err := request.Read(r, &in)
	if err == nil {
		err = a.assignByCode(r, in)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.saved", "/admin/booths")
}

func (a *Area) assignByCode(r *http.Request, in assignInput) error {
	e, err := a.edition(r)
	if err != nil {
		return err
	}
	plan, err := a.DB.PlanBooths(r.Context(), e.ID, time.Now())
	if err != nil {
		return err
	}
	for _, b := range plan {
		if b.Code == in.Booth {
			return a.DB.AssignBoothByHand(r.Context(), e.ID, b.ID, in.RequestID, request.User(r).ID)
		}
	}
	return model.Errorf(model.Invalid, "err.invalid", "booth", "booths.err_no_booth")
}

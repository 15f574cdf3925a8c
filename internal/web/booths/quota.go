package booths

import (
	"net/http"

	"github.com/convene/convene/internal/model"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type quotaInput struct {
	Group   string `json:"group"`
	AreaID  int64  `json:"area_id"`
	Percent string `json:"percent"`
}

// setQuota sets a group's share of an area (0 removes it); an area's
// quotas over 100% are refused.
func (a *Area) setQuota(w http.ResponseWriter, r *http.Request) {
	var in quotaInput
	err := request.Read(r, &in)
	if err == nil {
		e, eerr := a.edition(r)
		pct, ok := decimal(in.Percent)
		if err = eerr; err == nil && !ok {
			err = model.Errorf(model.Invalid, "err.invalid", "percent", "err.number")
		}
		if err == nil {
			err = a.DB.SetBoothQuota(r.Context(), e.ID, store.BoothQuota{Group: in.Group, AreaID: in.AreaID, Percent: pct}, request.User(r).ID)
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.saved", "/admin/booths")
}

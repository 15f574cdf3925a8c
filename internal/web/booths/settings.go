package booths

import (
	"net/http"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type settingsInput struct {
	Seed        int64 `json:"seed"`
	HoldHours   int   `json:"hold_hours"`
	SelfService bool  `json:"self_service"`
}

// settings: the lottery seed (published here before the draw, fixed once
// drawn), the hold given to waitlist offers, self-service booking.
func (a *Area) settings(w http.ResponseWriter, r *http.Request) {
	var in settingsInput
	err := request.Read(r, &in)
	if err == nil {
		e, eerr := a.edition(r)
		if err = eerr; err == nil {
			err = a.DB.SetBoothExhibition(r.Context(), store.Exhibition{EditionID: e.ID, Seed: in.Seed, HoldSeconds: in.HoldHours * 3600, SelfService: in.SelfService})
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.saved", "/admin/booths")
}

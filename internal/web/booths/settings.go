package booths

import (
	"net/http"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type settingsInput struct {
	Seed            int64  `json:"seed"`
	HoldHours       int    `json:"hold_hours"`
	SelfService     bool   `json:"self_service"`
	RequestDeadline string `json:"request_deadline"` // the edition's local time ("2006-01-02T15:04") or RFC 3339; "" for none
}

// settings: the lottery seed (published here before the draw, fixed once
// drawn), the hold given to waitlist offers, self-service booking and the
// deadline after which exhibitors file no request.
func (a *Area) settings(w http.ResponseWriter, r *http.Request) {
	var in settingsInput
	err := request.Read(r, &in)
	if err == nil {
		e, eerr := a.edition(r)
		if err = eerr; err == nil {
			x := store.Exhibition{EditionID: e.ID, Seed: in.Seed, HoldSeconds: in.HoldHours * 3600, SelfService: in.SelfService}
			if x.RequestDeadline, err = deadlineOf(e, in.RequestDeadline); err == nil {
				err = a.DB.SetBoothExhibition(r.Context(), x, request.User(r).ID)
			}
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	done(w, r, "flash.booths.saved", "/admin/booths")
}

// deadlineOf reads the request deadline in the edition's time zone.
func deadlineOf(e model.Edition, s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	p := model.Problems{}
	t := request.ParseLocalTime(p, "request_deadline", s, e.TimeZone)
	if err := p.Err(); err != nil {
		return nil, err
	}
	return &t, nil
}

// deadlineText shows a deadline in the edition's time zone, as the
// settings form reads it.
func deadlineText(e model.Edition, t *time.Time, layout string) string {
	if t == nil {
		return ""
	}
	return t.In(e.Location()).Format(layout)
}

package meetings

import (
	"fmt"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type windowInput struct {
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
}

type availabilityInput struct {
	TimeZone string        `json:"time_zone"`
	Windows  []windowInput `json:"windows"`
}

// readAvailability reads windows in the stated zone (an HTML form sends
// rows windows.N.starts_at; empty rows are skipped) and converts them to UTC.
func readAvailability(r *http.Request) ([]model.Availability, error) {
	var in availabilityInput
	if request.IsAPI(r) {
		if err := request.ReadJSON(r, &in); err != nil {
			return nil, err
		}
	} else {
		if err := r.ParseForm(); err != nil {
			return nil, model.Errorf(model.Invalid, "err.form")
		}
		in.TimeZone = r.PostForm.Get("time_zone")
		for i := range 10 {
			a, b := r.PostForm.Get(fmt.Sprintf("windows.%d.starts_at", i)), r.PostForm.Get(fmt.Sprintf("windows.%d.ends_at", i))
			if a == "" && b == "" {
				continue
			}
			in.Windows = append(in.Windows, windowInput{a, b})
		}
	}
	p := model.Problems{}
	loc := model.LoadZone(p, "time_zone", in.TimeZone)
	if len(in.Windows) > 50 {
		p.Add("windows", "err.too_many_items")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	ws := make([]model.Availability, len(in.Windows))
	for i, win := range in.Windows {
		f := fmt.Sprintf("windows.%d.", i)
		ws[i].StartsAt = request.ParseLocalTime(p, f+"starts_at", win.StartsAt, loc.String())
		ws[i].EndsAt = request.ParseLocalTime(p, f+"ends_at", win.EndsAt, loc.String())
	}
	model.CheckWindows(p, ws)
	return ws, p.Err()
}

// saveAvailability replaces the user's windows and returns them as stored.
func (a *Area) saveAvailability(r *http.Request) ([]model.Availability, error) {
	ws, err := readAvailability(r)
	if err != nil {
		return nil, err
	}
	if err := a.DB.SetAvailability(r.Context(), request.User(r).ID, ws); err != nil {
		return nil, err
	}
	return a.DB.AvailabilityOf(r.Context(), request.User(r).ID)
}

func (a *Area) availabilitySave(w http.ResponseWriter, r *http.Request) {
	if _, err := a.saveAvailability(r); err != nil {
		a.meetingsFormError(w, r, err)
		return
	}
	meetingsDone(w, r, "flash.saved")
}

func (a *Area) apiAvailability(w http.ResponseWriter, r *http.Request) {
	l, err := a.DB.AvailabilityOf(r.Context(), request.User(r).ID)
	render.Answer(a.Render, w, r, http.StatusOK, l, err, windowsJSON)
}

func (a *Area) apiAvailabilitySave(w http.ResponseWriter, r *http.Request) {
	l, err := a.saveAvailability(r)
	render.Answer(a.Render, w, r, http.StatusOK, l, err, windowsJSON)
}

package meetings

import (
	"net/http"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type slotsInput struct {
	Date   string `json:"date"`   // 2017-12-17, in the edition's zone
	Start  string `json:"start"`  // 09:00
	End    string `json:"end"`    // 12:00
	Length int    `json:"length"` // minutes
	Gap    int    `json:"gap"`    // minutes between meetings
	Breaks string `json:"breaks"` // "12:00-13:00, 15:00-15:15"
}

func clock(p model.Problems, field, s string) time.Duration {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		if s == "" {
			p.Add(field, "err.required")
		} else {
			p.Add(field, "err.meetings.clock")
		}
		return 0
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
}

func (in slotsInput) plan() (model.SlotPlan, error) {
	p := model.Problems{}
	sp := model.SlotPlan{Day: request.ParseDate(p, "date", in.Date), Start: clock(p, "start", in.Start), End: clock(p, "end", in.End),
		Length: time.Duration(in.Length) * time.Minute, Gap: time.Duration(in.Gap) * time.Minute}
	for _, b := range strings.Split(in.Breaks, ",") {
		if b = strings.TrimSpace(b); b == "" {
			continue
		}
		from, to, ok := strings.Cut(b, "-")
		if !ok {
			p.Add("breaks", "err.meetings.clock")
			continue
		}
		sp.Breaks = append(sp.Breaks, [2]time.Duration{clock(p, "breaks", from), clock(p, "breaks", to)})
	}
	if len(p) == 0 {
		sp.Validate(p)
	}
	return sp, p.Err()
}

// createSlots adds a day's meeting slots to the current edition, in its zone.
func (a *Area) createSlots(r *http.Request) (int, error) {
	var in slotsInput
	var sp model.SlotPlan
	if err := request.DecodeThen(r, &in, func() (err error) { sp, err = in.plan(); return }); err != nil {
		return 0, err
	}
	e, err := a.Edition(r)
	if err != nil {
		return 0, err
	}
	return a.DB.AddSlots(r.Context(), e.ID, sp.Slots(model.Zone(e.TimeZone)))
}

func (a *Area) slotsCreate(w http.ResponseWriter, r *http.Request) {
	_, err := a.createSlots(r)
	a.adminDone(w, r, err, "flash.saved")
}

func (a *Area) apiSlotsCreate(w http.ResponseWriter, r *http.Request) {
	n, err := a.createSlots(r)
	render.Answer(a.Render, w, r, http.StatusCreated, n, err, func(n int) map[string]int { return map[string]int{"added": n} })
}

package dashboard

import (
	"html/template"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

type counter struct {
	Key   string
	Value int64
}

type dashData struct {
	Edition  model.Edition
	Counters []counter
	Charts   []template.HTML
	Stream   string // the stream's URL
	Screen   bool
}

// dashData renders the live figures into the page itself: without
// JavaScript it is a complete page (reload for newer figures); the script
// then keeps it current from the stream.
func (a *Area) dashData(r *http.Request, e model.Edition, stream string) (dashData, error) {
	sn, err := a.snapshot(r.Context(), e.ID)
	if err != nil {
		return dashData{}, err
	}
	d := dashData{Edition: e, Stream: stream}
	for _, k := range counterKeys {
		d.Counters = append(d.Counters, counter{k, sn.counters[k]})
	}
	ch := a.charts(sn, request.Locale(r))
	for _, id := range []string{"chart-hours", "chart-channels", "chart-stages", "chart-gates", "chart-gatehours"} {
		d.Charts = append(d.Charts, ch[id])
	}
	return d, nil
}

func (a *Area) dashboardPage(w http.ResponseWriter, r *http.Request) {
	e, err := a.edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d, err := a.dashData(r, e, "/admin/dashboard/stream?edition_id="+itoa(e.ID))
	a.Render.Show(w, r, "dash_page", "live.title", d, err)
}

// screenPage is the venue's big screen: the current edition's counters and
// charts, large, for anyone.
func (a *Area) screenPage(w http.ResponseWriter, r *http.Request) {
	e, err := a.DB.CurrentEdition(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d, err := a.dashData(r, e, "/screen/stream")
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d.Screen = true
	a.Render.Page(w, r, http.StatusOK, "dash_page", a.Render.View(r, "live.screen", d))
}

func (a *Area) script(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(liveJS)
}

func (a *Area) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(dashCSS)
}

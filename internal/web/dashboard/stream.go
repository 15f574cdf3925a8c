package dashboard

import (
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// heartbeat keeps proxies from closing an idle stream.
const heartbeat = 25 * time.Second

// stream is the organizer's live figures for an edition as Server-Sent
// Events: "live" events carrying Live as JSON, the first at once.
func (a *Area) stream(w http.ResponseWriter, r *http.Request) {
	e, err := a.edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.serveStream(w, r, e)
}

// screenStream is the big screen's: the current edition's.
func (a *Area) screenStream(w http.ResponseWriter, r *http.Request) {
	e, err := a.DB.CurrentEdition(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.serveStream(w, r, e)
}

func (a *Area) serveStream(w http.ResponseWriter, r *http.Request, e model.Edition) {
	sub, first, err := a.hub.Subscribe(r.Context(), e.ID, request.Locale(r))
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	defer a.hub.Unsubscribe(sub)
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // the server's write timeout would end the stream
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(p []byte) bool {
		if _, err := w.Write([]byte("event: live\ndata: ")); err != nil {
			return false
		}
		w.Write(p)
		w.Write([]byte("\n\n"))
		return rc.Flush() == nil
	}
	// retry: the browser reconnects after 2 s when the stream drops.
	w.Write([]byte("retry: 2000\n\n"))
	if !send(first) {
		return
	}
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case p := <-sub.C:
			if !send(p) {
				return
			}
		case <-beat.C:
			if _, err := w.Write([]byte(": ping\n\n")); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

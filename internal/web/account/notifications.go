package account

import (
	"html/template"
	"net/http"
	"time"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// noteText says a notification in locale (render.Notice).
func (a *Area) noteText(locale string, n store.Notification) string {
	return a.Render.Notice(locale, n.Key, n.Args)
}

type noteView struct {
	Text template.HTML // arguments marked by their language (render.NoticeHTML)
	At   time.Time
}

// noteViews are a user's latest 20 notifications for the dashboard.
func (a *Area) noteViews(r *http.Request, userID int64) ([]noteView, error) {
	ns, err := a.DB.Notifications(r.Context(), userID, 20)
	if err != nil {
		return nil, err
	}
	var out []noteView
	for _, n := range ns {
		if t := a.Render.NoticeHTML(request.Locale(r), n.Key, n.Args); t != "" {
			out = append(out, noteView{t, n.CreatedAt})
		}
	}
	return out, nil
}

type noteJ struct {
	Key     string    `json:"key"`
	Args    []string  `json:"args"`
	Message string    `json:"message"`
	At      time.Time `json:"created_at"`
}

// apiNotifications is the signed-in user's own notifications (?limit=).
func (a *Area) apiNotifications(w http.ResponseWriter, r *http.Request) {
	limit, _, err := request.Page(r)
	var ns []store.Notification
	if err == nil {
		ns, err = a.DB.Notifications(r.Context(), request.User(r).ID, limit)
	}
	render.Answer(a.Render, w, r, http.StatusOK, ns, err, func(l []store.Notification) []noteJ {
		return jsonview.Map(l, func(n store.Notification) noteJ {
			return noteJ{n.Key, jsonview.NonNil(n.Args), a.noteText(request.Locale(r), n), n.CreatedAt}
		})
	})
}

package meetings

import (
	"net/http"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) apiRequests(w http.ResponseWriter, r *http.Request) {
	l, err := a.DB.MeetingRequestsOf(r.Context(), request.User(r).ID)
	render.Answer(a.Render, w, r, http.StatusOK, l, err, func(l []store.MeetingRequestView) []meetingRequestJ { return jsonview.Map(l, requestJSON) })
}

func (a *Area) apiRequest(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v, err := a.DB.MeetingRequest(r.Context(), id, request.User(r).ID)
	render.Answer(a.Render, w, r, http.StatusOK, v, err, requestJSON)
}

package meetings

import (
	"net/http"

	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// answerRequest accepts or declines the request in the path for the user.
func (a *Area) answerRequest(r *http.Request, accept bool) (int64, error) {
	id, err := request.PathID(r)
	if err != nil {
		return 0, err
	}
	return id, a.DB.AnswerMeetingRequest(r.Context(), id, request.User(r).ID, accept)
}

// cancelRequest withdraws the request in the path, from either side.
func (a *Area) cancelRequest(r *http.Request) (int64, error) {
	id, err := request.PathID(r)
	if err != nil {
		return 0, err
	}
	return id, a.DB.CancelMeetingRequest(r.Context(), id, request.User(r).ID)
}

func (a *Area) requestAnswer(accept bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := a.answerRequest(r, accept); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		meetingsDone(w, r, "flash.saved")
	}
}

func (a *Area) requestCancel(w http.ResponseWriter, r *http.Request) {
	if _, err := a.cancelRequest(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	meetingsDone(w, r, "flash.saved")
}

func (a *Area) apiRequestAnswer(accept bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := a.answerRequest(r, accept)
		a.answerWithRequest(w, r, id, err)
	}
}

func (a *Area) apiRequestCancel(w http.ResponseWriter, r *http.Request) {
	id, err := a.cancelRequest(r)
	a.answerWithRequest(w, r, id, err)
}

// answerWithRequest answers a change with the request as it now is.
func (a *Area) answerWithRequest(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v, err := a.DB.MeetingRequest(r.Context(), id, request.User(r).ID)
	render.Answer(a.Render, w, r, http.StatusOK, v, err, requestJSON)
}

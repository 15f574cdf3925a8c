package meetings

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type meetingRequestInput struct {
	Kind          string `json:"kind"`
	ApplicationID int64  `json:"application_id"`
	ProjectID     int64  `json:"project_id"`
	OrgID         int64  `json:"org_id"`
	Video         bool   `json:"video"`
	Priority      int    `json:"priority"`
}

// createRequest asks for an interview (about an application) or a
// negotiation (about a project, with an organization).
func (a *Area) createRequest(r *http.Request) (model.MeetingRequest, error) {
	var in meetingRequestInput
	if err := request.Read(r, &in); err != nil {
		return model.MeetingRequest{}, err
	}
	return a.DB.CreateMeetingRequest(r.Context(), store.MeetingRequestInput{Kind: model.MeetingKind(in.Kind), ByUserID: request.User(r).ID,
		ApplicationID: in.ApplicationID, ProjectID: in.ProjectID, OrgID: in.OrgID, Video: in.Video, Priority: in.Priority})
}

func (a *Area) requestCreate(w http.ResponseWriter, r *http.Request) {
	if _, err := a.createRequest(r); err != nil {
		a.meetingsFormError(w, r, err)
		return
	}
	meetingsDone(w, r, "flash.meetings.requested")
}

func (a *Area) apiRequestCreate(w http.ResponseWriter, r *http.Request) {
	m, err := a.createRequest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v, err := a.DB.MeetingRequest(r.Context(), m.ID, request.User(r).ID)
	render.Answer(a.Render, w, r, http.StatusCreated, v, err, requestJSON)
}

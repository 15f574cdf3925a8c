package meetings

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type tableInput struct {
	Code      string `json:"code"`
	VenueID   int64  `json:"venue_id"`
	Video     bool   `json:"video"`
	SessionID int64  `json:"session_id"`
	TimeZone  string `json:"time_zone"` // video rooms outside a session
}

// createTable adds a table (at a venue) or a video room to the current
// edition; a video room outside a session is in the edition's zone unless
// it names its own.
func (a *Area) createTable(r *http.Request) (store.TableView, error) {
	var in tableInput
	if err := request.Read(r, &in); err != nil {
		return store.TableView{}, err
	}
	e, err := a.Edition(r)
	if err != nil {
		return store.TableView{}, err
	}
	t := model.Table{EditionID: e.ID, Code: in.Code, Video: in.Video}
	if in.VenueID != 0 {
		t.VenueID = &in.VenueID
	}
	if in.SessionID != 0 {
		t.SessionID = &in.SessionID
	}
	if t.Video && t.SessionID == nil && in.TimeZone == "" {
		in.TimeZone = e.TimeZone
	}
	if err := a.DB.CreateMeetingTable(r.Context(), &t, in.TimeZone); err != nil {
		return store.TableView{}, err
	}
	return store.TableView{Table: t, TimeZone: in.TimeZone}, nil
}

func (a *Area) tableCreate(w http.ResponseWriter, r *http.Request) {
	_, err := a.createTable(r)
	a.adminDone(w, r, err, "flash.saved")
}

func (a *Area) apiTableCreate(w http.ResponseWriter, r *http.Request) {
	t, err := a.createTable(r)
	render.Answer(a.Render, w, r, http.StatusCreated, t, err, tableJSON)
}

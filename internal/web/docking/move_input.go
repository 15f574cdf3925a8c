package docking

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type moveInput struct {
	Version   int64  `json:"version"`
	Stage     string `json:"stage"`
	Note      string `json:"note"`
	ParkOrgID int64  `json:"park_org_id"`
}

// readMove reads a move's form for the docking in the path.
func readMove(r *http.Request) (store.StageInput, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.StageInput{}, err
	}
	var in moveInput
	err = request.Read(r, &in)
	return store.StageInput{DockingID: id, ByUserID: request.User(r).ID, Version: in.Version, Stage: in.Stage, Note: in.Note, ParkOrgID: in.ParkOrgID}, err
}

func renderFlash(w http.ResponseWriter, key string) { render.SetFlash(w, key) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

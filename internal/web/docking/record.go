package docking

import "net/http"

// record: an organizer records a move on the parties' behalf.
func (a *Area) record(w http.ResponseWriter, r *http.Request) {
	in, err := readMove(r)
	if err == nil {
		err = a.DB.RecordStage(r.Context(), in)
	}
	if err != nil {
		a.formError(w, r, err)
		return
	}
	done(w, r, in.DockingID, "flash.docking.recorded")
}

package docking

import "net/http"

// confirm: the other party confirms the open proposal.
func (a *Area) confirm(w http.ResponseWriter, r *http.Request) {
	in, err := readMove(r)
	if err == nil {
		err = a.DB.ConfirmStage(r.Context(), in.DockingID, in.ByUserID, in.Version)
	}
	if err != nil {
		a.formError(w, r, err)
		return
	}
	done(w, r, in.DockingID, "flash.docking.confirmed")
}

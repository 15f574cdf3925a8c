package docking

import "net/http"

// propose: a party proposes a stage; the other party confirms it.
func (a *Area) propose(w http.ResponseWriter, r *http.Request) {
	in, err := readMove(r)
	if err == nil {
		err = a.db.ProposeStage(r.Context(), in)
	}
	if err != nil {
		a.formError(w, r, err)
		return
	}
	done(w, r, in.DockingID, "flash.docking.proposed")
}

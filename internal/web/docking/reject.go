package docking

import "net/http"

// reject: the proposer withdraws, or the other party turns down, the open
// proposal.
func (a *Area) reject(w http.ResponseWriter, r *http.Request) {
	in, err := readMove(r)
	if err == nil {
		err = a.DB.RejectProposal(r.Context(), in.DockingID, in.ByUserID, in.Version)
	}
	if err != nil {
		a.formError(w, r, err)
		return
	}
	done(w, r, in.DockingID, "flash.docking.rejected")
}

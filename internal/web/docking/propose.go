package docking

import (
	"net/http"

	"github.com/convene/convene/internal/model"
)

// propose: a party proposes a stage; the other party confirms it.
func (a *Area) propose(w http.ResponseWriter, r *http.Request) {
	in, err := readMove(r)
	if err == nil {
		err = a.DB.ProposeStage(r.Context(), in)
	}
	if err != nil {
		a.formError(w, r, err)
		return
	}
	flash := "flash.docking.proposed"
	if in.Stage == string(model.DockDeclined) { // applied at once (store.ProposeStage)
		flash = "flash.docking.declined"
	}
	done(w, r, in.DockingID, flash)
}

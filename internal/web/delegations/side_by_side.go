package delegations

import (
	"net/http"

	"github.com/convene/convene/internal/store"
)

// provinceGroup is one province's delegations and their sum.
type provinceGroup struct {
	Province    string
	Delegations []store.DelegationFigures
	Sum         store.DelegationFigures
}

func (a *Area) loadAll(r *http.Request) ([]store.DelegationFigures, error) {
	ed, err := a.edition(r)
	if err != nil {
		return nil, err
	}
	return a.DB.DelegationsFigures(r.Context(), ed, 0)
}

func group(l []store.DelegationFigures) []provinceGroup {
	var out []provinceGroup
	for _, f := range l {
		if len(out) == 0 || out[len(out)-1].Province != f.Province {
			out = append(out, provinceGroup{Province: f.Province})
		}
		g := &out[len(out)-1]
		g.Delegations = append(g.Delegations, f)
		s := &g.Sum
		s.Members += f.Members
		s.Projects += f.Projects
		s.Dockings += f.Dockings
		s.Negotiations += f.Negotiations
		s.Agreements += f.Agreements
		s.Cooperative += f.Cooperative
		s.Contracts += f.Contracts
		s.Signed += f.Signed
		s.Posts += f.Posts
		s.Applications += f.Applications
		s.Exhibits += f.Exhibits
		s.BoothAsks += f.BoothAsks
		s.BoothM2 += f.BoothM2
	}
	return out
}

// sideBySide: every delegation's figures side by side, by province.
func (a *Area) sideBySide(w http.ResponseWriter, r *http.Request) {
	l, err := a.loadAll(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "delegations_admin", a.Render.View(r, "delegations.all", group(l)))
}

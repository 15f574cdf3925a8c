package delegations

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type figuresJ struct {
	ID           int64   `json:"delegation_id"`
	Name         string  `json:"name"`
	Province     string  `json:"province"`
	Members      int     `json:"members"`
	Projects     int     `json:"projects"`
	Dockings     int     `json:"dockings"`
	Negotiations int     `json:"negotiations"`
	Agreements   int     `json:"preliminary_agreements"`
	Cooperative  int     `json:"cooperative_intentions"`
	Contracts    int     `json:"contract_intentions"`
	Signed       int     `json:"signed"`
	Posts        int     `json:"job_demands"`
	Applications int     `json:"applications"`
	Exhibits     int     `json:"exhibits"`
	BoothAsks    int     `json:"booth_requests"`
	BoothM2      float64 `json:"booth_m2"`
}

// apiFigures: every delegation's figures for organizers, a delegation's
// own for its members.
func (a *Area) apiFigures(w http.ResponseWriter, r *http.Request) {
	var l []store.DelegationFigures
	var err error
	if request.User(r).Role == model.RoleOrganizer {
		l, err = a.loadAll(r)
	} else {
		var d ownData
		d, err = a.loadOwn(r)
		l = []store.DelegationFigures{d.Figures}
	}
	loc := request.Locale(r)
	render.Answer(a.Render, w, r, http.StatusOK, l, err, func(l []store.DelegationFigures) []figuresJ {
		out := make([]figuresJ, 0, len(l))
		for _, f := range l {
			out = append(out, figuresJ{f.OrgID, model.DisplayName(loc, f.Name, f.NameZH), f.Province, f.Members, f.Projects, f.Dockings, f.Negotiations,
				f.Agreements, f.Cooperative, f.Contracts, f.Signed, f.Posts, f.Applications, f.Exhibits, f.BoothAsks, f.BoothM2})
		}
		return out
	})
}

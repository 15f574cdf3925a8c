package booths

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type requestInput struct {
	AreaID   int64   `json:"area_id"`
	Count    int     `json:"count"`
	M2       string  `json:"m2"` // a form number with decimals
	Kind     string  `json:"kind"`
	Entrance bool    `json:"entrance"`
	Corner   bool    `json:"corner"`
	Avoid    []int64 `json:"avoid"` // organizations not wanted beside (ExhibitingOrgs)
}

// fileRequest: an enterprise or a delegation asks for booths in an area
// (a delegation's request is its province's block: its group is its
// province, which the area's quota names).
func (a *Area) fileRequest(w http.ResponseWriter, r *http.Request) {
	var in requestInput
	err := request.Read(r, &in)
	if err == nil {
		err = a.saveRequest(r, in)
	}
	if err != nil {
		d, _, derr := a.loadPlan(r)
		if derr != nil {
			a.Render.Fail(w, r, derr)
			return
		}
		a.Render.FormError(w, r, "booths_plan", "booths.title", err, d)
		return
	}
	done(w, r, "flash.booths.requested", "/booths")
}

func (a *Area) saveRequest(r *http.Request, in requestInput) error {
	e, err := a.edition(r)
	if err != nil {
		return err
	}
	org, err := a.DB.Organization(r.Context(), request.OrgID(r))
	if err != nil {
		return err
	}
	m2, ok := decimal(in.M2)
	if !ok {
		return model.Errorf(model.Invalid, "err.invalid", "m2", "err.number")
	}
	q := store.BoothRequest{EditionID: e.ID, OrgID: org.ID, AreaID: in.AreaID, Count: in.Count, M2: m2, Kind: in.Kind,
		Entrance: in.Entrance, Corner: in.Corner}
	for _, id := range in.Avoid {
		q.Avoid = append(q.Avoid, store.BoothOrg{ID: id})
	}
	if org.Kind == model.OrgDelegation {
		q.Group = org.Province
		if q.Group == "" {
			q.Group = org.Name
		}
	}
	return a.DB.CreateBoothRequest(r.Context(), &q)
}

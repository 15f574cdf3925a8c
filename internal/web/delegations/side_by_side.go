package delegations

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
)

// provinceGroup is one province's delegations and their sum.
type provinceGroup struct {
	Key         string // the vocabulary's key ("GD"), or the folded text of one it does not know
	Province    string // in the reader's language
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

// group puts delegations under their province as a reader of lang names
// it: every spelling of one province (广东省, Guangdong) in one group, the
// groups by name (unnamed last), each group's delegations in l's order.
func group(lang string, l []store.DelegationFigures) []provinceGroup {
	var out []provinceGroup
	at := map[string]int{}
	for _, f := range l {
		key := vocab.Province.Key(f.Province)
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, provinceGroup{Key: key, Province: vocab.Province.Label(lang, f.Province)})
		}
		g := &out[i]
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
	unnamed := func(g provinceGroup) int {
		if g.Key == "" {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b provinceGroup) int {
		return cmp.Or(cmp.Compare(unnamed(a), unnamed(b)), cmp.Compare(a.Province, b.Province))
	})
	return out
}

// sideBySide: every delegation's figures side by side, by province.
func (a *Area) sideBySide(w http.ResponseWriter, r *http.Request) {
	l, err := a.loadAll(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "delegations.all", nil)
	v.Data = group(v.L, l)
	a.Render.Page(w, r, http.StatusOK, "delegations_admin", v)
}

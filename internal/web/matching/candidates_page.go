package matching

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/recview"
)

// candidatesData is the page's data: recview's match_candidates partial
// reads .Data.Candidates.
type candidatesData struct {
	Post       model.Post
	Candidates []recview.Rec
}

func (a *Area) candidatesPage(w http.ResponseWriter, r *http.Request) {
	c, err := a.candidates(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "match.candidates", nil)
	p := c.Post
	p.City = vocab.City.Label(v.L, p.City) // for display only
	v.Data = candidatesData{Post: p, Candidates: c.Views}
	a.Render.Page(w, r, http.StatusOK, "candidates", v)
}

package matching

import (
	"net/http"

	"github.com/convene/convene/internal/web/render"
)

// apiCandidates is a post's top talents, explained: for its enterprise and organizers.
func (a *Area) apiCandidates(w http.ResponseWriter, r *http.Request) {
	c, err := a.candidates(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, a.matchesJSON(r, c.Matches, c.Views))
}

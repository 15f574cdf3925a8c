package matching

import (
	"net/http"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// apiRecommendations is the signed-in talent's top posts, explained,
// leaving out posts they have applied to.
func (a *Area) apiRecommendations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, err := a.DB.TalentByUser(ctx, request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	sg, err := a.Suggest.Suggest(ctx, t.ID, recview.Shown, 0, false)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ms := make([]match.Match, len(sg.List))
	for i, s := range sg.List {
		ms[i] = s.Match
	}
	render.JSON(w, http.StatusOK, a.matchesJSON(r, ms, recview.In(a.Render, request.Locale(r)).Suggestions(sg, false)))
}

package matching

import (
	"net/http"

	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type rateJ struct {
	OpenPosts      int     `json:"open_posts"`
	MatchedPosts   int     `json:"matched_posts"`
	PostRate       float64 `json:"post_rate"`
	Talents        int     `json:"talents"`
	MatchedTalents int     `json:"matched_talents"`
	TalentRate     float64 `json:"talent_rate"`
	Definition     string  `json:"definition"` // in the caller's language
}

// apiMatchingRate is the current edition's matching rate with its definition.
func (a *Area) apiMatchingRate(w http.ResponseWriter, r *http.Request) {
	mr, err := a.Match.Rate(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, rateJ{OpenPosts: mr.OpenPosts, MatchedPosts: mr.MatchedPosts, PostRate: mr.PostRate(),
		Talents: mr.Talents, MatchedTalents: mr.MatchedTalents, TalentRate: mr.TalentRate(),
		Definition: a.Render.T(request.Locale(r), "match.rate_definition")})
}

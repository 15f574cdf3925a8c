package matching

import (
	"net/http"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/request"
)

type reasonJ struct {
	Code   string            `json:"code"`
	Met    bool              `json:"met"`
	Hard   bool              `json:"hard"`
	Points int               `json:"points"`
	Max    int               `json:"max"`
	Params map[string]string `json:"params"`
	Text   string            `json:"text"` // in the caller's language
}

type matchJ struct {
	PostID   int64     `json:"post_id"`
	TalentID int64     `json:"talent_id"`
	Title    string    `json:"title"` // post title, or talent name
	Score    int       `json:"score"`
	MaxScore int       `json:"max_score"`
	Mutual   bool      `json:"mutual"`
	Matched  []string  `json:"matched_skills"`
	Missing  []string  `json:"missing_skills"`
	Reasons  []reasonJ `json:"reasons"`
}

// matchesJSON is the matches that have a view (the others are gone since
// the index saw them), with every reason the engine gave.
func (a *Area) matchesJSON(r *http.Request, ms []match.Match, views []recview.Rec) []matchJ {
	say := recview.In(a.Render, request.Locale(r))
	title := map[[2]int64]string{}
	for _, v := range views {
		title[[2]int64{v.PostID, v.TalentID}] = v.Title
	}
	out := make([]matchJ, 0, len(ms))
	for _, m := range ms {
		t, ok := title[[2]int64{m.PostID, m.TalentID}]
		if !ok {
			continue
		}
		j := matchJ{PostID: m.PostID, TalentID: m.TalentID, Title: t, Score: m.Score, MaxScore: match.MaxScore,
			Mutual: m.Explanation.Mutual, Matched: m.Explanation.Matched, Missing: m.Explanation.Missing, Reasons: []reasonJ{}}
		if j.Matched == nil {
			j.Matched = []string{}
		}
		if j.Missing == nil {
			j.Missing = []string{}
		}
		for _, x := range m.Explanation.Reasons {
			params := x.Params
			if params == nil { // the document promises an object: {} for a reason without values
				params = map[string]string{}
			}
			j.Reasons = append(j.Reasons, reasonJ{Code: string(x.Code), Met: x.Met, Hard: x.Hard, Points: x.Points, Max: x.Max,
				Params: params, Text: say.ReasonText(x)})
		}
		out = append(out, j)
	}
	return out
}

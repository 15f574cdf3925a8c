package web

import (
	"net/http"

	"github.com/convene/convene/internal/match"
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

func (s *Server) matchesJSON(r *http.Request, ms []match.Match, views []recView) []matchJ {
	locale := info(r).locale
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
			j.Reasons = append(j.Reasons, reasonJ{Code: string(x.Code), Met: x.Met, Hard: x.Hard, Points: x.Points, Max: x.Max,
				Params: x.Params, Text: s.reasonText(locale, x)})
		}
		out = append(out, j)
	}
	return out
}

// apiRecommendations is the signed-in talent's top posts, explained.
func (s *Server) apiRecommendations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, err := s.store.TalentByUser(ctx, currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rs, err := s.newPostsFor(ctx, info(r).locale, t.ID, recsShown, 0, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.matchesJSON(r, rs.Matches, rs.Views))
}

// apiCandidates is a post's top talents, explained: for its enterprise and organizers.
func (s *Server) apiCandidates(w http.ResponseWriter, r *http.Request) {
	p, err := s.candidatePost(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, err := s.recommender().TalentsFor(r.Context(), p.ID, recsShown)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	views, err := s.talentRecs(r.Context(), info(r).locale, ms)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.matchesJSON(r, ms, views))
}

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
func (s *Server) apiMatchingRate(w http.ResponseWriter, r *http.Request) {
	mr, err := s.recommender().Rate(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rateJ{OpenPosts: mr.OpenPosts, MatchedPosts: mr.MatchedPosts, PostRate: mr.PostRate(),
		Talents: mr.Talents, MatchedTalents: mr.MatchedTalents, TalentRate: mr.TalentRate(),
		Definition: s.cat.T(info(r).locale, "match.rate_definition")})
}

package matching

import (
	"context"
	"net/http"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/request"
)

// candidatePost loads a post whose candidates the caller may see: its
// owning enterprise, or an organizer.
func (a *Area) candidatePost(r *http.Request) (model.Post, error) {
	p, err := a.PathPost(r)
	if err != nil {
		return p, err
	}
	if org := request.OrgID(r); request.User(r).Role != model.RoleOrganizer && org != p.OrgID {
		return p, model.Errorf(model.Forbidden, "err.not_your_post")
	}
	return p, nil
}

// candidates is a post's top talents, explained, and their views.
type candidates struct {
	Post    model.Post
	Matches []match.Match
	Views   []recview.Rec
}

// candidates is the one operation behind the page and the API.
func (a *Area) candidates(r *http.Request) (candidates, error) {
	p, err := a.candidatePost(r)
	if err != nil {
		return candidates{}, err
	}
	c := candidates{Post: p}
	if c.Matches, err = a.Match.TalentsFor(r.Context(), p.ID, recview.Shown); err != nil {
		return c, err
	}
	c.Views, err = a.talentRecs(r.Context(), request.Locale(r), c.Matches)
	return c, err
}

// talentRecs returns views of a post's matched candidates.
func (a *Area) talentRecs(ctx context.Context, locale string, ms []match.Match) ([]recview.Rec, error) {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.TalentID
	}
	cards, err := a.DB.TalentCards(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[int64]store.TalentCard{}
	for _, c := range cards {
		byID[c.ID] = c
	}
	views := recview.In(a.Render, locale)
	out := make([]recview.Rec, 0, len(ms))
	for _, m := range ms {
		c, ok := byID[m.TalentID]
		if !ok {
			continue
		}
		v := views.Full(m)
		v.Title, v.Sub = c.Name, a.Render.T(locale, "degree."+string(c.Degree))
		if c.Discipline != "" {
			v.Sub += " · " + vocab.Discipline.Label(locale, c.Discipline)
		}
		out = append(out, v)
	}
	return out, nil
}

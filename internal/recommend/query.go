package recommend

import (
	"context"
	"errors"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
)

// PostsFor returns the talent's top k open posts of the current edition,
// best first, each explained; none for a talent the index does not hold yet.
func (r *Recommender) PostsFor(ctx context.Context, talentID int64, k int) ([]match.Match, error) {
	ix, err := r.index(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := ix.TopPostsForTalent(talentID, k)
	if errors.Is(err, match.ErrNotFound) {
		return nil, nil
	}
	return ms, err
}

// Fairness is the exposure-aware re-ranking talents see (docs/benchmarks.md:
// at λ=50 it costs 0.033 NDCG@10 and lifts the share of posts in someone's
// top 10 from 0.91 to 0.95, so a few easy posts stop taking every list).
var Fairness = match.Fairness{Lambda: 50}

// FairPostRanks is PostsFor re-ranked for fair exposure, without
// explanations (Explain the ones shown): the posts are still among the
// talent's best K+Slack, each with its true pair score.
func (r *Recommender) FairPostRanks(ctx context.Context, talentID int64, k int) ([]match.Match, error) {
	ix, err := r.index(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := ix.FairTopPostRanks(talentID, k, Fairness)
	if errors.Is(err, match.ErrNotFound) {
		return nil, nil
	}
	return ms, err
}

// TalentsFor returns the post's top k talents, best first, each explained;
// none for a post that is closed or not of the current edition.
func (r *Recommender) TalentsFor(ctx context.Context, postID int64, k int) ([]match.Match, error) {
	ix, err := r.index(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := ix.TopTalentsForPost(postID, k)
	if errors.Is(err, match.ErrNotFound) {
		return nil, nil
	}
	return ms, err
}

// Explain explains one pair the index holds; ok is false otherwise.
func (r *Recommender) Explain(ctx context.Context, talentID, postID int64) (match.Explanation, bool, error) {
	ix, err := r.index(ctx)
	if err != nil {
		return match.Explanation{}, false, err
	}
	e, err := ix.Explain(talentID, postID)
	if errors.Is(err, match.ErrNotFound) {
		return e, false, nil
	}
	return e, err == nil, err
}

// MatchedSkills is Explain's matched skills alone (match.Index.MatchedSkills).
func (r *Recommender) MatchedSkills(ctx context.Context, talentID, postID int64) ([]string, bool, error) {
	ix, err := r.index(ctx)
	if err != nil {
		return nil, false, err
	}
	m, err := ix.MatchedSkills(talentID, postID)
	if errors.Is(err, match.ErrNotFound) {
		return nil, false, nil
	}
	return m, err == nil, err
}

// Rate returns the matching rate of the current edition (match.MatchingRate).
func (r *Recommender) Rate(ctx context.Context) (match.MatchingRate, error) {
	ix, err := r.index(ctx)
	if err != nil {
		return match.MatchingRate{}, err
	}
	return ix.MatchingRate(), nil
}

// Talent converts a profile to the engine's view.
func Talent(t model.Talent) match.Talent {
	d, _ := match.ParseDegree(string(t.Degree))
	in, _ := match.ParseIntent(string(t.IntentChina))
	c, _ := match.ParseCategory(string(t.Category))
	return match.Talent{ID: t.ID, Degree: d, Discipline: t.Discipline, Skills: t.Skills, Languages: t.Languages,
		YearsExperience: t.YearsExperience, IntentChina: in, PreferredCities: t.PreferredCities, Category: c}
}

// Post converts a post to the engine's view; inEdition is whether its fair
// is of the current edition (only then can an open post be recommended).
func Post(p model.Post, inEdition bool) match.Post {
	d, _ := match.ParseDegree(string(p.MinDegree))
	return match.Post{ID: p.ID, Industry: p.Industry, Skills: p.Skills, MinDegree: d, MinExperience: p.MinExperience,
		City: p.City, Languages: p.Languages, Headcount: p.Headcount, Open: inEdition && p.Status == model.PostOpen}
}

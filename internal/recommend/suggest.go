package recommend

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/ttlcache"
)

// Suggester picks the posts to suggest to a talent: the recommender's fair
// ranking less what they applied to and the post on screen, with each
// post's card. It keeps cards and talents' applied posts a short while,
// because the scan landing asks many times a second, and follows this
// instance's changes through the notifier.
type Suggester struct {
	rec     *Recommender
	src     SuggestSource
	log     *slog.Logger
	cards   *ttlcache.Cache[int64, store.PostCard]
	applied *ttlcache.Cache[int64, *appliedSet]
}

// SuggestSource is what the suggester reads besides the index.
type SuggestSource interface {
	PostCards(ctx context.Context, ids []int64) ([]store.PostCard, error)
	AppliedPosts(ctx context.Context, talentID int64) (map[int64]model.AppStatus, error)
	Fair(ctx context.Context, id int64) (model.Fair, error)
}

// CardTTL is how long a suggestion's title, enterprise and city are kept: a
// renamed post shows under its old title in others' suggestions for at
// most this long (closed posts leave the suggestions with the index).
const CardTTL = 30 * time.Second

// appliedTTL is how long a talent's applied posts are kept. Applying here
// adds to them at once; an application made through another instance, or a
// status an enterprise set, shows within this time (applying again is still
// one application: the database says "already applied").
const appliedTTL = 5 * time.Second

// maxKept bounds each cache's memory.
const maxKept = 100_000

// NewSuggester suggests from rec's index, reading src, and follows bus.
func NewSuggester(rec *Recommender, src SuggestSource, bus *notify.Bus, log *slog.Logger) *Suggester {
	s := &Suggester{rec: rec, src: src, log: log,
		cards:   ttlcache.New[int64, store.PostCard](CardTTL, maxKept),
		applied: ttlcache.New[int64, *appliedSet](appliedTTL, maxKept)}
	bus.Subscribe(s.follow)
	return s
}

// follow passes this instance's changes to the index at once and drops or
// updates what the caches hold of them.
func (s *Suggester) follow(ctx context.Context, e notify.Event) {
	switch e := e.(type) {
	case notify.TalentSaved:
		s.rec.Talent(e.Talent)
	case notify.PostsSaved:
		fairs := map[int64]int64{}
		for _, p := range e.Posts {
			s.cards.Forget(p.ID)
			ed, ok := fairs[p.FairID]
			if !ok {
				f, err := s.src.Fair(ctx, p.FairID)
				if err != nil {
					s.log.Warn("matching index: fair", "err", err) // the next poll catches up
					continue
				}
				ed, fairs[p.FairID] = f.EditionID, f.EditionID
			}
			s.rec.Post(p, ed)
		}
	case notify.Applied:
		if as, ok := s.applied.Get(e.Application.TalentID); ok {
			as.set(e.Application.PostID, e.Application.Status)
		}
	}
}

// appliedSet is a talent's applied posts and their statuses, kept
// appliedTTL. Applying here adds to it in place, under its lock: copying
// it on every application made a talent's many applications quadratic.
type appliedSet struct {
	mu sync.RWMutex
	m  map[int64]model.AppStatus
}

func (a *appliedSet) status(post int64) model.AppStatus {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.m[post]
}

func (a *appliedSet) set(post int64, st model.AppStatus) {
	a.mu.Lock()
	a.m[post] = st
	a.mu.Unlock()
}

func (s *Suggester) appliedOf(ctx context.Context, talentID int64) (*appliedSet, error) {
	if a, ok := s.applied.Get(talentID); ok {
		return a, nil
	}
	m, err := s.src.AppliedPosts(ctx, talentID)
	if err != nil {
		return nil, err
	}
	a := &appliedSet{m: m}
	s.applied.Put(talentID, a)
	return a, nil
}

// Status is the talent's application status for a post ("" for none), as
// kept: for showing, never for deciding (applying always asks the database).
func (s *Suggester) Status(ctx context.Context, talentID, postID int64) (model.AppStatus, error) {
	a, err := s.appliedOf(ctx, talentID)
	if err != nil {
		return "", err
	}
	return a.status(postID), nil
}

// PostCards returns the cards of ids, from memory where it can and the
// rest in one query.
func (s *Suggester) PostCards(ctx context.Context, ids []int64) (map[int64]store.PostCard, error) {
	out := make(map[int64]store.PostCard, len(ids))
	var missing []int64
	for _, id := range ids {
		if c, ok := s.cards.Get(id); ok {
			out[id] = c
		} else {
			missing = append(missing, id)
		}
	}
	cs, err := s.src.PostCards(ctx, missing)
	for _, c := range cs {
		out[c.ID] = c
		s.cards.Put(c.ID, c)
	}
	return out, err
}

// Suggestion is one suggested post: its match (explained, or only its
// matched skills when brief) and its card.
type Suggestion struct {
	Match match.Match
	Card  store.PostCard
}

// Suggestions are a talent's posts to suggest.
type Suggestions struct {
	List []Suggestion
	// Here is the talent's application status for the post on screen
	// ("" when none).
	Here model.AppStatus
}

// Suggest returns k posts for the talent, fairly ranked, leaving out posts
// they have applied to and here, the post on screen: a suggestion is for
// something still to do. It asks the index for a few more than k, and for
// more only when too many were left out: the cost of a page does not grow
// with the talent's applications. brief explains only the matched skills
// (the scan landing's suggestions).
func (s *Suggester) Suggest(ctx context.Context, talentID int64, k int, here int64, brief bool) (Suggestions, error) {
	applied, err := s.appliedOf(ctx, talentID)
	if err != nil {
		return Suggestions{}, err
	}
	out := Suggestions{Here: applied.status(here)}
	for want := 2*k + 1; ; want *= 4 {
		ms, err := s.rec.FairPostRanks(ctx, talentID, want)
		if err != nil {
			return out, err
		}
		var ids []int64
		for _, m := range ms {
			if applied.status(m.PostID) == "" && m.PostID != here {
				ids = append(ids, m.PostID)
			}
		}
		cards, err := s.PostCards(ctx, ids)
		if err != nil {
			return out, err
		}
		out.List = out.List[:0]
		for _, m := range ms {
			c, ok := cards[m.PostID] // only asked for posts not done
			if !ok {
				continue // done, or gone since the index saw it
			}
			if brief {
				sk, ok, err := s.rec.MatchedSkills(ctx, talentID, m.PostID)
				if err != nil {
					return out, err
				}
				if !ok {
					continue // left the index since the list was read
				}
				m.Explanation.Matched = sk
			} else {
				e, ok, err := s.rec.Explain(ctx, talentID, m.PostID)
				if err != nil {
					return out, err
				}
				if !ok {
					continue
				}
				m.Explanation = e
			}
			out.List = append(out.List, Suggestion{Match: m, Card: c})
			if len(out.List) == k {
				break
			}
		}
		if len(out.List) == k || len(ms) < want {
			return out, nil
		}
	}
}

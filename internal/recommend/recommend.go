// Package recommend keeps a person-post matching index (internal/match)
// current with the store, for the web layer's recommendations, matched
// candidates and matching rate.
//
// The index is a derived cache, rebuilt from the database; it is never a
// source of truth and nothing is written back. Each instance holds its own:
//
//   - at start (or first use) it is built from every talent and the current
//     edition's open posts;
//   - this instance's own edits are applied at once (Talent, Post);
//   - edits made through other instances arrive by polling: every Every the
//     rows whose updated_at is at or after the newest seen minus Overlap are
//     read again and applied when their updated_at differs from what was
//     applied; closed posts, and posts of another edition, are removed;
//   - every Rebuild the index is built anew off to the side and swapped in,
//     which also repairs whatever a poll cannot see (deleted rows, a writer
//     whose clock lagged by more than Overlap);
//   - a change of current edition rebuilds at the next poll.
//
// So several stateless instances over one database converge within about
// Every of any edit. Reads never wait for a poll: a read that finds the
// last poll older than Every polls first when no other poll is running.
package recommend

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// Source is what the recommender reads: only the fields a score uses, for
// every talent and the current edition's open posts, and the rows changed
// since a time, so the index can be kept current by polling. *store.DB
// provides it; tests may give a fake.
type Source interface {
	CurrentEdition(ctx context.Context) (model.Edition, error)
	MatchTalents(ctx context.Context, since time.Time) ([]model.Talent, error)
	MatchOpenPosts(ctx context.Context, editionID int64) ([]store.MatchPost, error)
	MatchPostsSince(ctx context.Context, since time.Time) ([]store.MatchPost, error)
	PostCards(ctx context.Context, ids []int64) ([]store.PostCard, error)
	TalentCards(ctx context.Context, ids []int64) ([]store.TalentCard, error)
}

// Options configure a Recommender; zero values take the defaults.
type Options struct {
	Every   time.Duration // poll interval; default 3s
	Overlap time.Duration // how far behind the newest updated_at a poll reads; default 30s
	Rebuild time.Duration // full rebuild interval for Run; default 10m
	Index   match.Options
}

func (o Options) withDefaults() Options {
	if o.Every <= 0 {
		o.Every = 3 * time.Second
	}
	if o.Overlap <= 0 {
		o.Overlap = 30 * time.Second
	}
	if o.Rebuild <= 0 {
		o.Rebuild = 10 * time.Minute
	}
	return o
}

// ErrNoEdition is returned while there is no current edition.
var ErrNoEdition = errors.New("recommend: no current edition")

// Recommender answers matching questions from an index it keeps current.
// It is safe for concurrent use.
type Recommender struct {
	src Source
	opt Options

	sync sync.Mutex // one build or poll at a time

	mu      sync.RWMutex // guards the fields below
	ix      *match.Index
	edition int64
	mark    time.Time           // newest updated_at seen on either side
	seenT   map[int64]time.Time // updated_at applied per talent
	seenP   map[int64]time.Time // updated_at applied per post
	polled  time.Time           // when the last build or poll finished
}

// New returns a recommender over src; the index is built on first use, or
// by Build or Run.
func New(src Source, opt Options) *Recommender {
	return &Recommender{src: src, opt: opt.withDefaults()}
}

// Build builds the index from the store now and swaps it in.
func (r *Recommender) Build(ctx context.Context) error {
	r.sync.Lock()
	defer r.sync.Unlock()
	return r.build(ctx)
}

func (r *Recommender) build(ctx context.Context) error {
	e, err := r.src.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	ts, err := r.src.MatchTalents(ctx, time.Time{})
	if err != nil {
		return err
	}
	ps, err := r.src.MatchOpenPosts(ctx, e.ID)
	if err != nil {
		return err
	}
	seenT, seenP := make(map[int64]time.Time, len(ts)), make(map[int64]time.Time, len(ps))
	var mark time.Time
	mt := make([]match.Talent, len(ts))
	for i, t := range ts {
		mt[i], seenT[t.ID] = Talent(t), t.UpdatedAt
		mark = later(mark, t.UpdatedAt)
	}
	mp := make([]match.Post, len(ps))
	for i, p := range ps {
		mp[i], seenP[p.ID] = Post(p.Post, true), p.UpdatedAt
		mark = later(mark, p.UpdatedAt)
	}
	ix, err := match.Build(mt, mp, r.opt.Index)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.ix, r.edition, r.mark, r.seenT, r.seenP, r.polled = ix, e.ID, mark, seenT, seenP, time.Now()
	r.mu.Unlock()
	return nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Poll applies the rows changed since the last poll (with Overlap), or
// builds when there is no index yet or the current edition changed.
func (r *Recommender) Poll(ctx context.Context) error {
	r.sync.Lock()
	defer r.sync.Unlock()
	return r.poll(ctx)
}

func (r *Recommender) poll(ctx context.Context) error {
	r.mu.RLock()
	ix, edition, since := r.ix, r.edition, r.mark.Add(-r.opt.Overlap)
	r.mu.RUnlock()
	if ix == nil {
		return r.build(ctx)
	}
	e, err := r.src.CurrentEdition(ctx)
	if err != nil {
		return err
	}
	if e.ID != edition {
		return r.build(ctx)
	}
	ts, err := r.src.MatchTalents(ctx, since)
	if err != nil {
		return err
	}
	ps, err := r.src.MatchPostsSince(ctx, since)
	if err != nil {
		return err
	}
	for _, t := range ts {
		r.applyTalent(t, true)
	}
	for _, p := range ps {
		r.applyPost(p.Post, p.EditionID, true)
	}
	r.mu.Lock()
	r.polled = time.Now()
	r.mu.Unlock()
	return nil
}

// applyTalent puts t in the index unless a poll finds that version already
// applied; own edits always apply (the caller may hold a stale UpdatedAt,
// which only makes the next poll apply the row once more). Only polled rows
// move the mark: an own edit must not hide older rows of
// other instances that no poll has read yet.
func (r *Recommender) applyTalent(t model.Talent, polled bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ix == nil {
		return
	}
	if polled {
		r.mark = later(r.mark, t.UpdatedAt)
	}
	if seen, ok := r.seenT[t.ID]; ok && polled && seen.Equal(t.UpdatedAt) {
		return
	}
	r.seenT[t.ID] = t.UpdatedAt
	r.ix.UpsertTalent(Talent(t))
}

// applyPost puts p in the index when open in the current edition, else
// takes it out; see applyTalent.
func (r *Recommender) applyPost(p model.Post, editionID int64, polled bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ix == nil {
		return
	}
	if polled {
		r.mark = later(r.mark, p.UpdatedAt)
	}
	if seen, ok := r.seenP[p.ID]; ok && polled && seen.Equal(p.UpdatedAt) {
		return
	}
	r.seenP[p.ID] = p.UpdatedAt
	if p.Status == model.PostOpen && editionID == r.edition {
		r.ix.UpsertPost(Post(p, true))
		return
	}
	_ = r.ix.RemovePost(p.ID) // ErrNotFound: it was not held, nothing to take out
}

// Talent applies this instance's own save of a profile at once.
func (r *Recommender) Talent(t model.Talent) { r.applyTalent(t, false) }

// Post applies this instance's own save of a post at once; the post's fair
// must be of editionID for it to be recommended.
func (r *Recommender) Post(p model.Post, editionID int64) { r.applyPost(p, editionID, false) }

// Edition is the current edition the index was built for (0 before a build).
func (r *Recommender) Edition() int64 {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.edition
}

// Run builds the index, then polls every Every and rebuilds every Rebuild
// until ctx ends. Errors are passed to report and retried at the next tick.
func (r *Recommender) Run(ctx context.Context, report func(error)) {
	if err := r.Build(ctx); err != nil {
		report(err)
	}
	poll := time.NewTicker(r.opt.Every)
	defer poll.Stop()
	rebuild := time.NewTicker(r.opt.Rebuild)
	defer rebuild.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case <-poll.C:
			err = r.Poll(ctx)
		case <-rebuild.C:
			err = r.Build(ctx)
		}
		if err != nil && ctx.Err() == nil {
			report(err)
		}
	}
}

// index returns the current index, polling first when the last poll is
// older than Every and no other poll is running (so reads stay current
// without a Run loop, and never queue behind a poll).
func (r *Recommender) index(ctx context.Context) (*match.Index, error) {
	r.mu.RLock()
	ix, stale := r.ix, time.Since(r.polled) >= r.opt.Every
	r.mu.RUnlock()
	if ix == nil {
		if err := r.Build(ctx); err != nil {
			return nil, err
		}
	} else if stale && r.sync.TryLock() {
		err := r.poll(ctx)
		r.sync.Unlock()
		if err != nil {
			return nil, err
		}
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.ix, nil
}

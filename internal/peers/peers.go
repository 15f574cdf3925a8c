// Package peers keeps several `convene serve` instances on one PostgreSQL
// in agreement within a fraction of a second. After its commits each
// instance sends what changed on its notify bus (posts and talents saved,
// applications made or moved) to the others in batches, one NOTIFY per
// batch and never from a trigger, so commits stay independent; each
// instance reloads the rows it is told of and republishes them on its own
// bus (marked notify.FromPeer, so they are not sent back). The match index,
// the scan landing's caches and the dashboard then follow another
// instance's change as they follow their own; their polls remain the
// repair for anything a lost notification missed (a listener reconnecting,
// an instance starting). Sessions and tokens need none of this: every
// instance confirms them in the database on each request.
package peers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/store"
)

// batchWait gathers one burst of changes into one notification.
const batchWait = 50 * time.Millisecond

// maxIDs bounds the ids of one notification (PostgreSQL caps a payload at
// 8,000 bytes); a bigger batch goes out in several.
const maxIDs = 400

// applied is one application made elsewhere: enough for the
// recommendations' "applied" marks.
type applied struct {
	Talent int64           `json:"t"`
	Post   int64           `json:"p"`
	Status model.AppStatus `json:"s"`
}

// batch is one notification's payload.
type batch struct {
	From    string    `json:"f"`
	Posts   []int64   `json:"p,omitempty"`
	Talents []int64   `json:"t,omitempty"`
	Applied []applied `json:"a,omitempty"`
	Moved   int       `json:"m,omitempty"` // applications moved
}

func (b batch) empty() bool {
	return len(b.Posts) == 0 && len(b.Talents) == 0 && len(b.Applied) == 0 && b.Moved == 0
}

// Peers sends this instance's changes and applies the others'.
type Peers struct {
	db  *store.DB
	bus *notify.Bus
	log *slog.Logger
	id  string

	mu      sync.Mutex
	pending batch
	kick    chan struct{}

	received atomic.Int64 // batches applied from other instances
}

// New follows bus's changes; Run sends and receives them.
func New(db *store.DB, bus *notify.Bus, log *slog.Logger) *Peers {
	var b [8]byte
	rand.Read(b[:])
	p := &Peers{db: db, bus: bus, log: log, id: hex.EncodeToString(b[:]), kick: make(chan struct{}, 1)}
	bus.Subscribe(p.follow)
	return p
}

// Received counts the batches applied from other instances (tests, metrics).
func (p *Peers) Received() int64 { return p.received.Load() }

// follow gathers this instance's own changes.
func (p *Peers) follow(ctx context.Context, e notify.Event) {
	if notify.FromPeer(ctx) {
		return
	}
	p.mu.Lock()
	switch e := e.(type) {
	case notify.PostsSaved:
		for _, x := range e.Posts {
			p.pending.Posts = append(p.pending.Posts, x.ID)
		}
	case notify.TalentSaved:
		p.pending.Talents = append(p.pending.Talents, e.Talent.ID)
	case notify.Applied:
		if e.Created {
			a := e.Application
			p.pending.Applied = append(p.pending.Applied, applied{a.TalentID, a.PostID, a.Status})
		}
	case notify.ApplicationsMoved:
		p.pending.Moved += len(e.IDs)
	}
	p.mu.Unlock()
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// Run sends and receives until ctx ends; on SQLite (one instance) it
// returns at once. ready, if set, is called each time the listener is
// subscribed.
func (p *Peers) Run(ctx context.Context, ready func()) {
	if p.db.Dialect() != "postgres" {
		return
	}
	go p.send(ctx)
	for ctx.Err() == nil {
		err := p.db.ListenChanges(ctx, ready, p.receive)
		if ctx.Err() != nil {
			return
		}
		p.log.Warn("peers: listening again in a second", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// send flushes what gathered, batchWait after the first change of a burst.
func (p *Peers) send(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.kick:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(batchWait):
		}
		p.mu.Lock()
		b := p.pending
		p.pending = batch{}
		p.mu.Unlock()
		for _, part := range split(b) {
			part.From = p.id
			payload, _ := json.Marshal(part)
			if err := p.db.PublishChanges(ctx, string(payload)); err != nil && ctx.Err() == nil {
				p.log.Warn("peers: publish", "err", err) // the others' polls catch up
			}
		}
	}
}

// split cuts a batch into notifications of at most maxIDs ids each.
func split(b batch) []batch {
	var out []batch
	for !b.empty() {
		var part batch
		n := maxIDs
		take := func(ids *[]int64) []int64 {
			k := min(n, len(*ids))
			got := (*ids)[:k:k]
			*ids, n = (*ids)[k:], n-k
			return got
		}
		part.Posts = take(&b.Posts)
		part.Talents = take(&b.Talents)
		k := min(n/3, len(b.Applied)) // an application is three numbers
		part.Applied, b.Applied = b.Applied[:k:k], b.Applied[k:]
		part.Moved, b.Moved = b.Moved, 0
		out = append(out, part)
	}
	return out
}

// receive republishes another instance's batch on this instance's bus.
func (p *Peers) receive(payload string) {
	var b batch
	if payload == "" || json.Unmarshal([]byte(payload), &b) != nil || b.From == p.id {
		return
	}
	ctx := notify.WithPeer(context.Background())
	if len(b.Posts) > 0 {
		posts := make([]model.Post, 0, len(b.Posts))
		for _, id := range b.Posts {
			x, err := p.db.Post(ctx, id)
			if err != nil {
				continue // deleted, or the database is away: the poll repairs
			}
			posts = append(posts, x)
		}
		p.bus.Publish(ctx, notify.PostsSaved{Posts: posts})
	}
	for _, id := range b.Talents {
		if t, err := p.db.Talent(ctx, id); err == nil {
			p.bus.Publish(ctx, notify.TalentSaved{Talent: t})
		}
	}
	for _, a := range b.Applied {
		p.bus.Publish(ctx, notify.Applied{Application: model.Application{TalentID: a.Talent, PostID: a.Post, Status: a.Status}, Created: true})
	}
	if b.Moved > 0 {
		p.bus.Publish(ctx, notify.Elsewhere{Kinds: []string{"applications"}})
	}
	p.received.Add(1)
}

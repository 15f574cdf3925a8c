// Package notify tells this instance's services of changes made here,
// right after they commit: a post saved, a talent's profile saved, an
// application made or moved. Handlers publish; the match index, the scan
// landing's caches (and later the dashboard and webhooks) subscribe, so no
// handler wires another area's side effects by hand. It is in-process and
// synchronous: subscribers must be quick and must not fail the change.
// Changes made through other instances on the same PostgreSQL arrive too,
// republished here by internal/peers with FromPeer(ctx) true (and only
// what a subscriber needs reloaded; Elsewhere for the rest).
package notify

import (
	"context"
	"sync"

	"github.com/convene/convene/internal/model"
)

// Event is one of the change types below.
type Event interface{ event() }

// TalentSaved: a talent's profile was created or changed.
type TalentSaved struct{ Talent model.Talent }

// PostsSaved: posts were created, edited, imported, opened or closed.
type PostsSaved struct{ Posts []model.Post }

// Applied: a talent applied (Created is false when they had already).
type Applied struct {
	Application model.Application
	Created     bool
}

// ApplicationsMoved: an enterprise moved applications to a status.
type ApplicationsMoved struct {
	IDs []int64
	To  model.AppStatus
}

// Elsewhere: another instance changed applications (kinds it names); the
// subscribers that only recompute (the dashboard) listen for it.
type Elsewhere struct{ Kinds []string }

func (Elsewhere) event()         {}
func (TalentSaved) event()       {}
func (PostsSaved) event()        {}
func (Applied) event()           {}
func (ApplicationsMoved) event() {}

// Bus delivers events to subscribers in the order they subscribed. The
// zero value is ready.
type Bus struct {
	mu   sync.RWMutex
	subs []func(context.Context, Event)
}

// Subscribe adds f; f sees every event and picks the kinds it cares for.
func (b *Bus) Subscribe(f func(context.Context, Event)) {
	b.mu.Lock()
	b.subs = append(b.subs, f)
	b.mu.Unlock()
}

// Publish hands e to every subscriber, after the change has committed.
func (b *Bus) Publish(ctx context.Context, e Event) {
	b.mu.RLock()
	subs := b.subs
	b.mu.RUnlock()
	for _, f := range subs {
		f(ctx, e)
	}
}

type peerKey struct{}

// WithPeer marks ctx as carrying another instance's change, which must not
// be sent back out.
func WithPeer(ctx context.Context) context.Context { return context.WithValue(ctx, peerKey{}, true) }

// FromPeer reports whether ctx carries another instance's change.
func FromPeer(ctx context.Context) bool { v, _ := ctx.Value(peerKey{}).(bool); return v }

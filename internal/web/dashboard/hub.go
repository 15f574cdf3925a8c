package dashboard

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/store"
)

// Hub fans the live figures out to this instance's streams. It recomputes
// them (once per edition and language, not per stream) when this
// instance's notify bus reports a change, after the commit, batching what
// comes within batchWait; and, for changes made through other instances,
// when a cheap "latest change" stamp (store.LatestChange: a few index
// lookups) differs from the last one, polled every `every`. No database
// trigger or per-row NOTIFY: commits stay independent. The hub runs only
// while a stream is connected.
type Hub struct {
	db    *store.DB
	log   *slog.Logger
	every time.Duration
	// build renders an edition's payload in each language ("zh", "en").
	build func(ctx context.Context, editionID int64) (map[string][]byte, error)

	mu       sync.Mutex
	subs     map[*Sub]struct{}
	last     map[int64]map[string][]byte
	building map[int64]*building // first payloads being built
	running  bool
	kick     chan struct{}
}

// building is a first payload under way, which the streams that connect
// meanwhile wait for instead of each building their own.
type building struct {
	done chan struct{}
	p    map[string][]byte
	err  error
}

// batchWait gathers the bus's events of one burst into one recompute.
const batchWait = 100 * time.Millisecond

// Sub is one connected stream.
type Sub struct {
	edition int64
	lang    string
	C       chan []byte // the newest payload; an older unread one is dropped
}

// NewHub returns an idle hub listening to bus.
func NewHub(db *store.DB, bus *notify.Bus, log *slog.Logger, every time.Duration) *Hub {
	h := &Hub{db: db, log: log, every: every, subs: map[*Sub]struct{}{}, last: map[int64]map[string][]byte{}, building: map[int64]*building{}, kick: make(chan struct{}, 1)}
	if bus != nil {
		bus.Subscribe(func(context.Context, notify.Event) {
			select {
			case h.kick <- struct{}{}:
			default:
			}
		})
	}
	return h
}

// Subscribe connects a stream to an edition's figures in lang and returns
// the payload to send first.
func (h *Hub) Subscribe(ctx context.Context, editionID int64, lang string) (*Sub, []byte, error) {
	s := &Sub{edition: editionID, lang: lang, C: make(chan []byte, 1)}
	h.mu.Lock()
	first := h.last[editionID][lang]
	h.subs[s] = struct{}{}
	start := !h.running
	h.running = true
	h.mu.Unlock()
	if start {
		// The stamp is read before the first payload is built, so a change
		// committed in between differs from it and is sent. (Read in the
		// loop's goroutine, it could already include a change the first
		// payload missed, which was then never sent.)
		stamp, _ := h.db.LatestChange(ctx)
		go h.loop(stamp)
	}
	if first == nil {
		p, err := h.firstPayload(ctx, editionID)
		if err != nil {
			h.Unsubscribe(s)
			return nil, nil, err
		}
		first = p[lang]
	}
	return s, first, nil
}

// firstPayload builds an edition's payload once for all the streams that
// connect before it is cached: a thousand browsers reconnecting together
// (a restart, a venue's screens switched on) each built their own, the
// figures computed a thousand times over (measured: 300 streams took 7.8 s
// to open on a small convention; BenchmarkDashboardStreams).
func (h *Hub) firstPayload(ctx context.Context, editionID int64) (map[string][]byte, error) {
	h.mu.Lock()
	if p := h.last[editionID]; p != nil {
		h.mu.Unlock()
		return p, nil
	}
	if b := h.building[editionID]; b != nil {
		h.mu.Unlock()
		select {
		case <-b.done:
			return b.p, b.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	b := &building{done: make(chan struct{})}
	h.building[editionID] = b
	h.mu.Unlock()
	// Not cut short when this stream's browser leaves: others wait for it.
	b.p, b.err = h.refreshOne(context.WithoutCancel(ctx), editionID)
	h.mu.Lock()
	delete(h.building, editionID)
	h.mu.Unlock()
	close(b.done)
	return b.p, b.err
}

// Unsubscribe disconnects s.
func (h *Hub) Unsubscribe(s *Sub) {
	h.mu.Lock()
	delete(h.subs, s)
	h.mu.Unlock()
}

// Streams is how many streams are connected.
func (h *Hub) Streams() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

func (h *Hub) loop(stamp string) {
	ctx := context.Background()
	tick := time.NewTicker(h.every)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
		case <-h.kick:
			time.Sleep(batchWait)
			select { // the burst's other events are in this recompute
			case <-h.kick:
			default:
			}
		}
		h.mu.Lock()
		if len(h.subs) == 0 {
			h.running = false
			h.last = map[int64]map[string][]byte{} // stale once nobody watches
			h.mu.Unlock()
			return
		}
		h.mu.Unlock()
		s, err := h.db.LatestChange(ctx)
		if err != nil {
			h.log.Warn("dashboard: latest change", "err", err)
			continue
		}
		if s == stamp {
			continue
		}
		stamp = s
		h.refresh(ctx)
	}
}

// refresh recomputes every watched edition and sends it.
func (h *Hub) refresh(ctx context.Context) {
	h.mu.Lock()
	eds := map[int64]bool{}
	for s := range h.subs {
		eds[s.edition] = true
	}
	h.mu.Unlock()
	for id := range eds {
		if _, err := h.refreshOne(ctx, id); err != nil {
			h.log.Warn("dashboard: live figures", "edition", id, "err", err)
		}
	}
}

func (h *Hub) refreshOne(ctx context.Context, editionID int64) (map[string][]byte, error) {
	p, err := h.build(ctx, editionID)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	h.last[editionID] = p
	for s := range h.subs {
		if s.edition != editionID {
			continue
		}
		select { // keep only the newest
		case <-s.C:
		default:
		}
		s.C <- p[s.lang]
	}
	h.mu.Unlock()
	return p, nil
}

package video

import (
	"context"
	"sync"
	"time"

	"github.com/convene/convene/internal/store"
)

// pollEvery is how often an instance looks for signaling and chat written
// by other instances (messages written here wake their room at once).
const pollEvery = 250 * time.Millisecond

// Signaling messages matter only while calls are set up: the poller deletes
// those older than keepSignals, every pruneEvery (chat stays with the
// meeting).
const (
	keepSignals = 2 * time.Hour
	pruneEvery  = 10 * time.Minute
)

// hub wakes the streams of a room on this instance. While any stream is
// open, one poller reads other instances' rows: one query per pollEvery,
// whatever the number of rooms.
type hub struct {
	db      *store.DB
	mu      sync.Mutex
	rooms   map[int64]map[chan struct{}]struct{}
	polling bool
}

func newHub(db *store.DB) *hub {
	return &hub{db: db, rooms: map[int64]map[chan struct{}]struct{}{}}
}

// subscribe returns a channel that receives when the room has news.
func (h *hub) subscribe(room int64) chan struct{} {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.rooms[room] == nil {
		h.rooms[room] = map[chan struct{}]struct{}{}
	}
	h.rooms[room][c] = struct{}{}
	if !h.polling {
		h.polling = true
		go h.poll()
	}
	return c
}

func (h *hub) unsubscribe(room int64, c chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.rooms[room], c)
	if len(h.rooms[room]) == 0 {
		delete(h.rooms, room)
	}
}

// wake tells the room's streams to read.
func (h *hub) wake(room int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.rooms[room] {
		select {
		case c <- struct{}{}:
		default: // already woken
		}
	}
}

// streams counts the open streams.
func (h *hub) streams() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, cs := range h.rooms {
		n += len(cs)
	}
	return n
}

// poll runs while streams are open.
func (h *hub) poll() {
	ctx := context.Background()
	sig, chat, err := h.db.VideoCursors(ctx)
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	var pruned time.Time
	for range t.C {
		h.mu.Lock()
		if len(h.rooms) == 0 {
			h.polling = false
			h.mu.Unlock()
			return
		}
		h.mu.Unlock()
		if err != nil { // the first read failed: start from now
			if sig, chat, err = h.db.VideoCursors(ctx); err != nil {
				continue
			}
		}
		if time.Since(pruned) > pruneEvery {
			pruned = time.Now()
			h.db.PruneVideoSignals(ctx, pruned.Add(-keepSignals))
		}
		rooms, s, c, perr := h.db.VideoActivityAfter(ctx, sig, chat)
		if perr != nil {
			continue
		}
		sig, chat = s, c
		for _, r := range rooms {
			h.wake(r)
		}
	}
}

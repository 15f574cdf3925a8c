// Package visits counts views (the seed's "130,000 visits") per target, day
// and channel without slowing the page: a view adds one to a map in
// memory, and a background loop writes the map every FlushEvery as one
// transaction with one upsert per key. The price is durability: a crash
// loses at most the last second of counts, which is acceptable for a figure
// of this kind; a graceful stop (Close, after http.Server.Shutdown) loses
// nothing.
//
// What is counted: the target's kind is what was viewed ("post" or
// "enterprise"), the channel how the visitor came: "scan" for the scan
// landing, else "mobile" or "pc" (the web layer tells them apart).
package visits

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// FlushEvery is how often counts are written.
const FlushEvery = time.Second

// Counter buffers counts and writes them in the background.
type Counter struct {
	db  *store.DB
	log *slog.Logger

	// flushing serializes flushes: a Flush that finds the buffer empty
	// because the loop has just taken it must still wait for that write,
	// or "Flush then read" would miss counts already taken.
	flushing sync.Mutex

	mu      sync.Mutex
	counts  map[key]int
	running bool
	closed  bool
	stop    chan struct{}
	done    chan struct{}
}

// key buckets by UTC minute; the day is worked out at flush time in the
// edition's time zone (every zone's offset is whole minutes).
type key struct {
	kind    string
	id      int64
	channel model.Channel
	minute  int64
}

// New returns a counter writing to db (nil counts nothing).
func New(db *store.DB, log *slog.Logger) *Counter { return &Counter{db: db, log: log} }

// Count counts one view of a target through a channel. It never blocks on
// the database.
func (c *Counter) Count(kind string, id int64, ch model.Channel) {
	if c.db == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	if c.counts == nil {
		c.counts = map[key]int{}
	}
	c.counts[key{kind, id, ch, time.Now().Unix() / 60}]++
	if !c.running {
		c.running = true
		c.stop, c.done = make(chan struct{}), make(chan struct{})
		go c.loop(c.stop, c.done)
	}
}

func (c *Counter) loop(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(FlushEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if err := c.Flush(ctx); err != nil {
				c.log.Warn("flush visits", "err", err)
			}
			cancel()
		}
	}
}

// Flush writes the buffered counts now. On failure they go back into the
// buffer for the next try.
func (c *Counter) Flush(ctx context.Context) error {
	c.flushing.Lock()
	defer c.flushing.Unlock()
	c.mu.Lock()
	counts := c.counts
	c.counts = nil
	c.mu.Unlock()
	if len(counts) == 0 {
		return nil
	}
	loc := time.UTC
	if e, err := c.db.CurrentEdition(ctx); err == nil {
		if l, err := time.LoadLocation(e.TimeZone); err == nil {
			loc = l
		}
	}
	type dayKey struct {
		kind    string
		id      int64
		day     string
		channel model.Channel
	}
	sum := map[dayKey]int{}
	var order []dayKey
	for k, n := range counts {
		d := dayKey{k.kind, k.id, time.Unix(k.minute*60, 0).In(loc).Format("2006-01-02"), k.channel}
		if _, ok := sum[d]; !ok {
			order = append(order, d)
		}
		sum[d] += n
	}
	vs := make([]store.VisitCount, 0, len(order))
	for _, d := range order {
		vs = append(vs, store.VisitCount{TargetKind: d.kind, TargetID: d.id, Day: d.day, Channel: d.channel, Count: sum[d]})
	}
	if err := c.db.AddVisits(ctx, vs); err != nil {
		c.mu.Lock()
		if c.counts == nil {
			c.counts = map[key]int{}
		}
		for k, n := range counts {
			c.counts[k] += n
		}
		c.mu.Unlock()
		return err
	}
	return nil
}

// Close stops the flush loop and writes what is left. Call it after the
// HTTP server has shut down; visits after Close are not counted.
func (c *Counter) Close() error {
	c.mu.Lock()
	c.closed = true
	running, stop, done := c.running, c.stop, c.done
	c.running = false
	c.mu.Unlock()
	if running {
		close(stop)
		<-done
	}
	if c.db == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return c.Flush(ctx)
}

package web

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// Visits (the seed's "130,000 visits") are counted per target, day and
// channel without slowing the page: a view adds one to a map in memory, and
// a background loop writes the map every flushEvery as one transaction with
// one upsert per key. The price is durability: a crash loses at most the
// last second of counts, which is acceptable for a figure of this kind; a
// graceful stop (Close, after http.Server.Shutdown) loses nothing.
//
// What is counted: target_kind is what was viewed ("post" or "enterprise"),
// the channel how the visitor came: "scan" for the scan landing /s/{token},
// else "mobile" or "pc" by User-Agent (channelOf).

const flushEvery = time.Second

// scanState is the apply-by-scan area's per-instance state: only caches
// and buffers, nothing another instance needs. Its zero value is ready.
type scanState struct {
	secretMu sync.Mutex
	secret   []byte

	mu      sync.Mutex
	counts  map[visitKey]int
	running bool
	closed  bool
	stop    chan struct{}
	done    chan struct{}
}

// visitKey buckets by UTC minute; the day is worked out at flush time in
// the edition's time zone (every zone's offset is whole minutes).
type visitKey struct {
	kind    string
	id      int64
	channel model.Channel
	minute  int64
}

// mobileUA are User-Agent fragments of phones and tablets.
var mobileUA = []string{"Mobi", "Android", "iPhone", "iPad", "HarmonyOS", "MicroMessenger"}

// channelOf tells a phone from a computer by its User-Agent: good enough for
// a figure, and no script or cookie is needed.
func channelOf(r *http.Request) model.Channel {
	ua := r.UserAgent()
	for _, m := range mobileUA {
		if strings.Contains(ua, m) {
			return model.ChannelMobile
		}
	}
	return model.ChannelPC
}

// countVisit counts one view of a target ("post" or "enterprise") through a
// channel. It never blocks on the database; other areas call it from their
// page handlers, e.g. s.countVisit("post", id, channelOf(r)).
func (s *Server) countVisit(kind string, id int64, ch model.Channel) {
	if s.store == nil {
		return
	}
	st := &s.scan
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return
	}
	if st.counts == nil {
		st.counts = map[visitKey]int{}
	}
	st.counts[visitKey{kind, id, ch, time.Now().Unix() / 60}]++
	if !st.running {
		st.running = true
		st.stop, st.done = make(chan struct{}), make(chan struct{})
		go s.flushLoop(st.stop, st.done)
	}
}

func (s *Server) flushLoop(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if err := s.FlushVisits(ctx); err != nil {
				s.log.Warn("flush visits", "err", err)
			}
			cancel()
		}
	}
}

// FlushVisits writes the buffered counts now. On failure they go back into
// the buffer for the next try.
func (s *Server) FlushVisits(ctx context.Context) error {
	st := &s.scan
	st.mu.Lock()
	counts := st.counts
	st.counts = nil
	st.mu.Unlock()
	if len(counts) == 0 {
		return nil
	}
	loc := time.UTC
	if e, err := s.store.CurrentEdition(ctx); err == nil {
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
	if err := s.store.AddVisits(ctx, vs); err != nil {
		st.mu.Lock()
		if st.counts == nil {
			st.counts = map[visitKey]int{}
		}
		for k, n := range counts {
			st.counts[k] += n
		}
		st.mu.Unlock()
		return err
	}
	return nil
}

// Close stops the flush loop and writes what is left. Call it after the
// HTTP server has shut down; visits after Close are not counted.
func (s *Server) Close() error {
	st := &s.scan
	st.mu.Lock()
	st.closed = true
	running, stop, done := st.running, st.stop, st.done
	st.running = false
	st.mu.Unlock()
	if running {
		close(stop)
		<-done
	}
	if s.store == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.FlushVisits(ctx)
}

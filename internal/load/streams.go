package load

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// StreamSet holds Server-Sent Events streams open to the live dashboard,
// as the venue's big screens and the organizers' browsers would: each
// reads the "live" events and notes when each value of the applications
// counter first reached it. A stream that ends is opened again after 2 s,
// as a browser's EventSource does (the server's retry: 2000).
//
// A stream keeps a 4 KiB reader and a few small records: the payload's
// charts are skipped unread, so thousands of streams stay cheap for the
// harness, whose memory is not the server's.
type StreamSet struct {
	streams []*liveStream
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	// Reconnects counts streams opened again after they ended; Failures,
	// attempts that got no stream (refused, not 200).
	Reconnects, Failures atomic.Int64
}

type liveStream struct {
	mu       sync.Mutex
	arrivals []arrival // each applications value as it first arrived, oldest first
	err      error     // the last failure, for the report
}

type arrival struct {
	apps int64
	at   time.Time
}

// keepArrivals bounds a stream's record: the harness waits for the newest
// values only.
const keepArrivals = 64

// StreamRetry is the browser's wait before opening an ended stream again.
const StreamRetry = 2 * time.Second

// OpenStreams opens n streams to url (loopback only) with tr, setting
// header(i) on the i-th, and waits until every stream has its first event
// or wait has passed.
func OpenStreams(ctx context.Context, tr http.RoundTripper, url string, n int, header func(i int) http.Header, wait time.Duration) (*StreamSet, error) {
	if _, err := CheckLoopback(url); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &StreamSet{streams: make([]*liveStream, n), cancel: cancel}
	c := &http.Client{Transport: tr}
	for i := range n {
		st := &liveStream{}
		s.streams[i] = st
		var h http.Header
		if header != nil {
			h = header(i)
		}
		s.wg.Go(func() { s.hold(ctx, c, url, h, st) })
	}
	deadline := time.Now().Add(wait)
	for {
		if s.Ready() == n {
			return s, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			got := s.Ready()
			err := s.firstError()
			s.Close()
			return nil, fmt.Errorf("load: %d of %d streams had their first event within %s (%v)", got, n, wait, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// hold keeps one stream open until ctx ends.
func (s *StreamSet) hold(ctx context.Context, c *http.Client, url string, h http.Header, st *liveStream) {
	for first := true; ctx.Err() == nil; first = false {
		if !first {
			s.Reconnects.Add(1)
		}
		if err := st.read(ctx, c, url, h); err != nil && ctx.Err() == nil {
			s.Failures.Add(1)
			st.mu.Lock()
			st.err = err
			st.mu.Unlock()
		}
		select {
		case <-ctx.Done():
		case <-time.After(StreamRetry):
		}
	}
}

var appsKey = []byte(`"applications":`)

// read reads one connection's events until it ends. A nil error is a
// stream that was open and then ended.
func (st *liveStream) read(ctx context.Context, c *http.Client, url string, h http.Header) error {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return &errStatus{code: resp.StatusCode}
	}
	br := bufio.NewReaderSize(resp.Body, 4096)
	event, lineStart := "", true
	for {
		line, err := br.ReadSlice('\n')
		if err != nil && err != bufio.ErrBufferFull {
			return nil // the stream ended (or ctx did)
		}
		if lineStart {
			switch {
			case bytes.HasPrefix(line, []byte("event: ")):
				event = string(bytes.TrimSpace(line[7:]))
			case bytes.HasPrefix(line, []byte("data: ")) && event == "live":
				// The counters come before the charts in the payload, so
				// within the first chunk of the line.
				if i := bytes.Index(line, appsKey); i >= 0 {
					rest := line[i+len(appsKey):]
					j := 0
					for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
						j++
					}
					if n, err := strconv.ParseInt(string(rest[:j]), 10, 64); err == nil {
						st.note(n, time.Now())
					}
				}
			case len(bytes.TrimSpace(line)) == 0:
				event = ""
			}
		}
		lineStart = err == nil // a full buffer: the rest of this line follows
	}
}

func (st *liveStream) note(apps int64, at time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if n := len(st.arrivals); n > 0 && st.arrivals[n-1].apps == apps {
		return // the same value again (a reconnect's first event)
	}
	if len(st.arrivals) == keepArrivals {
		st.arrivals = append(st.arrivals[:0], st.arrivals[1:]...)
	}
	st.arrivals = append(st.arrivals, arrival{apps, at})
}

// Ready is how many streams have had at least one event.
func (s *StreamSet) Ready() int {
	n := 0
	for _, st := range s.streams {
		st.mu.Lock()
		if len(st.arrivals) > 0 {
			n++
		}
		st.mu.Unlock()
	}
	return n
}

// Applications is the highest applications counter any stream has seen
// (-1 before any event).
func (s *StreamSet) Applications() int64 {
	m := int64(-1)
	for _, st := range s.streams {
		st.mu.Lock()
		if n := len(st.arrivals); n > 0 {
			m = max(m, st.arrivals[n-1].apps)
		}
		st.mu.Unlock()
	}
	return m
}

// Await waits until every stream has seen an applications counter of at
// least want, or until wait has passed, and returns when each got it (the
// zero time for a stream that did not).
func (s *StreamSet) Await(ctx context.Context, want int64, wait time.Duration) []time.Time {
	out := make([]time.Time, len(s.streams))
	deadline := time.Now().Add(wait)
	for {
		missing := 0
		for i, st := range s.streams {
			if !out[i].IsZero() {
				continue
			}
			st.mu.Lock()
			for _, a := range st.arrivals {
				if a.apps >= want {
					out[i] = a.at
					break
				}
			}
			st.mu.Unlock()
			if out[i].IsZero() {
				missing++
			}
		}
		if missing == 0 || time.Now().After(deadline) || ctx.Err() != nil {
			return out
		}
		time.Sleep(20 * time.Millisecond) // the arrival times are the streams' own
	}
}

func (s *StreamSet) firstError() error {
	for _, st := range s.streams {
		st.mu.Lock()
		err := st.err
		st.mu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}

// Close ends every stream and waits for their readers.
func (s *StreamSet) Close() {
	s.cancel()
	s.wg.Wait()
}

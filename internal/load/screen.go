package load

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/gen"
)

// screenScenario holds Config.Streams live dashboard streams open (the
// venue's big screens and organizers' browsers: StreamPath, /screen/stream
// by default, every other one in Chinese) and, one at a time, commits an
// application and measures how long it takes to reach every stream: from
// just before the POST that commits it (an upper bound on the commit's
// instant) to each stream's event carrying the new count. Virtual user 0
// alone commits; the others stay idle, so the streams are the load.
type screenScenario struct {
	cv      *convention
	streams *StreamSet
	opened  time.Duration
	client  *http.Client // a signed-in talent
	email   string
	next    int // the next post to try, an index into cv.posts
	updates int
}

// updateWait bounds the wait for one update on every stream.
const updateWait = 30 * time.Second

func (s *screenScenario) prepare(ctx context.Context, h *harness) (err error) {
	if h.cfg.Streams < 1 || h.cfg.Streams > MaxStreams {
		return fmt.Errorf("load: screen: streams must be 1 to %d, not %d", MaxStreams, h.cfg.Streams)
	}
	if s.cv, err = loadConvention(ctx, h); err != nil {
		return err
	}
	// A talent late in the list, so as not to share the scan scenario's.
	s.email = s.cv.talents[len(s.cv.talents)-1]
	v := &vu{h: h, res: &results{}}
	s.client = v.client()
	if !v.do(ctx, s.client, "login", "POST", "/api/v1/login", map[string]string{"email": s.email, "password": gen.DemoPassword}, nil, 200) {
		return fmt.Errorf("load: screen: signing in %s: %v", s.email, v.res.samples)
	}
	path := h.cfg.StreamPath
	if path == "" {
		path = "/screen/stream"
	}
	start := time.Now()
	s.streams, err = OpenStreams(ctx, h.tr, h.cfg.BaseURL+path, h.cfg.Streams, func(i int) http.Header {
		lang := "en"
		if i%2 == 0 {
			lang = "zh-CN"
		}
		return http.Header{"Accept-Language": {lang}}
	}, 2*time.Minute)
	s.opened = time.Since(start)
	return err
}

func (s *screenScenario) run(ctx context.Context, v *vu) {
	if v.id != 0 {
		return
	}
	defer s.streams.Close()
	for ctx.Err() == nil && v.take() {
		base := s.streams.Applications()
		t0, ok := s.apply(ctx, v)
		if !ok {
			continue
		}
		got := s.streams.Await(ctx, base+1, updateWait)
		if ctx.Err() != nil {
			return
		}
		s.updates++
		for _, at := range got {
			if at.IsZero() {
				v.res.record("update → stream", 0, fmt.Errorf("no update within %s", updateWait))
				continue
			}
			v.res.record("update → stream", at.Sub(t0), nil)
		}
		select { // a pause, so each update is measured alone
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// apply commits one new application (trying posts in turn until one is
// new to the talent) and returns when its request was sent.
func (s *screenScenario) apply(ctx context.Context, v *vu) (time.Time, bool) {
	for range 100 {
		post := s.cv.posts[s.next%len(s.cv.posts)]
		s.next += 7919 // a prime stride: posts of every fair and enterprise
		var out applyJ
		t0 := time.Now()
		if !v.do(ctx, s.client, "apply", "POST", "/api/v1/posts/"+strconv.FormatInt(post, 10)+"/apply", map[string]string{"channel": "pc"}, &out, 201, 200) {
			return t0, false
		}
		if out.Created {
			return t0, true
		}
	}
	return time.Time{}, false
}

func (s *screenScenario) notes(h *harness) []string {
	path := h.cfg.StreamPath
	if path == "" {
		path = "/screen/stream"
	}
	return []string{
		fmt.Sprintf("screen: %d streams held on %s (half zh, half en), opened in %.1f s; %d reopened after ending, %d failed attempts",
			h.cfg.Streams, path, s.opened.Seconds(), s.streams.Reconnects.Load(), s.streams.Failures.Load()),
		fmt.Sprintf("%d updates: one talent (%s) applies (POST /api/v1/posts/{id}/apply), then every stream waits for the new applications count; "+
			"'update → stream' is from before that POST to each stream's event, one sample per stream and update", s.updates, s.email),
		"the server's memory per stream is not measured here: go test ./internal/web -run '^$' -bench DashboardStreams",
	}
}

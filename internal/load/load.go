// Package load drives a running Convene server over HTTP with concurrent
// virtual users and reports, per operation, the count, the errors, the
// throughput and the latency distribution (p50, p99, p999). It is pure
// client code: it knows the server only through its HTTP API and, for ids
// and logins, through the generated convention the server was filled with
// (the same seed and scale give the same convention).
//
// It only ever targets loopback addresses, and every run is bounded in time
// and in requests.
package load

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Hard bounds on a run, whatever the flags say.
const (
	MaxDuration = 10 * time.Minute
	MaxVUs      = 1000
	MaxRequests = 10_000_000
	MaxStreams  = 5000
)

// Config describes one run.
type Config struct {
	BaseURL  string        // the server, e.g. http://127.0.0.1:8080; loopback only
	Also     []string      // more instances of it (one database): virtual users are spread over all, as a load balancer would
	Scenario string        // "scan", "replay", "screen", "docking", "checkin" or "gatedays"
	VUs      int           // concurrent virtual users
	Duration time.Duration // the scenario stops after this long
	Requests int           // ... or after this many requests (0: Duration alone)
	Ceiling  time.Duration // how long GET /healthz is driven first, as the ceiling (0: skip)

	Seed  int64   // the convention the server holds: convene simulate -seed
	Scale float64 // ... and -scale

	NewShare float64 // scan: share of visitors who are new talents and register first
	Talents  int     // scan: returning talents, signed in before the scenario (0: 16 per virtual user)

	Streams    int    // screen: live dashboard streams held open
	StreamPath string // screen: the stream ("": /screen/stream, the public big screen's)
}

// CheckLoopback parses a base URL and refuses anything that is not a
// loopback address: the harness is for measuring one's own server.
func CheckLoopback(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("load: target URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("load: target URL %q: scheme must be http or https", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("load: target %q is not a loopback address (127.0.0.0/8, ::1 or localhost): refusing to load another machine", host)
	}
	return u, nil
}

func (c *Config) check() error {
	if _, err := CheckLoopback(c.BaseURL); err != nil {
		return err
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	for i, u := range c.Also {
		if _, err := CheckLoopback(u); err != nil {
			return err
		}
		c.Also[i] = strings.TrimRight(u, "/")
	}
	switch {
	case c.VUs < 1 || c.VUs > MaxVUs:
		return fmt.Errorf("load: virtual users must be 1 to %d, not %d", MaxVUs, c.VUs)
	case c.Duration <= 0 || c.Duration > MaxDuration:
		return fmt.Errorf("load: duration must be above 0 and at most %s, not %s", MaxDuration, c.Duration)
	case c.Requests < 0 || c.Requests > MaxRequests:
		return fmt.Errorf("load: requests must be 0 to %d, not %d", MaxRequests, c.Requests)
	case c.Ceiling < 0 || c.Ceiling > MaxDuration:
		return fmt.Errorf("load: ceiling duration must be 0 to %s", MaxDuration)
	case c.NewShare < 0 || c.NewShare > 1:
		return fmt.Errorf("load: new-talent share must be 0 to 1, not %g", c.NewShare)
	case c.Talents < 0:
		return fmt.Errorf("load: returning talents must not be negative")
	case c.Scale <= 0:
		return fmt.Errorf("load: scale must be above 0")
	}
	return nil
}

// OpReport is one operation's figures.
type OpReport struct {
	Name                string
	Count, Errors       int64
	PerSec              float64 // successful requests per second of the phase
	P50, P99, P999, Max time.Duration
}

// Report is a run's figures.
type Report struct {
	Scenario string
	VUs      int
	Elapsed  time.Duration // of the scenario phase
	Ceiling  *OpReport     // GET /healthz alone, before the scenario
	Ops      []OpReport    // the scenario's operations, in first-seen order
	Total    OpReport      // every scenario request
	Samples  []string      // a few error messages
	Notes    []string      // what the scenario does and leaves out
}

// Op finds an operation's figures by name.
func (r *Report) Op(name string) (OpReport, bool) {
	for _, o := range r.Ops {
		if o.Name == name {
			return o, true
		}
	}
	return OpReport{}, false
}

// Run drives the server and reports.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	var sc scenario
	switch cfg.Scenario {
	case "scan":
		sc = &scanScenario{}
	case "replay":
		sc = &replayScenario{}
	case "screen":
		sc = &screenScenario{}
	case "docking":
		sc = &dockingScenario{}
	case "checkin":
		sc = &checkinScenario{}
	case "gatedays":
		sc = &gateDaysScenario{}
	default:
		return nil, fmt.Errorf("load: unknown scenario %q (scan, replay, screen, docking, checkin or gatedays)", cfg.Scenario)
	}
	tr := &http.Transport{
		Proxy:               nil, // never through a proxy: loopback only
		MaxIdleConns:        2 * cfg.VUs,
		MaxIdleConnsPerHost: 2 * cfg.VUs,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	defer tr.CloseIdleConnections()
	h := &harness{cfg: cfg, tr: tr}
	if err := h.ping(ctx); err != nil {
		return nil, err
	}
	rep := &Report{Scenario: cfg.Scenario, VUs: cfg.VUs}
	if err := sc.prepare(ctx, h); err != nil {
		return nil, err
	}
	if cfg.Ceiling > 0 {
		res, el := h.phase(ctx, cfg.Ceiling, 0, func(ctx context.Context, v *vu) {
			for ctx.Err() == nil && v.take() {
				v.do(ctx, v.plain, "healthz", "GET", "/healthz", nil, nil, 200)
			}
		})
		c := res.report(el)
		if len(c.Ops) > 0 {
			o := c.Ops[0]
			o.Name = "GET /healthz (ceiling)"
			rep.Ceiling = &o
		}
	}
	res, el := h.phase(ctx, cfg.Duration, cfg.Requests, sc.run)
	sr := res.report(el)
	rep.Elapsed, rep.Ops, rep.Total, rep.Samples = el, sr.Ops, sr.Total, sr.Samples
	rep.Notes = sc.notes(h)
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	return rep, nil
}

// scenario is what each virtual user does.
type scenario interface {
	prepare(ctx context.Context, h *harness) error
	run(ctx context.Context, v *vu)
	notes(h *harness) []string
}

type harness struct {
	cfg Config
	tr  *http.Transport
	run atomic.Int64 // a distinct number per run, for new accounts' emails
}

func (h *harness) ping(ctx context.Context) error {
	c := &http.Client{Transport: h.tr, Timeout: 5 * time.Second}
	req, err := http.NewRequestWithContext(ctx, "GET", h.cfg.BaseURL+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("load: server at %s: %w", h.cfg.BaseURL, err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("load: server at %s: /healthz answered %d", h.cfg.BaseURL, resp.StatusCode)
	}
	return nil
}

// phase runs fn in cfg.VUs goroutines for at most d and, when limit > 0, at
// most limit requests in all, and merges what they recorded.
func (h *harness) phase(ctx context.Context, d time.Duration, limit int, fn func(context.Context, *vu)) (*results, time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var budget atomic.Int64
	budget.Store(int64(limit))
	if limit <= 0 {
		budget.Store(1 << 62)
	}
	vus := make([]*vu, h.cfg.VUs)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range vus {
		vus[i] = newVU(h, i, &budget)
		wg.Go(func() { fn(ctx, vus[i]) })
	}
	wg.Wait()
	el := time.Since(start)
	all := &results{}
	for _, v := range vus {
		all.merge(v.res)
	}
	return all, el
}

// results are the recordings of one or more virtual users.
type results struct {
	order   []string
	ops     map[string]*opStats
	samples []string
}

type opStats struct {
	h      *hdrhistogram.Histogram // microseconds, successful requests
	errors int64
}

func newHist() *hdrhistogram.Histogram { return hdrhistogram.New(1, 60_000_000, 3) }

func (r *results) stats(op string) *opStats {
	if r.ops == nil {
		r.ops = map[string]*opStats{}
	}
	s := r.ops[op]
	if s == nil {
		s = &opStats{h: newHist()}
		r.ops[op] = s
		r.order = append(r.order, op)
	}
	return s
}

func (r *results) record(op string, d time.Duration, err error) {
	s := r.stats(op)
	if err != nil {
		s.errors++
		if len(r.samples) < 5 {
			r.samples = append(r.samples, op+": "+err.Error())
		}
		return
	}
	s.h.RecordValue(max(1, d.Microseconds()))
}

func (r *results) merge(o *results) {
	for _, op := range o.order {
		s := r.stats(op)
		s.h.Merge(o.ops[op].h)
		s.errors += o.ops[op].errors
	}
	for _, m := range o.samples {
		if len(r.samples) < 5 {
			r.samples = append(r.samples, m)
		}
	}
}

func (r *results) report(el time.Duration) *Report {
	rep := &Report{Samples: r.samples}
	total := newHist()
	for _, op := range r.order {
		s := r.ops[op]
		rep.Ops = append(rep.Ops, opReport(op, s.h, s.errors, el))
		total.Merge(s.h)
		rep.Total.Errors += s.errors
	}
	errs := rep.Total.Errors
	rep.Total = opReport("all", total, errs, el)
	return rep
}

func opReport(name string, h *hdrhistogram.Histogram, errs int64, el time.Duration) OpReport {
	us := func(v int64) time.Duration { return time.Duration(v) * time.Microsecond }
	o := OpReport{Name: name, Count: h.TotalCount(), Errors: errs}
	if el > 0 {
		o.PerSec = float64(o.Count) / el.Seconds()
	}
	if o.Count > 0 {
		o.P50, o.P99, o.P999, o.Max = us(h.ValueAtQuantile(50)), us(h.ValueAtQuantile(99)), us(h.ValueAtQuantile(99.9)), us(h.Max())
	}
	return o
}

// errStatus is an unexpected HTTP status.
type errStatus struct {
	code int
	body string
}

func (e *errStatus) Error() string { return fmt.Sprintf("HTTP %d %s", e.code, e.body) }

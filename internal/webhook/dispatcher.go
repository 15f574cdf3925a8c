package webhook

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/store"
)

// Options tune a Dispatcher; zero values take the defaults.
type Options struct {
	Policy Policy
	// Timeout bounds one attempt, connection to last byte (10 s).
	Timeout time.Duration
	// Workers send in parallel (32): a hanging receiver holds one.
	Workers int
	// Batch is how many deliveries one claim takes (64).
	Batch int
	// Poll is how often an idle dispatcher looks for due deliveries
	// (250 ms: an event reaches a healthy receiver well within a second).
	Poll time.Duration
	// Lease is how long a claimed delivery is this dispatcher's before it
	// is due again (Timeout plus a minute).
	Lease time.Duration
	// Backoff is the wait before attempt n+1 after n failures (DefaultBackoff).
	Backoff func(n int) time.Duration
	// MaxAttempts: after this many failures the delivery fails (15, about
	// three days with DefaultBackoff).
	MaxAttempts int
	// DisableAfter: an endpoint failing this long without a success is
	// disabled (5 days).
	DisableAfter time.Duration
	// Transport, when set, is the base transport (its TLS settings are
	// kept); the policy's dialer replaces its own.
	Transport *http.Transport
	Log       *slog.Logger
	Now       func() time.Time
}

// DefaultBackoff waits 5 s, then four times longer each failure, up to
// 10 hours, with a tenth of jitter so endpoints' retries spread out.
func DefaultBackoff(n int) time.Duration {
	d := 5 * time.Second
	for i := 1; i < n && d < 10*time.Hour; i++ {
		d *= 4
	}
	d = min(d, 10*time.Hour)
	return d + time.Duration(rand.Int64N(int64(d)/10+1))
}

// ExcerptLimit caps the response excerpt kept per attempt; at most
// readLimit bytes of an answer are read at all (a receiver answering 10 MB
// costs 64 KB).
const (
	ExcerptLimit = 1024
	readLimit    = 64 << 10
)

const defaultTimeout = 10 * time.Second

// Dispatcher sends the outbox's due deliveries.
type Dispatcher struct {
	db     *store.DB
	o      Options
	client *http.Client
	kick   chan struct{}
}

// New returns a dispatcher over db.
func New(db *store.DB, o Options) *Dispatcher {
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.Workers <= 0 {
		o.Workers = 32
	}
	if o.Batch <= 0 {
		o.Batch = 64
	}
	if o.Poll <= 0 {
		o.Poll = 250 * time.Millisecond
	}
	if o.Lease <= 0 {
		o.Lease = o.Timeout + time.Minute
	}
	if o.Backoff == nil {
		o.Backoff = DefaultBackoff
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 15
	}
	if o.DisableAfter <= 0 {
		o.DisableAfter = 5 * 24 * time.Hour
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Dispatcher{db: db, o: o, client: o.Policy.Client(o.Timeout, o.Transport), kick: make(chan struct{}, 1)}
}

// Kick makes the dispatcher look for due deliveries now.
func (d *Dispatcher) Kick() {
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// Run sends due deliveries until ctx ends. Workers take deliveries from a
// queue the claimer fills; the claimer claims again as soon as the queue
// has room, so a slow receiver holds one worker, never the others.
func (d *Dispatcher) Run(ctx context.Context) {
	jobs := make(chan store.Claimed, d.o.Batch)
	var wg sync.WaitGroup
	for range d.o.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				d.deliver(context.WithoutCancel(ctx), c)
			}
		}()
	}
	defer wg.Wait()
	defer close(jobs)
	t := time.NewTicker(d.o.Poll)
	defer t.Stop()
	for {
		n, err := d.claim(ctx, jobs)
		if err != nil && ctx.Err() == nil {
			d.o.Log.Warn("webhook claim", "err", err)
		}
		if n == d.o.Batch {
			continue // more may be due
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.kick:
		}
	}
}

// claim takes what the queue has room for and queues it.
func (d *Dispatcher) claim(ctx context.Context, jobs chan<- store.Claimed) (int, error) {
	room := cap(jobs) - len(jobs)
	if room == 0 {
		return 0, nil
	}
	cs, err := d.db.ClaimWebhookDeliveries(ctx, room, d.o.Lease)
	if err != nil {
		return 0, err
	}
	for _, c := range cs {
		jobs <- c
	}
	if len(cs) == room {
		return d.o.Batch, nil
	}
	return len(cs), nil
}

// RunOnce claims and sends what is due now, waiting for the answers: for
// tests and the benchmark. It returns how many deliveries it attempted.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	cs, err := d.db.ClaimWebhookDeliveries(ctx, d.o.Batch, d.o.Lease)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, d.o.Workers)
	for _, c := range cs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			d.deliver(ctx, c)
		}()
	}
	wg.Wait()
	return len(cs), nil
}

// Envelope is the body of every delivery: the event's type, when it
// happened, the payload version and the event's data.
type Envelope struct {
	Type      string          `json:"type"`
	Version   int             `json:"version"`
	Timestamp time.Time       `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// MessageID is a delivery's webhook-id: the same on every attempt and
// redelivery, so receivers dedupe by it.
func MessageID(deliveryID int64) string { return "msg_" + strconv.FormatInt(deliveryID, 10) }

// Body is a delivery's request body.
func Body(c store.Claimed) []byte {
	b, _ := json.Marshal(Envelope{Type: c.EventType, Version: 1, Timestamp: c.CreatedAt.UTC(), Data: json.RawMessage(c.Payload)})
	return b
}

// deliver makes one attempt and records it.
func (d *Dispatcher) deliver(ctx context.Context, c store.Claimed) {
	a := d.send(ctx, c)
	o := d.outcome(c, a)
	if err := d.db.RecordWebhookAttempt(ctx, c, a, o); err != nil {
		d.o.Log.Error("webhook record", "delivery", c.ID, "err", err)
		return
	}
	d.o.Log.Info("webhook attempt", "delivery", c.ID, "endpoint", c.EndpointID, "type", c.EventType,
		"code", a.StatusCode, "ms", a.LatencyMS, "err", a.Error, "delivered", o.Delivered)
}

func (d *Dispatcher) send(ctx context.Context, c store.Claimed) store.Attempt {
	now := d.o.Now()
	a := store.Attempt{DeliveryID: c.ID, At: now.UTC()}
	body := Body(c)
	id := MessageID(c.ID)
	sig, err := Sign(c.Endpoint.Secrets(now), id, now, body)
	if err != nil {
		a.Error = err.Error()
		return a
	}
	if err := d.o.Policy.CheckURL(c.Endpoint.URL); err != nil {
		a.Error = err.Error()
		return a
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Endpoint.URL, bytes.NewReader(body))
	if err != nil {
		a.Error = err.Error()
		return a
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Convene-Webhooks/1")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	start := time.Now()
	resp, err := d.client.Do(req)
	if err != nil {
		a.LatencyMS = time.Since(start).Milliseconds()
		a.Error = trim(err.Error(), 300)
		return a
	}
	b, rerr := io.ReadAll(io.LimitReader(resp.Body, readLimit))
	resp.Body.Close() // the rest, if any, is not read: the connection is dropped
	a.LatencyMS = time.Since(start).Milliseconds()
	a.StatusCode = resp.StatusCode
	a.Excerpt = excerpt(b)
	if rerr != nil && !errors.Is(rerr, io.EOF) {
		a.Error = trim(rerr.Error(), 300)
	}
	return a
}

// outcome: 2xx delivered; 410 Gone disables the endpoint; anything else is
// retried after the back-off until MaxAttempts, and an endpoint failing for
// DisableAfter is disabled.
func (d *Dispatcher) outcome(c store.Claimed, a store.Attempt) store.Outcome {
	if a.StatusCode >= 200 && a.StatusCode < 300 && a.Error == "" {
		return store.Outcome{Delivered: true}
	}
	if a.StatusCode == http.StatusGone {
		return store.Outcome{Disable: "gone"}
	}
	var o store.Outcome
	n := c.Attempts + 1
	if n < d.o.MaxAttempts {
		next := a.At.Add(d.o.Backoff(n))
		o.Retry = &next
	}
	if f := c.Endpoint.FailingSince; f != nil && a.At.Sub(*f) >= d.o.DisableAfter {
		o.Disable = "failing"
	}
	return o
}

func excerpt(b []byte) string {
	if len(b) > ExcerptLimit {
		b = b[:ExcerptLimit]
	}
	// Text both databases store: valid UTF-8 without NUL.
	return strings.ReplaceAll(strings.ToValidUTF8(string(b), "\uFFFD"), "\x00", "\uFFFD")
}

func trim(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// FromEnv is the dispatcher `convene serve` runs: the defaults, with the
// operator's policy from the environment (PolicyFromEnv); a policy that
// does not parse is logged and the strict default kept.
// CONVENE_WEBHOOK_TIMEOUT and CONVENE_WEBHOOK_LEASE (Go durations) set
// Timeout and Lease: a shorter lease brings a dead dispatcher's claimed
// deliveries back sooner; it must exceed the timeout, or a slow attempt
// would be sent twice.
func FromEnv(db *store.DB, log *slog.Logger) *Dispatcher {
	p, err := PolicyFromEnv(os.Getenv)
	if err != nil {
		log.Error("webhook policy: keeping the default (public https only)", "err", err)
		p = Policy{}
	}
	o := Options{Policy: p, Log: log}
	o.Timeout = envDuration(log, "CONVENE_WEBHOOK_TIMEOUT")
	o.Lease = envDuration(log, "CONVENE_WEBHOOK_LEASE")
	if timeout := cmp.Or(o.Timeout, defaultTimeout); o.Lease > 0 && o.Lease <= timeout {
		log.Error("CONVENE_WEBHOOK_LEASE must exceed the attempt timeout: keeping the default", "lease", o.Lease)
		o.Lease = 0
	}
	return New(db, o)
}

// envDuration reads a positive duration; anything else is logged and 0
// (the default) returned.
func envDuration(log *slog.Logger, name string) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		log.Error(name+": not a positive duration, keeping the default", "value", v)
		return 0
	}
	return d
}

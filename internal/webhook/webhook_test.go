package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/webhook"
)

var ctx = context.Background()

// verify is the receiver's side, written from the specification and not
// from Sign: decode the secret after whsec_, HMAC-SHA256 over
// "id.timestamp.body", compare with each space-separated v1 signature.
func verify(secret string, h http.Header, body []byte) bool {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return false
	}
	ts, err := strconv.ParseInt(h.Get("webhook-timestamp"), 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > 5*time.Minute {
		return false
	}
	mac := hmac.New(sha256.New, key)
	io.WriteString(mac, h.Get("webhook-id")+"."+h.Get("webhook-timestamp")+".")
	mac.Write(body)
	want := mac.Sum(nil)
	for _, s := range strings.Fields(h.Get("webhook-signature")) {
		v, sig, ok := strings.Cut(s, ",")
		if !ok || v != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(sig)
		if err == nil && hmac.Equal(got, want) {
			return true
		}
	}
	return false
}

// TestSignStandardVector: the Standard Webhooks libraries' own test vector.
func TestSignStandardVector(t *testing.T) {
	got, err := webhook.Sign([]string{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}, "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; err != nil || got != want {
		t.Fatalf("Sign = %q %v, want %q", got, err, want)
	}
	// Two secrets (a rotation): two signatures, each verifies alone.
	a, b := webhook.NewSecret(), webhook.NewSecret()
	now := time.Now()
	sig, _ := webhook.Sign([]string{a, b}, "msg_1", now, []byte("{}"))
	h := http.Header{}
	h.Set("webhook-id", "msg_1")
	h.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Set("webhook-signature", sig)
	if len(strings.Fields(sig)) != 2 || !verify(a, h, []byte("{}")) || !verify(b, h, []byte("{}")) || verify(webhook.NewSecret(), h, []byte("{}")) || verify(a, h, []byte("{ }")) {
		t.Fatalf("rotation signatures %q do not verify as they should", sig)
	}
	if _, err := webhook.Sign([]string{"nope"}, "m", now, nil); err == nil {
		t.Fatal("a secret without whsec_ signed")
	}
}

func TestPolicy(t *testing.T) {
	var p webhook.Policy
	for a, want := range map[string]bool{
		"8.8.8.8": true, "2606:4700::1111": true, "127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "::1": false, "fe80::1": false, "fc00::1": false,
		"::ffff:127.0.0.1": false, "::ffff:8.8.8.8": true, "224.0.0.1": false, "198.18.0.1": false,
	} {
		if got := p.AddrAllowed(netip.MustParseAddr(a)); got != want {
			t.Errorf("AddrAllowed(%s) = %v, want %v", a, got, want)
		}
	}
	for u, want := range map[string]error{
		"https://ats.example.com/hook": nil, "http://ats.example.com/hook": webhook.ErrScheme, "ftp://x.example/": webhook.ErrScheme,
		"https://127.0.0.1/": webhook.ErrPrivate, "https://[::1]:8443/": webhook.ErrPrivate, "https://10.0.0.5/": webhook.ErrPrivate,
		"https://169.254.169.254/latest/meta-data": webhook.ErrPrivate, "https://localhost/": webhook.ErrPrivate, "https://intranet/": webhook.ErrPrivate,
		"https://u:p@ats.example.com/": webhook.ErrURL, "/relative": webhook.ErrURL, "": webhook.ErrURL,
	} {
		err := p.CheckURL(u)
		if (want == nil) != (err == nil) || (want != nil && !strings.Contains(err.Error(), want.Error())) {
			t.Errorf("CheckURL(%q) = %v, want %v", u, err, want)
		}
	}
	env := map[string]string{"CONVENE_WEBHOOK_ALLOW_HTTP": "1", "CONVENE_WEBHOOK_ALLOW_PRIVATE": "10.1.2.0/24, 127.0.0.1/32"}
	p, err := webhook.PolicyFromEnv(func(k string) string { return env[k] })
	if err != nil || !p.AllowHTTP || !p.AddrAllowed(netip.MustParseAddr("10.1.2.9")) || p.AddrAllowed(netip.MustParseAddr("10.1.3.9")) || p.CheckURL("http://127.0.0.1:9/") != nil {
		t.Fatalf("policy from env = %+v %v", p, err)
	}
	env["CONVENE_WEBHOOK_ALLOW_PRIVATE"] = "10.1.2.0/33"
	if _, err := webhook.PolicyFromEnv(func(k string) string { return env[k] }); err == nil {
		t.Fatal("a bad prefix was taken")
	}
}

// world is an enterprise with a post and a talent, on one database.
type world struct {
	db   *store.DB
	org  int64
	ent  model.User
	post int64
	tal  int64
}

func newWorld(t *testing.T, db *store.DB) world {
	t.Helper()
	ent, p, tal := storetest.PostAndTalent(t, db, "talent@hooks.example")
	return world{db: db, org: *ent.OrgID, ent: ent, post: p.ID, tal: tal.ID}
}

func (w world) endpoint(t *testing.T, url string) store.WebhookEndpoint {
	t.Helper()
	e := store.WebhookEndpoint{OrgID: w.org, URL: url, Events: []string{"application.received", "application.moved"}, Secret: webhook.NewSecret(), CreatedBy: w.ent.ID}
	if err := w.db.CreateWebhookEndpoint(ctx, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// loopback allows the test's receivers, which listen on 127.0.0.1 only.
var loopback = webhook.Policy{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}

func newDispatcher(db *store.DB, srv *httptest.Server, o webhook.Options) *webhook.Dispatcher {
	if o.Policy.Allow == nil {
		o.Policy = loopback
	}
	if srv != nil {
		o.Transport = srv.Client().Transport.(*http.Transport)
	}
	if o.Backoff == nil {
		o.Backoff = func(int) time.Duration { return 0 }
	}
	return webhook.New(db, o)
}

func TestDispatch(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			t.Run("RetriedUntilDelivered", func(t *testing.T) { testRetried(t, b.Open(t)) })
			t.Run("SlowAndHugeReceivers", func(t *testing.T) { testSlowHuge(t, b.Open(t)) })
			t.Run("PrivateRefused", func(t *testing.T) { testPrivate(t, b.Open(t)) })
			t.Run("GoneDisables", func(t *testing.T) { testGone(t, b.Open(t)) })
		})
	}
}

// testRetried: a receiver answering 500 three times and then 200 gets the
// application's event delivered once, after four logged attempts, each
// signed and carrying the same webhook-id.
func testRetried(t *testing.T, db *store.DB) {
	w := newWorld(t, db)
	var mu sync.Mutex
	var ids []string
	var secret string
	srv := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if !verify(secret, r.Header, body) || !strings.Contains(string(body), `"type":"application.received"`) {
			t.Errorf("bad delivery %v %s", r.Header, body)
			rw.WriteHeader(400)
			return
		}
		ids = append(ids, r.Header.Get("webhook-id"))
		if len(ids) <= 3 {
			rw.WriteHeader(500)
			io.WriteString(rw, "try later")
			return
		}
		rw.WriteHeader(200)
	}))
	defer srv.Close()
	e := w.endpoint(t, srv.URL+"/hook")
	secret = e.Secret
	if _, _, err := db.Apply(ctx, w.tal, w.post, model.ChannelPC); err != nil {
		t.Fatal(err)
	}
	d := newDispatcher(db, srv, webhook.Options{})
	for range 6 {
		if _, err := d.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(ids) != 4 || ids[0] != ids[3] {
		t.Fatalf("receiver saw %v, want 4 attempts of one message", ids)
	}
	ds, _ := db.WebhookDeliveries(ctx, w.org, e.ID, 10)
	if len(ds) != 1 || ds[0].Status != "delivered" || ds[0].Attempts != 4 || ds[0].LastCode != 200 {
		t.Fatalf("deliveries = %+v", ds)
	}
	as, _ := db.WebhookAttempts(ctx, ds[0].ID)
	if len(as) != 4 || as[0].StatusCode != 500 || as[0].Excerpt != "try later" || as[3].StatusCode != 200 {
		t.Fatalf("attempts = %+v", as)
	}
}

// testSlowHuge: a receiver that hangs is cut at the timeout and one that
// answers 10 MB costs a capped read; neither holds up a healthy one.
func testSlowHuge(t *testing.T, db *store.DB) {
	w := newWorld(t, db)
	release := make(chan struct{})
	slow := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	huge := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("x", 64<<10))
		for range 160 { // 10 MB
			if _, err := rw.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer huge.Close()
	var fastHits atomic.Int32
	fastAt := make(chan time.Time, 10)
	fast := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		fastHits.Add(1)
		fastAt <- time.Now()
	}))
	defer fast.Close()
	// One transport trusting the three test certificates: httptest
	// servers share one certificate, so any server's client trusts all.
	es := []store.WebhookEndpoint{w.endpoint(t, slow.URL), w.endpoint(t, huge.URL), w.endpoint(t, fast.URL)}
	for _, e := range es {
		if _, err := db.EnqueueWebhook(ctx, w.org, e.ID, "webhook.test", `{}`); err != nil {
			t.Fatal(err)
		}
	}
	d := newDispatcher(db, fast, webhook.Options{Timeout: 1500 * time.Millisecond, Poll: 20 * time.Millisecond})
	rctx, cancel := context.WithCancel(ctx)
	start := time.Now()
	done := make(chan struct{})
	go func() { d.Run(rctx); close(done) }()
	select {
	case at := <-fastAt:
		if at.Sub(start) > time.Second {
			t.Errorf("healthy receiver reached after %v", at.Sub(start))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("healthy receiver never reached")
	}
	deadline := time.Now().Add(15 * time.Second)
	var slowD, hugeD store.Delivery
	for time.Now().Before(deadline) {
		s, _ := db.WebhookDeliveries(ctx, w.org, es[0].ID, 1)
		h, _ := db.WebhookDeliveries(ctx, w.org, es[1].ID, 1)
		if len(s) == 1 && len(h) == 1 && s[0].Attempts > 0 && h[0].Attempts > 0 {
			slowD, hugeD = s[0], h[0]
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	<-done
	if slowD.Attempts == 0 || slowD.Status == "delivered" || slowD.LastErr == "" {
		t.Fatalf("slow receiver's delivery = %+v, want a logged timeout", slowD)
	}
	as, _ := db.WebhookAttempts(ctx, slowD.ID)
	if len(as) == 0 || as[0].LatencyMS < 1400 || as[0].LatencyMS > 5000 {
		t.Fatalf("slow attempt = %+v, want cut near 1.5 s", as)
	}
	ha, _ := db.WebhookAttempts(ctx, hugeD.ID)
	if hugeD.Status != "delivered" || len(ha) != 1 || len(ha[0].Excerpt) != webhook.ExcerptLimit {
		t.Fatalf("huge answer: %+v %+v", hugeD, ha)
	}
	if fastHits.Load() != 1 {
		t.Fatalf("healthy receiver hit %d times", fastHits.Load())
	}
}

// testPrivate: with the default policy a loopback receiver is never
// connected to, and a redirect from an allowed receiver to a private
// address is not followed.
func testPrivate(t *testing.T, db *store.DB) {
	w := newWorld(t, db)
	var hits atomic.Int32
	target := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	target.Listener = l
	target.StartTLS()
	defer target.Close()
	redirector := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, target.URL+"/meta-data", http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()

	direct := w.endpoint(t, target.URL)
	db.EnqueueWebhook(ctx, w.org, direct.ID, "webhook.test", `{}`)
	d := newDispatcher(db, target, webhook.Options{Policy: webhook.Policy{Allow: []netip.Prefix{}}})
	d.RunOnce(ctx)
	ds, _ := db.WebhookDeliveries(ctx, w.org, direct.ID, 1)
	if hits.Load() != 0 || len(ds) != 1 || ds[0].Status == "delivered" || !strings.Contains(ds[0].LastErr, "private address") {
		t.Fatalf("default policy: hits %d, delivery %+v", hits.Load(), ds)
	}
	db.DeleteWebhookEndpoint(ctx, w.org, direct.ID)

	via := w.endpoint(t, redirector.URL)
	db.EnqueueWebhook(ctx, w.org, via.ID, "webhook.test", `{}`)
	newDispatcher(db, redirector, webhook.Options{}).RunOnce(ctx) // 127.0.0.1 allowed, 127.0.0.2 not
	ds, _ = db.WebhookDeliveries(ctx, w.org, via.ID, 1)
	if hits.Load() != 0 || len(ds) != 1 || ds[0].Status == "delivered" || !strings.Contains(ds[0].LastErr, "private address 127.0.0.2") {
		t.Fatalf("redirect to a private address: hits %d, delivery %+v", hits.Load(), ds)
	}
}

// testGone: 410 disables the endpoint at once; nothing more is claimed.
func testGone(t *testing.T, db *store.DB) {
	w := newWorld(t, db)
	var hits atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		rw.WriteHeader(http.StatusGone)
	}))
	defer srv.Close()
	e := w.endpoint(t, srv.URL)
	db.EnqueueWebhook(ctx, w.org, e.ID, "webhook.test", `{}`)
	db.EnqueueWebhook(ctx, w.org, e.ID, "webhook.test", `{}`)
	d := newDispatcher(db, srv, webhook.Options{Workers: 1, Batch: 1})
	for range 3 {
		d.RunOnce(ctx)
	}
	got, _ := db.WebhookEndpoint(ctx, w.org, e.ID)
	if hits.Load() != 1 || got.Active || got.DisabledReason != "gone" {
		t.Fatalf("after 410: hits %d, endpoint %+v", hits.Load(), got)
	}
}

// TestBackoff: the default schedule grows fourfold from 5 s, caps at 10
// hours, and its 15 attempts span days.
func TestBackoff(t *testing.T) {
	var total time.Duration
	for n := 1; n < 15; n++ {
		d := webhook.DefaultBackoff(n)
		total += d
		if d < 5*time.Second || d > 11*time.Hour {
			t.Fatalf("backoff(%d) = %v", n, d)
		}
	}
	if b := webhook.DefaultBackoff(2); b < 20*time.Second || b > 22*time.Second {
		t.Fatalf("backoff(2) = %v, want about 20 s", b)
	}
	if total < 3*24*time.Hour {
		t.Fatalf("the schedule spans %v, want days", total)
	}
}

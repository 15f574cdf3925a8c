package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/webhook"
)

// BenchmarkDispatch: b.N queued deliveries to a local https receiver that
// answers 204, sent by one dispatcher (default workers and batch); reports
// deliveries per second. Then, at a steady 200 events a second, the time
// from the event's commit to its arrival (p50, p99).
//
//	CONVENE_TEST_POSTGRES=… go test ./internal/webhook -run '^$' -bench Dispatch -benchtime 5000x
func BenchmarkDispatch(b *testing.B) {
	for _, be := range storetest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			db := be.Open(b)
			w := newWorldB(b, db)
			var n atomic.Int64
			var mu sync.Mutex
			var lat []time.Duration
			srv := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				var env webhook.Envelope
				json.Unmarshal(body, &env)
				mu.Lock()
				lat = append(lat, time.Since(env.Timestamp))
				mu.Unlock()
				n.Add(1)
				rw.WriteHeader(204)
			}))
			defer srv.Close()
			e := store.WebhookEndpoint{OrgID: w.org, URL: srv.URL, Events: []string{"application.received"}, Secret: webhook.NewSecret()}
			if err := db.CreateWebhookEndpoint(ctx, &e); err != nil {
				b.Fatal(err)
			}
			for range b.N {
				if _, err := db.EnqueueWebhook(ctx, w.org, e.ID, "webhook.test", `{"test":true}`); err != nil {
					b.Fatal(err)
				}
			}
			d := webhook.New(db, webhook.Options{Policy: loopback, Transport: srv.Client().Transport.(*http.Transport),
				Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Poll: 50 * time.Millisecond})
			rctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			b.ResetTimer()
			start := time.Now()
			go func() { d.Run(rctx); close(done) }()
			for n.Load() < int64(b.N) {
				time.Sleep(time.Millisecond)
			}
			el := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/el.Seconds(), "deliveries/s")

			// Steady load: 200 events a second for 3 seconds.
			mu.Lock()
			lat = lat[:0]
			mu.Unlock()
			base := n.Load()
			tick := time.NewTicker(5 * time.Millisecond)
			for range 600 {
				<-tick.C
				if _, err := db.EnqueueWebhook(ctx, w.org, e.ID, "webhook.test", `{"test":true}`); err != nil {
					b.Fatal(err)
				}
			}
			tick.Stop()
			for n.Load() < base+600 {
				time.Sleep(time.Millisecond)
			}
			cancel()
			<-done
			mu.Lock()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Milliseconds()), "p99-ms")
			mu.Unlock()
		})
	}
}

func newWorldB(b *testing.B, db *store.DB) world {
	b.Helper()
	_, ent := storetest.FairWithEnterprise(b, db)
	return world{db: db, org: *ent.OrgID, ent: ent}
}

package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/load"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/session"
)

// TestLoadHarness runs each scenario briefly against a server in this
// process on a small simulated convention, to check the harness works: it
// asserts counts and errors, never a time.
//
// For a CPU profile of server and harness together, point it at a simulated
// database and lengthen it:
//
//	CONVENE_LOAD_DB=/tmp/s1.db CONVENE_LOAD_SCALE=1 CONVENE_LOAD_DURATION=20s CONVENE_LOAD_NEW=0 CONVENE_LOAD_TALENTS=256 \
//	  go test ./cmd/convene -run 'TestLoadHarness/scan' -cpuprofile /tmp/cpu.out
func TestLoadHarness(t *testing.T) {
	dsn, scale := os.Getenv("CONVENE_LOAD_DB"), 0.05
	if dsn == "" {
		dsn = filepath.Join(t.TempDir(), "load.db")
		if out, err := simulate(t, "-scale", "0.05", "-seed", "2017", "-db", dsn); err != nil {
			t.Fatalf("simulate: %v\n%s", err, out)
		}
	} else if s := os.Getenv("CONVENE_LOAD_SCALE"); s != "" {
		if _, err := fmt.Sscan(s, &scale); err != nil {
			t.Fatal(err)
		}
	}
	// By default each scenario runs for 80 requests (bounded by count, so
	// a busy machine slows the test but does not change what it checks).
	d, n := time.Minute, 80
	if s := os.Getenv("CONVENE_LOAD_DURATION"); s != "" {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			t.Fatal(err)
		}
		n = 0
	}
	newShare, talents := 0.2, 8
	if s := os.Getenv("CONVENE_LOAD_NEW"); s != "" {
		fmt.Sscan(s, &newShare)
	}
	if s := os.Getenv("CONVENE_LOAD_TALENTS"); s != "" {
		fmt.Sscan(s, &talents)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := serveForLoad(t, ctx, dsn)

	for _, sc := range []string{"scan", "replay"} {
		t.Run(sc, func(t *testing.T) {
			rep := runLoad(t, ctx, load.Config{BaseURL: m.URL(), Scenario: sc, VUs: 4, Duration: d, Requests: n, Ceiling: 250 * time.Millisecond,
				Seed: 2017, Scale: scale, NewShare: newShare, Talents: talents})
			if a, ok := rep.Op("apply"); !ok || a.Count == 0 {
				t.Errorf("no application acknowledged: %+v", rep.Ops)
			}
			if rep.Ceiling == nil || rep.Ceiling.Count == 0 {
				t.Errorf("no ceiling figures")
			}
		})
	}
	t.Run("screen", func(t *testing.T) {
		rep := runLoad(t, ctx, load.Config{BaseURL: m.URL(), Scenario: "screen", VUs: 1, Duration: d, Requests: 3,
			Seed: 2017, Scale: scale, Streams: 20})
		if u, ok := rep.Op("update → stream"); !ok || u.Count != 3*20 {
			t.Errorf("updates reaching the streams: %+v, want 3 × 20", u)
		}
	})
	t.Run("docking", func(t *testing.T) {
		rep := runLoad(t, ctx, load.Config{BaseURL: m.URL(), Scenario: "docking", VUs: 3, Duration: d, Requests: 60,
			Seed: 2017, Scale: scale})
		// Three readers, 13 pages between them: each read at least once.
		if len(rep.Ops) != 13 {
			t.Errorf("pages read: %d, want 13: %+v", len(rep.Ops), rep.Ops)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		rep, err := load.Run(ctx, load.Config{BaseURL: m.URL(), Scenario: "scan", VUs: 3, Duration: time.Minute, Requests: 50,
			Seed: 2017, Scale: scale, NewShare: 0.2, Talents: 3})
		if err != nil {
			t.Fatal(err)
		}
		if n := rep.Total.Count + rep.Total.Errors; n > 50 {
			t.Errorf("%d requests sent, want at most 50", n)
		}
	})
	t.Run("refuses", func(t *testing.T) {
		for _, u := range []string{"http://10.1.2.3:8080", "http://example.org", "http://[2001:db8::1]:80", "ftp://127.0.0.1/"} {
			if _, err := load.Run(ctx, load.Config{BaseURL: u, Scenario: "scan", VUs: 1, Duration: time.Second, Seed: 1, Scale: 1}); err == nil {
				t.Errorf("load against %s was not refused", u)
			}
		}
		if _, err := load.Run(ctx, load.Config{BaseURL: m.URL(), Scenario: "scan", VUs: 1, Duration: time.Hour, Seed: 2017, Scale: scale}); err == nil {
			t.Errorf("an hour-long run was not refused")
		}
		if _, err := load.Run(ctx, load.Config{BaseURL: m.URL(), Scenario: "scan", VUs: 1, Duration: time.Second, Seed: 99, Scale: scale}); err == nil {
			t.Errorf("a run for a convention the server does not hold was not refused")
		}
	})
}

// testLog shows the server's error log in the test's output.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Logf("server: %s", b)
	return len(b), nil
}

// TestLoadTwoInstances: two servers on one PostgreSQL, the replay spread
// over both as a load balancer would; every request answered without an
// error, and both served. For figures, lengthen it:
//
//	CONVENE_LOAD_TWO_SCALE=0.2 CONVENE_LOAD_DURATION=20s go test ./cmd/convene -run TestLoadTwoInstances -v
func TestLoadTwoInstances(t *testing.T) {
	dsn := storetest.NewPostgresDB(t)
	scale := "0.05"
	if s := os.Getenv("CONVENE_LOAD_TWO_SCALE"); s != "" {
		scale = s
	}
	if out, err := simulate(t, "-scale", scale, "-seed", "2017", "-db", dsn); err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	var sc float64
	fmt.Sscan(scale, &sc)
	d, n := time.Minute, 120
	if s := os.Getenv("CONVENE_LOAD_DURATION"); s != "" {
		d, _ = time.ParseDuration(s)
		n = 0
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mains := []*Main{serveForLoad(t, ctx, dsn), serveForLoad(t, ctx, dsn)}
	for _, sc2 := range []struct {
		name string
		also []string
	}{{"one", nil}, {"two", []string{mains[1].URL()}}} {
		t.Run(sc2.name, func(t *testing.T) {
			before := served(t, mains[1])
			runLoad(t, ctx, load.Config{BaseURL: mains[0].URL(), Also: sc2.also, Scenario: "replay", VUs: 8, Duration: d, Requests: n,
				Seed: 2017, Scale: sc, Talents: 8})
			second := served(t, mains[1]) - before
			if sc2.also != nil && second == 0 || sc2.also == nil && second != 0 {
				t.Errorf("the second instance served %d requests", second)
			}
		})
	}
}

// serveForLoad serves dsn in this process until the test ends. The
// harness signs up every new talent from 127.0.0.1: the per-address
// limits are lifted as an operator does for a load run.
func serveForLoad(t *testing.T, ctx context.Context, dsn string) *Main {
	t.Helper()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	lim := session.DefaultLimits()
	lim.RegisterAddress.Free, lim.RegisterAll.Free, lim.Address.Free = 1<<20, 1<<20, 1<<20
	m := &Main{DB: db, Addr: "127.0.0.1:0", Limits: lim, Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelError}))}
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done; db.Close() })
	return m
}

// served counts the requests an instance answered, from its metrics.
func served(t *testing.T, m *Main) int {
	t.Helper()
	rec := httptest.NewRecorder()
	m.web.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	n := 0
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "convene_http_requests_total{") && !strings.Contains(line, "healthz") {
			f := strings.Fields(line)
			var v float64
			fmt.Sscan(f[len(f)-1], &v)
			n += int(v)
		}
	}
	return n
}

// runLoad runs the harness, logs its report and fails the test on any
// request that failed.
func runLoad(t *testing.T, ctx context.Context, cfg load.Config) *load.Report {
	t.Helper()
	rep, err := load.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.Print(&b)
	t.Log("\n" + b.String())
	if rep.Total.Errors != 0 {
		t.Errorf("%d errors: %v", rep.Total.Errors, rep.Samples)
	}
	return rep
}

package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/load"
	"github.com/convene/convene/internal/store"
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
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The harness signs up every new talent from 127.0.0.1: lift the
	// per-address limits as an operator does for a load run.
	lim := session.DefaultLimits()
	lim.RegisterAddress.Free, lim.RegisterAll.Free, lim.Address.Free = 1<<20, 1<<20, 1<<20
	m := &Main{DB: db, Addr: "127.0.0.1:0", Limits: lim, Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelError}))}
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	defer func() { cancel(); <-done }()

	for _, sc := range []string{"scan", "replay"} {
		t.Run(sc, func(t *testing.T) {
			rep, err := load.Run(ctx, load.Config{BaseURL: m.URL(), Scenario: sc, VUs: 4, Duration: d, Requests: n, Ceiling: 250 * time.Millisecond,
				Seed: 2017, Scale: scale, NewShare: newShare, Talents: talents})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			rep.Print(&b)
			t.Log("\n" + b.String())
			if rep.Total.Errors != 0 {
				t.Errorf("%d errors: %v", rep.Total.Errors, rep.Samples)
			}
			if a, ok := rep.Op("apply"); !ok || a.Count == 0 {
				t.Errorf("no application acknowledged: %+v", rep.Ops)
			}
			if rep.Ceiling == nil || rep.Ceiling.Count == 0 {
				t.Errorf("no ceiling figures")
			}
		})
	}
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

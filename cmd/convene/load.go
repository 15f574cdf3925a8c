package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/convene/convene/internal/load"
)

// loadCmd drives a running server (loopback only) with concurrent virtual
// users and prints latency figures per operation.
func loadCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg load.Config
	fs.StringVar(&cfg.BaseURL, "url", "http://127.0.0.1:8080", "the server to drive (loopback addresses only)")
	also := fs.String("also", "", "more instances on the same database, comma-separated: virtual users are spread over -url and these")
	fs.StringVar(&cfg.Scenario, "scenario", "scan", "scan (scan landing + apply, new and returning talents), replay (the two convention days compressed), screen (live dashboard streams held open; an application's time to reach them all) docking (the docking boards, funnel and projects/exhibits catalogues as an organizer, a delegation and a park read them) checkin (gates posting badge scans: batches a syncing gate sends and single online scans) or gatedays (the seed's 500,000 visits over two days through four gates, first entries checked)")
	fs.IntVar(&cfg.VUs, "vus", 16, fmt.Sprintf("concurrent virtual users (at most %d)", load.MaxVUs))
	fs.DurationVar(&cfg.Duration, "duration", 20*time.Second, fmt.Sprintf("stop the scenario after this long (at most %s)", load.MaxDuration))
	fs.IntVar(&cfg.Requests, "requests", 0, "stop the scenario after this many requests (0: duration alone; -1 with replay: the whole convention's visits, applications and searches)")
	fs.DurationVar(&cfg.Ceiling, "ceiling", 5*time.Second, "drive GET /healthz alone this long first, as the ceiling (0 to skip)")
	fs.Int64Var(&cfg.Seed, "seed", 2017, "seed of the convention the server holds (convene simulate -seed)")
	fs.Float64Var(&cfg.Scale, "scale", 1, "scale of the convention the server holds (convene simulate -scale)")
	fs.Float64Var(&cfg.NewShare, "new", 0.2, "scan: share of visitors who are new talents and register first")
	fs.IntVar(&cfg.Talents, "talents", 0, "scan: returning talents, signed in before the scenario as their phones would be (0: 16 per virtual user)")
	fs.IntVar(&cfg.Streams, "streams", 1000, fmt.Sprintf("screen: live dashboard streams to hold open (at most %d)", load.MaxStreams))
	fs.StringVar(&cfg.StreamPath, "stream-path", "/screen/stream", "screen: the stream to open (the public big screen's; /admin/dashboard/stream needs a session)")
	pprofAddr := fs.String("pprof", "", "serve the load generator's own profiles on this loopback address (its cost is part of every figure)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("load: unexpected arguments %q", fs.Args())
	}
	if _, err := load.CheckLoopback(cfg.BaseURL); err != nil {
		return err
	}
	if *also != "" {
		cfg.Also = strings.Split(*also, ",")
	}
	if *pprofAddr != "" {
		if err := servePprof(*pprofAddr); err != nil {
			return err
		}
	}
	if cfg.Requests == -1 && cfg.Scenario == "replay" {
		cfg.Requests = load.ReplayRequests(cfg.Seed, cfg.Scale)
	}
	fmt.Fprintf(stdout, "Driving %s: scenario %s, %d virtual users, at most %s", cfg.BaseURL, cfg.Scenario, cfg.VUs, cfg.Duration)
	if cfg.Scenario == "screen" {
		fmt.Fprintf(stdout, ", %d streams", cfg.Streams)
	}
	if cfg.Requests > 0 {
		fmt.Fprintf(stdout, " or %d requests", cfg.Requests)
	}
	fmt.Fprintln(stdout, " ...")
	rep, err := load.Run(ctx, cfg)
	if rep != nil {
		rep.Print(stdout)
	}
	return err
}

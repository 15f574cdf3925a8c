package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/store"
)

// demoCmd fills a SQLite database with a generated convention (once; a
// second run reuses it), prints the demo logins and serves until interrupted.
func demoCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("CONVENE_DB", "data/demo.db"), "database for the demo (created when missing)")
	addr := fs.String("addr", envOr("CONVENE_ADDR", "127.0.0.1:8080"), "listen address")
	scale := fs.Float64("scale", 0.02, "size of the convention (1 = the 2017 convention: 3,500 overseas talents, 10,000 posts)")
	seed := fs.Int64("seed", 2017, "generator seed: the same seed gives the same convention")
	quiet := fs.Bool("quiet", false, "log only warnings and errors")
	videoCfg := addVideoFlags(fs) // video.go
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	conv := gen.Generate(*seed, *scale)
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		fmt.Fprintf(stdout, "Generating a demo convention (scale %g, seed %d) into %s ...\n", *scale, *seed, *dsn)
		hash, err := password.Hash(gen.DemoPassword)
		if err != nil {
			return err
		}
		sum, err := gen.Load(ctx, db, conv, gen.LoadOptions{PasswordHash: hash, Previous: true})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Loaded in %s.\n", sum.Elapsed.Round(1e6))
	} else {
		fmt.Fprintf(stdout, "Using the demo data already in %s.\n", *dsn)
	}
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	m := &Main{DB: db, Addr: *addr, SecureCookies: false, Log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))}
	if err := videoCfg.start(ctx, m.Log); err != nil {
		return err
	}
	if err := m.Open(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nConvene demo at %s\n\nSign in as (password %q):\n", m.URL(), gen.DemoPassword)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, l := range conv.Logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", l.Role, l.Email, l.Note)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nPress Ctrl-C to stop.")
	return m.Run(ctx)
}

// Command convene runs a talent-and-innovation convention: the web server,
// its database migrations and a demo convention.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "convene:", err)
		os.Exit(1)
	}
}

const usage = `usage: convene <command> [flags]

commands:
  demo      run Convene with a generated demo convention (SQLite in ./data)
  serve     run the web server on a database
  migrate   apply database migrations and exit
  simulate  fill a database with a generated convention at any scale
  load      drive a running server over HTTP and report latency figures
  user      add an organizer, judge or gate-staff account
  version   print the version

Run "convene <command> -h" for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "serve":
		return serveCmd(ctx, args, stdout, stderr)
	case "demo":
		return demoCmd(ctx, args, stdout, stderr)
	case "migrate":
		return migrateCmd(ctx, args, stdout, stderr)
	case "simulate":
		return simulateCmd(ctx, args, stdout, stderr)
	case "load":
		return loadCmd(ctx, args, stdout, stderr)
	case "user":
		return userCmd(ctx, args, os.Stdin, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "convene", version)
		return nil
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", envOr("CONVENE_DB", "data/convene.db"), "database: a SQLite file path or a postgres:// URL (env CONVENE_DB)")
}

func migrateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s database at migration %d\n", db.Dialect(), v)
	return nil
}

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	addr := fs.String("addr", envOr("CONVENE_ADDR", "127.0.0.1:8080"), "listen address (env CONVENE_ADDR)")
	insecure := fs.Bool("insecure-cookies", os.Getenv("CONVENE_INSECURE_COOKIES") == "1", "send cookies over plain HTTP (local use only)")
	pprofAddr := fs.String("pprof", os.Getenv("CONVENE_PPROF"), "serve net/http/pprof on this loopback address, e.g. 127.0.0.1:6060 (env CONVENE_PPROF)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pprofAddr != "" {
		if err := servePprof(*pprofAddr); err != nil {
			return err
		}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	m := &Main{DB: db, Addr: *addr, SecureCookies: !*insecure, Log: slog.New(slog.NewJSONHandler(stderr, nil))}
	if err := m.Open(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Convene serving on %s (%s)\n", m.URL(), db.Dialect())
	return m.Run(ctx)
}

// Main is a running server: tests start one on port 0 ("127.0.0.1:0").
type Main struct {
	DB            *store.DB
	Addr          string
	SecureCookies bool
	Log           *slog.Logger

	ln  net.Listener
	srv *http.Server
	web *web.Server
}

// Open builds the handler and starts listening, without serving yet.
func (m *Main) Open() error {
	if m.Log == nil {
		m.Log = slog.Default()
	}
	w, err := web.New(m.DB, web.Config{SecureCookies: m.SecureCookies, Logger: m.Log, Version: version})
	if err != nil {
		return err
	}
	m.web = w
	if m.ln, err = net.Listen("tcp", m.Addr); err != nil {
		return err
	}
	m.srv = &http.Server{
		Handler:           w,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	return nil
}

// URL is the server's base URL.
func (m *Main) URL() string { return "http://" + m.ln.Addr().String() }

// Run serves until ctx ends, then shuts down gracefully: requests in flight
// finish, so no acknowledged write is cut off.
func (m *Main) Run(ctx context.Context) error {
	go m.web.Sweep(ctx, time.Hour)
	go m.web.RunMatching(ctx) // the matching index: built now, then polled (docs/match-product.md)
	errc := make(chan error, 1)
	go func() { errc <- m.srv.Serve(m.ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := m.srv.Shutdown(sctx)
	// Buffered visit counts are written after the last request has ended.
	return errors.Join(err, m.web.Close())
}

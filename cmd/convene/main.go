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
	"strconv"
	"syscall"
	"time"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/session"
	"github.com/convene/convene/internal/webhook"
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

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return def
}

func envDur(key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return d
	}
	return def
}

// MetricsURL is the separate metrics listener's base URL, or "".
func (m *Main) MetricsURL() string {
	if m.mln == nil {
		return ""
	}
	return "http://" + m.mln.Addr().String()
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
	proxies := fs.String("trusted-proxies", os.Getenv("CONVENE_TRUSTED_PROXIES"), "comma-separated CIDRs of the load balancers whose X-Forwarded-For is believed (env CONVENE_TRUSTED_PROXIES)")
	metricsAddr := fs.String("metrics-addr", os.Getenv("CONVENE_METRICS_ADDR"), "serve /metrics on this separate address, e.g. 127.0.0.1:9090 (env CONVENE_METRICS_ADDR)")
	metricsToken := fs.String("metrics-token", os.Getenv("CONVENE_METRICS_TOKEN"), "also serve /metrics on the public address to this bearer token (env CONVENE_METRICS_TOKEN)")
	lim := session.DefaultLimits()
	fs.IntVar(&lim.Account.Free, "login-free", envInt("CONVENE_LOGIN_FREE", lim.Account.Free), "wrong passwords an account takes from unknown browsers before back-off (env CONVENE_LOGIN_FREE)")
	fs.DurationVar(&lim.Account.Backoff, "login-backoff", envDur("CONVENE_LOGIN_BACKOFF", lim.Account.Backoff), "first back-off wait, doubling per attempt up to 15m (env CONVENE_LOGIN_BACKOFF)")
	fs.IntVar(&lim.Address.Free, "login-per-address", envInt("CONVENE_LOGIN_PER_ADDRESS", lim.Address.Free), "sign-in attempts per client address per 15 minutes (env CONVENE_LOGIN_PER_ADDRESS)")
	fs.IntVar(&lim.RegisterAddress.Free, "register-per-address", envInt("CONVENE_REGISTER_PER_ADDRESS", lim.RegisterAddress.Free), "registrations per client address per hour (env CONVENE_REGISTER_PER_ADDRESS)")
	fs.IntVar(&lim.RegisterAll.Free, "register-per-minute", envInt("CONVENE_REGISTER_PER_MINUTE", lim.RegisterAll.Free), "registrations per minute overall (env CONVENE_REGISTER_PER_MINUTE)")
	videoCfg := addVideoFlags(fs) // video.go
	if err := fs.Parse(args); err != nil {
		return err
	}
	trusted, err := request.ParseProxies(*proxies)
	if err != nil {
		return fmt.Errorf("-trusted-proxies: %w", err)
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
	m := &Main{DB: db, Addr: *addr, SecureCookies: !*insecure, Log: slog.New(slog.NewJSONHandler(stderr, nil)),
		TrustedProxies: trusted, Limits: lim, MetricsAddr: *metricsAddr, MetricsToken: *metricsToken}
	if err := videoCfg.start(ctx, m.Log); err != nil {
		return err
	}
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
	// Hardening (docs/security.md).
	TrustedProxies request.Proxies
	Limits         session.Limits
	MetricsAddr    string // /metrics on its own listener ("" for none)
	MetricsToken   string // /metrics on the public listener to this bearer token

	ln  net.Listener
	mln net.Listener
	srv *http.Server
	web *web.Server
}

// Open builds the handler and starts listening, without serving yet.
func (m *Main) Open() error {
	if m.Log == nil {
		m.Log = slog.Default()
	}
	w, err := web.New(m.DB, web.Config{SecureCookies: m.SecureCookies, Logger: m.Log, Version: version,
		TrustedProxies: m.TrustedProxies, Limits: m.Limits, MetricsToken: m.MetricsToken})
	if err != nil {
		return err
	}
	m.web = w
	if m.ln, err = net.Listen("tcp", m.Addr); err != nil {
		return err
	}
	if m.MetricsAddr != "" {
		if m.mln, err = net.Listen("tcp", m.MetricsAddr); err != nil {
			m.ln.Close()
			return err
		}
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
	go webhook.FromEnv(m.DB, m.Log).Run(ctx)
	go m.web.Sweep(ctx, time.Hour)
	go m.web.SettleHolds(ctx, 15*time.Second) // event seats and booths whose holds ended pass on
	go m.web.RunMatching(ctx)                 // the matching index: built now, then polled (docs/match-product.md)
	go m.web.RunPeers(ctx, nil)               // other instances' changes, on PostgreSQL (internal/peers)
	errc := make(chan error, 2)
	go func() { errc <- m.srv.Serve(m.ln) }()
	if m.mln != nil {
		ms := &http.Server{Handler: m.web.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second}
		go func() { errc <- ms.Serve(m.mln) }()
		defer ms.Close()
	}
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

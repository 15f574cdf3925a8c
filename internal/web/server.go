// Package web serves Convene's pages and its JSON API. It wires the areas
// (one folder each: account, admin, fairs, scan, matching, meetings) over
// the shared pieces (route, request, render, session) and the services,
// and wraps them in the middleware every request passes: request id,
// recovery, security headers, logs, metrics, session and language, CSRF,
// access and body limits.
package web

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/convene/convene/internal/chromium"
	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/peers"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/scancode"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/visits"
	"github.com/convene/convene/internal/web/account"
	"github.com/convene/convene/internal/web/admin"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/booths"
	"github.com/convene/convene/internal/web/checkin"
	"github.com/convene/convene/internal/web/contests"
	"github.com/convene/convene/internal/web/dashboard"
	"github.com/convene/convene/internal/web/delegations"
	"github.com/convene/convene/internal/web/docking"
	"github.com/convene/convene/internal/web/events"
	"github.com/convene/convene/internal/web/exhibits"
	"github.com/convene/convene/internal/web/fairs"
	"github.com/convene/convene/internal/web/integrations"
	"github.com/convene/convene/internal/web/matching"
	"github.com/convene/convene/internal/web/meetings"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/report"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/route"
	"github.com/convene/convene/internal/web/scan"
	"github.com/convene/convene/internal/web/session"
	"github.com/convene/convene/internal/web/video"
	"github.com/prometheus/client_golang/prometheus"
)

//go:embed static
var staticFS embed.FS

//go:embed openapi
var openapiFS embed.FS

// Config is what the server needs beyond the store.
type Config struct {
	// SecureCookies marks cookies Secure; on unless serving plain HTTP on
	// localhost for the demo.
	SecureCookies bool
	SessionTTL    time.Duration
	Logger        *slog.Logger
	// Version is shown in /healthz.
	Version string
	// Hardening (docs/security.md): the proxies whose X-Forwarded-For is
	// believed, the sign-in and sign-up limits, and the bearer token that
	// puts /metrics on the public listener (without it /metrics is only on
	// the separate listener, cmd/convene -metrics-addr).
	TrustedProxies request.Proxies
	Limits         session.Limits
	MetricsToken   string
	// TokenLimits is the API tokens' request rate per token and instance
	// (zero: integrations.DefaultLimits).
	TokenLimits integrations.Limits
}

// Server is the HTTP face of one Convene instance. It keeps no state that
// another instance would need: sessions and counters live in the store.
type Server struct {
	db      *store.DB
	cfg     Config
	log     *slog.Logger
	deps    *area.Deps
	metrics *metrics
	openapi []byte
	routes  []route.Route
	handler http.Handler
	bearer  *integrations.Bearer
	peers   *peers.Peers
}

// areaParts are every area's pages, messages and API document parts, with
// the shared recommendation view's.
var areaParts = []area.Parts{
	{Name: "recview", Templates: recview.Templates, Catalog: recview.Catalog},
	account.Parts, admin.Parts, fairs.Parts, scan.Parts, matching.Parts, meetings.Parts,
	contests.Parts, docking.Parts, delegations.Parts, exhibits.Parts,
	events.Parts, checkin.Parts, booths.Parts,
	dashboard.Parts, report.Parts, video.Parts,
	integrations.Parts,
}

// New builds a server over db: the services, then each area, by name.
func New(db *store.DB, cfg Config) (*Server, error) {
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 14 * 24 * time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	var catalogs, templates []fs.FS
	fragments := map[string][]byte{}
	for _, p := range areaParts {
		if p.Catalog != nil {
			catalogs = append(catalogs, p.Catalog)
		}
		if p.Templates != nil {
			templates = append(templates, p.Templates)
		}
		if p.OpenAPI != nil {
			fragments[p.Name] = p.OpenAPI
		}
	}
	cat, err := i18n.Load(catalogs...)
	if err != nil {
		return nil, err
	}
	rd, err := render.New(cat, cfg.Logger, templates...)
	if err != nil {
		return nil, err
	}
	bus := &notify.Bus{}
	rec := recommend.New(db, recommend.Options{})
	d := &area.Deps{
		DB: db, Render: rd, Log: cfg.Logger, Notify: bus,
		Sessions:      session.NewWith(db, cfg.Logger, session.Options{TTL: cfg.SessionTTL, Secure: cfg.SecureCookies, VerifyHits: db != nil && db.Dialect() == "postgres", Limits: cfg.Limits}),
		Match:         rec,
		Suggest:       recommend.NewSuggester(rec, db, bus, cfg.Logger),
		Visits:        visits.New(db, cfg.Logger),
		Codes:         scancode.New(db),
		Print:         chromium.New(2),
		SecureCookies: cfg.SecureCookies,
	}
	s := &Server{db: db, cfg: cfg, log: cfg.Logger, deps: d, metrics: newMetrics(prometheus.NewRegistry())}
	if db != nil {
		s.peers = peers.New(db, bus, cfg.Logger)
	}
	if s.openapi, err = mergeOpenAPI(fragments); err != nil {
		return nil, err
	}
	s.routes = s.coreRoutes()
	for _, a := range []interface{ Routes() []route.Route }{
		account.New(d),
		admin.New(d),
		fairs.New(d),
		scan.New(d),
		matching.New(d),
		meetings.New(d),
		contests.New(d),
		docking.New(d), delegations.New(d), exhibits.New(d),
		events.New(d),
		checkin.New(d),
		booths.New(d),
		dashboard.New(d),
		report.New(d),
		video.New(d),
		integrations.New(d),
	} {
		s.routes = append(s.routes, a.Routes()...)
	}
	// Issue 18: each API route's token scopes, in the routes and the document.
	s.routes, s.bearer = integrations.WithScopes(s.routes), integrations.NewBearer(db, cfg.Logger, cfg.TokenLimits)
	if s.openapi, err = integrations.DescribeScopes(s.openapi, s.routes); err != nil {
		return nil, err
	}
	s.handler = s.buildHandler(func(rt route.Route) http.Handler { return rt.Handle })
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// RunMatching builds the matching index and keeps it current until ctx
// ends; without it the index is built on first use and polled by reads.
func (s *Server) RunMatching(ctx context.Context) {
	s.deps.Match.Run(ctx, func(err error) {
		if !model.IsNotFound(err) { // no edition yet
			s.log.Warn("matching index", "err", err)
		}
	})
}

// FlushVisits writes the buffered visit counts now.
func (s *Server) FlushVisits(ctx context.Context) error { return s.deps.Visits.Flush(ctx) }

// Close stops background work and writes what is buffered. Call it after
// the HTTP server has shut down.
func (s *Server) Close() error { return s.deps.Visits.Close() }

// Sweep purges expired sessions now and then until ctx ends.
func (s *Server) Sweep(ctx context.Context, every time.Duration) {
	repeat(ctx, every, func() {
		n, err := s.db.PurgeSessions(ctx)
		logDone(s.log, "purged sessions", n, err)
	})
}

// RunPeers keeps this instance in step with the others on the same
// PostgreSQL (internal/peers) until ctx ends; ready is called each time it
// listens. On SQLite it returns at once.
func (s *Server) RunPeers(ctx context.Context, ready func()) {
	if s.peers != nil {
		s.peers.Run(ctx, ready)
	}
}

// SettleHolds passes on the event seats and booths whose holds have ended,
// every `every` until ctx ends, so the next in line is offered without
// waiting for someone else's write (writes settle first too; instances
// may all run it: each settlement is a conditional update).
func (s *Server) SettleHolds(ctx context.Context, every time.Duration) {
	repeat(ctx, every, func() { s.settleHolds(ctx) })
}

// repeat runs fn every d until ctx ends.
func repeat(ctx context.Context, d time.Duration, fn func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}

// logDone logs a background job's count, or its failure.
func logDone[N int | int64](log *slog.Logger, what string, n N, err error) {
	if err != nil {
		log.Warn(what, "err", err)
	} else if n > 0 {
		log.Info(what, "n", n)
	}
}

func (s *Server) settleHolds(ctx context.Context) {
	n, err := s.db.SettleHolds(ctx, 0)
	logDone(s.log, "settled event holds", n, err)
	e, err := s.db.CurrentEdition(ctx)
	if err != nil {
		return // no edition yet: no booths
	}
	n, err = s.db.ExpireBoothHolds(ctx, e.ID)
	logDone(s.log, "expired booth holds", n, err)
}

func staticFiles() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// Package web serves Convene's pages and its JSON API. Handlers translate
// HTTP to store calls and back; they hold no SQL and no business rules
// beyond who may do what.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/prometheus/client_golang/prometheus"
)

//go:embed templates/*.html
var templateFS embed.FS

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
}

// Server is the HTTP face of one Convene instance. It keeps no state that
// another instance would need: sessions and counters live in the store.
type Server struct {
	store    *store.DB
	cfg      Config
	log      *slog.Logger
	cat      i18n.Catalog
	pages    pageSet
	metrics  *metrics
	openapi  []byte
	handler  http.Handler
	scan     scanState                         // QR secret cache and buffered visit counts (visits.go)
	match    matchState                        // the matching index, a cache derived from the store (match.go)
	sessions *ttlCache[string, model.User]     // sessions resolved in the last few seconds (session.go)
	posts    *ttlCache[int64, *landing]        // scan landings' posts (landing.go)
	cards    *ttlCache[int64, store.PostCard]  // suggested posts' cards (match.go)
	heads    *ttlCache[headKey, template.HTML] // ... rendered for the landing (landing.go)
	applied  *ttlCache[int64, *appliedSet]     // talents' applied posts (match.go)
}

// New builds a server over st.
func New(st *store.DB, cfg Config) (*Server, error) {
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 14 * 24 * time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	s := &Server{store: st, cfg: cfg, log: cfg.Logger, cat: cat, metrics: newMetrics(prometheus.NewRegistry()),
		sessions: newTTLCache[string, model.User](sessionTTL, maxCachedSessions),
		posts:    newTTLCache[int64, *landing](landingPostTTL, maxLandingPosts),
		cards:    newTTLCache[int64, store.PostCard](cardTTL, maxLandingPosts),
		heads:    newTTLCache[headKey, template.HTML](cardTTL, 2*maxLandingPosts),
		applied:  newTTLCache[int64, *appliedSet](appliedTTL, maxCachedSessions)}
	if s.pages, err = parsePages(cat); err != nil {
		return nil, err
	}
	if s.openapi, err = mergeOpenAPI(); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Sweep purges expired sessions now and then until ctx ends.
func (s *Server) Sweep(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := s.store.PurgeSessions(ctx); err != nil {
				s.log.Warn("purge sessions", "err", err)
			} else if n > 0 {
				s.log.Info("purged sessions", "n", n)
			}
		}
	}
}

func staticFiles() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

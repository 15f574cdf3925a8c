package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/route"
)

// coreRoutes are the server's own: health, metrics, static files and the
// API's description. Every other route belongs to an area.
func (s *Server) coreRoutes() []route.Route {
	return append(s.metricsRoutes(), []route.Route{
		{Pattern: "GET /healthz", Access: route.Anyone, Handle: s.healthz},
		{Pattern: "GET /static/", Access: route.Anyone, Handle: staticFiles().ServeHTTP},
		{Pattern: "GET /api/v1/openapi.json", Access: route.Anyone, Handle: s.openapiDoc},
	}...)
}

// metricsRoutes: /metrics is on the public listener only behind a bearer
// token (Config.MetricsToken); otherwise it is served by MetricsHandler on
// a listener of its own (cmd/convene -metrics-addr), never to the public.
func (s *Server) metricsRoutes() []route.Route {
	if s.cfg.MetricsToken == "" {
		return nil
	}
	return []route.Route{{Pattern: "GET /metrics", Access: route.Anyone, Handle: s.metricsBearer}}
}

// MetricsHandler serves the Prometheus metrics, for a separate listener.
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics.handler())
	return mux
}

func (s *Server) metricsBearer(w http.ResponseWriter, r *http.Request) {
	want := "Bearer " + s.cfg.MetricsToken
	if got := r.Header.Get("Authorization"); len(got) != len(want) || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		s.deps.Render.Fail(w, r, model.Errorf(model.Unauthorized, "err.sign_in"))
		return
	}
	s.metrics.handler().ServeHTTP(w, r)
}

// buildHandler puts each route behind its access check and body limit, the
// mux behind cross-origin protection (CSRF) and the outer middleware. The
// authorization test puts a probe where each handler goes, so it sees
// exactly what the access layer lets through.
func (s *Server) buildHandler(final func(route.Route) http.Handler) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Pattern, s.authorize(rt.Access, limitBody(rt.Limit(), s.textForms(final(rt)))))
	}
	mux.HandleFunc("/", s.notFound)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.deps.Render.Fail(w, r, model.Errorf(model.Forbidden, "err.cross_origin"))
	}))
	return s.outer(cop.Handler(mux))
}

// authorize refuses a request its route does not allow: anonymous callers
// are sent to sign in (401 for the API), others get 403.
func (s *Server) authorize(a route.Access, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := request.User(r)
		if a.Allows(u) {
			next.ServeHTTP(w, r)
			return
		}
		if u == nil {
			if !request.IsAPI(r) && r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.deps.Render.Fail(w, r, model.Errorf(model.Unauthorized, "err.sign_in"))
			return
		}
		s.deps.Render.Fail(w, r, model.Errorf(model.Forbidden, "err.forbidden"))
	})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.deps.Render.Fail(w, r, model.ErrNotFound("page"))
}

func (s *Server) openapiDoc(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(s.openapi)
}

// healthz answers with the database's state, for load balancers.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.Error("health", "err", err)
		render.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	render.JSON(w, http.StatusOK, map[string]string{"status": "ok", "db": s.db.Dialect(), "version": s.cfg.Version})
}

package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/integrations"
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

// buildHandler puts each route behind its access check (and, for API
// tokens, its scopes and the token's rate) and body limit, the
// mux behind cross-origin protection (CSRF) and the outer middleware. The
// authorization test puts a probe where each handler goes, so it sees
// exactly what the access layer lets through.
func (s *Server) buildHandler(final func(route.Route) http.Handler) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Pattern, s.authorize(rt.Access, s.bearer.Scoped(rt, s.deps.Render.Fail, s.orgGate(rt, limitBody(rt.Limit(), s.textForms(final(rt)))))))
	}
	mux.HandleFunc("/", s.notFound)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.deps.Render.Fail(w, r, model.Errorf(model.Forbidden, "err.cross_origin"))
	}))
	csrf := cop.Handler(mux)
	return s.outer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if integrations.ByToken(r) { // no cookie was read: nothing to forge
			mux.ServeHTTP(w, r)
			return
		}
		csrf.ServeHTTP(w, r)
	}))
}

// unapprovedMay are the signed-in routes a member of an organization that
// is not approved (pending review, rejected, or rejected after approval:
// suspended) may still use: its own account and profile. Every other
// signed-in route is refused to them (deny by default, so a route added
// later is covered): the inbox, application pages, applicants' e-mails and
// CVs, matched candidates, exports, posts, booth and post QR codes, meeting
// and negotiation requests. Public pages stay public. docs/security.md.
var unapprovedMay = map[string]bool{
	"GET /me": true, "GET /me/security": true, "POST /me/password": true, "POST /me/signout-all": true,
	"GET /org": true, "POST /org": true,
	"GET /api/v1/me": true, "PUT /api/v1/me/locale": true, "GET /api/v1/me/notifications": true,
	"PUT /api/v1/me/password": true, "POST /api/v1/me/logout-all": true,
	"GET /api/v1/org": true, "PUT /api/v1/org": true,
}

// orgGate refuses a member of an unapproved organization every signed-in
// route but unapprovedMay, reading the organization's status on each such
// request (one primary-key read), so a rejection or suspension takes
// effect on every instance at the next request.
func (s *Server) orgGate(rt route.Route, next http.Handler) http.Handler {
	if rt.Access.Allows(nil) || unapprovedMay[rt.Pattern] {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := request.User(r)
		if u == nil || u.OrgID == nil || (u.Role != model.RoleEnterprise && u.Role != model.RoleDelegation) {
			next.ServeHTTP(w, r)
			return
		}
		o, err := s.db.Organization(r.Context(), *u.OrgID)
		if err != nil {
			s.deps.Render.Fail(w, r, err)
			return
		}
		switch o.Status {
		case model.OrgApproved:
			next.ServeHTTP(w, r)
		case model.OrgPending:
			s.deps.Render.Fail(w, r, model.Errorf(model.Forbidden, "err.org_pending_action"))
		default:
			s.deps.Render.Fail(w, r, model.Errorf(model.Forbidden, "err.org_access_ended"))
		}
	})
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

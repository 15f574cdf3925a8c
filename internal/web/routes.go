package web

import (
	"net/http"
	"slices"

	"github.com/convene/convene/internal/model"
)

// access says who may use a route. Deny by default: a route must name its
// access, and the route × role test walks every entry.
type access struct {
	public bool         // anyone, signed in or not
	roles  []model.Role // when not public: these roles; empty means any signed-in user
}

var (
	anyone   = access{public: true}
	signedIn = access{}
)

func only(roles ...model.Role) access { return access{roles: roles} }

func (a access) allows(u *model.User) bool {
	if a.public {
		return true
	}
	if u == nil {
		return false
	}
	return len(a.roles) == 0 || slices.Contains(a.roles, u.Role)
}

type route struct {
	pattern string
	access  access
	handle  http.HandlerFunc
}

const (
	organizer  = model.RoleOrganizer
	enterprise = model.RoleEnterprise
	delegation = model.RoleDelegation
	talent     = model.RoleTalent
)

// areas are the route tables of the product's areas; each area's file adds
// its own in an init: func init() { areas = append(areas, (*Server).fairRoutes) }.
var areas []func(*Server) []route

// bodyLimits raises the 1 MiB body limit for routes that take uploads;
// areas add their patterns in an init.
var bodyLimits = map[string]int64{}

// routeTable is every route the server answers: the core routes below and
// each area's table.
func (s *Server) routeTable() []route {
	rt := s.coreRoutes()
	for _, area := range areas {
		rt = append(rt, area(s)...)
	}
	return rt
}

func (s *Server) coreRoutes() []route {
	return []route{
		// Everyone.
		{"GET /{$}", anyone, s.home},
		{"GET /healthz", anyone, s.healthz},
		{"GET /metrics", anyone, s.metrics.handler().ServeHTTP},
		{"GET /static/", anyone, staticFiles().ServeHTTP},
		{"POST /lang", anyone, s.setLang},
		{"GET /login", anyone, s.loginForm},
		{"POST /login", anyone, s.login},
		{"POST /logout", anyone, s.logout},
		{"GET /register", anyone, s.registerForm},
		{"POST /register", anyone, s.register},
		{"GET /posts", anyone, s.postList},
		{"GET /posts/{id}", anyone, s.postPage},
		{"GET /me", signedIn, s.dashboard},

		// Talents.
		{"GET /me/profile", only(talent), s.profileForm},
		{"POST /me/profile", only(talent), s.profileSave},
		{"GET /me/applications", only(talent), s.myApplications},

		// Enterprises and delegations.
		{"GET /org", only(enterprise, delegation), s.orgForm},
		{"POST /org", only(enterprise, delegation), s.orgSave},

		// Organizers.
		{"GET /admin", only(organizer), s.adminHome},
		{"GET /admin/editions", only(organizer), s.editionList},
		{"GET /admin/editions/new", only(organizer), s.editionNew},
		{"POST /admin/editions", only(organizer), s.editionCreate},
		{"GET /admin/editions/{id}", only(organizer), s.editionPage},
		{"POST /admin/editions/{id}", only(organizer), s.editionUpdate},
		{"POST /admin/editions/{id}/venues", only(organizer), s.venueCreate},
		{"POST /admin/editions/{id}/fairs", only(organizer), s.fairCreate},
		{"POST /admin/venues/{id}", only(organizer), s.venueUpdate},
		{"POST /admin/fairs/{id}", only(organizer), s.fairUpdate},
		{"POST /admin/fairs/{id}/sessions", only(organizer), s.sessionCreate},
		{"GET /admin/orgs", only(organizer), s.orgList},
		{"POST /admin/orgs/{id}/status", only(organizer), s.orgStatus},
		{"GET /admin/search", only(organizer), s.search},
		{"GET /admin/audit", only(organizer), s.auditPage},

		// JSON API: the same operations.
		{"GET /api/v1/openapi.json", anyone, s.openapiDoc},
		{"POST /api/v1/register", anyone, s.apiRegister},
		{"POST /api/v1/login", anyone, s.apiLogin},
		{"POST /api/v1/logout", anyone, s.apiLogout},
		{"GET /api/v1/me", signedIn, s.apiMe},
		{"PUT /api/v1/me/locale", signedIn, s.apiSetLocale},
		{"GET /api/v1/me/profile", only(talent), s.apiProfile},
		{"PUT /api/v1/me/profile", only(talent), s.apiProfileSave},
		{"GET /api/v1/me/applications", only(talent), s.apiMyApplications},
		{"GET /api/v1/org", only(enterprise, delegation), s.apiOrg},
		{"PUT /api/v1/org", only(enterprise, delegation), s.apiOrgSave},
		{"GET /api/v1/editions", anyone, s.apiEditions},
		{"POST /api/v1/editions", only(organizer), s.apiEditionCreate},
		{"GET /api/v1/editions/{id}", anyone, s.apiEdition},
		{"PUT /api/v1/editions/{id}", only(organizer), s.apiEditionUpdate},
		{"GET /api/v1/editions/{id}/venues", anyone, s.apiVenues},
		{"POST /api/v1/editions/{id}/venues", only(organizer), s.apiVenueCreate},
		{"GET /api/v1/editions/{id}/fairs", anyone, s.apiFairs},
		{"POST /api/v1/editions/{id}/fairs", only(organizer), s.apiFairCreate},
		{"GET /api/v1/fairs/{id}/sessions", anyone, s.apiSessions},
		{"POST /api/v1/fairs/{id}/sessions", only(organizer), s.apiSessionCreate},
		{"PUT /api/v1/venues/{id}", only(organizer), s.apiVenueUpdate},
		{"PUT /api/v1/fairs/{id}", only(organizer), s.apiFairUpdate},
		{"GET /api/v1/organizations", only(organizer), s.apiOrgs},
		{"POST /api/v1/organizations/{id}/status", only(organizer), s.apiOrgStatus},
		{"GET /api/v1/posts", anyone, s.apiPosts},
		{"GET /api/v1/posts/{id}", anyone, s.apiPost},
		{"POST /api/v1/posts/{id}/apply", only(talent), s.apiApply},
		{"GET /api/v1/search", only(organizer), s.apiSearch},
	}
}

// routes builds the handler: each route behind its access check, the mux
// behind cross-origin protection (CSRF) and the outer middleware.
func (s *Server) routes() http.Handler {
	return s.buildHandler(func(rt route) http.Handler { return rt.handle })
}

// buildHandler lets the authorization test put a probe where each handler
// goes, so it sees exactly what the access layer lets through.
func (s *Server) buildHandler(final func(route) http.Handler) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routeTable() {
		limit := int64(1 << 20)
		if n, ok := bodyLimits[rt.pattern]; ok {
			limit = n
		}
		mux.Handle(rt.pattern, s.authorize(rt.access, limitBody(limit, final(rt))))
	}
	mux.HandleFunc("/", s.notFound)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, model.Errorf(model.Forbidden, "err.cross_origin"))
	}))
	return s.outer(cop.Handler(mux))
}

// authorize refuses a request its route does not allow: anonymous callers
// are sent to sign in (401 for the API), others get 403.
func (s *Server) authorize(a access, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := currentUser(r)
		if a.allows(u) {
			next.ServeHTTP(w, r)
			return
		}
		if u == nil {
			if !isAPI(r) && r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.fail(w, r, model.Errorf(model.Unauthorized, "err.sign_in"))
			return
		}
		s.fail(w, r, model.Errorf(model.Forbidden, "err.forbidden"))
	})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, model.ErrNotFound("page"))
}

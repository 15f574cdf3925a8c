package web

import (
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/route"
)

// expectedAccess is the authorization contract: every route and who may use
// it. A route missing here, or listed here but not served, fails the test.
// Each area adds its routes with expect in an init of its own test file.
var expectedAccess = map[string]string{}

func expect(m map[string]string) {
	for k, v := range m {
		if _, dup := expectedAccess[k]; dup {
			panic("expectedAccess: " + k + " listed twice")
		}
		expectedAccess[k] = v
	}
}

func init() { expect(coreAccess) }

var coreAccess = map[string]string{
	"POST /admin/venues/{id}": "organizer",
	"POST /admin/fairs/{id}":  "organizer",
	"PUT /api/v1/venues/{id}": "organizer",
	"PUT /api/v1/fairs/{id}":  "organizer",
	"GET /{$}":                "anyone",
	"GET /healthz":            "anyone",
	"GET /static/":            "anyone",
	"POST /lang":              "anyone",
	"GET /login":              "anyone",
	"POST /login":             "anyone",
	"POST /logout":            "anyone",
	"GET /register":           "anyone",
	"POST /register":          "anyone",
	"GET /posts":              "anyone",
	"GET /posts/{id}":         "anyone",
	"GET /me":                 "signed-in",
	"GET /me/profile":         "talent",
	"POST /me/profile":        "talent",
	"GET /me/applications":    "talent",
	"GET /org":                "enterprise delegation",
	"POST /org":               "enterprise delegation",

	"GET /admin":                       "organizer",
	"GET /admin/editions":              "organizer",
	"GET /admin/editions/new":          "organizer",
	"POST /admin/editions":             "organizer",
	"GET /admin/editions/{id}":         "organizer",
	"POST /admin/editions/{id}":        "organizer",
	"POST /admin/editions/{id}/venues": "organizer",
	"POST /admin/editions/{id}/fairs":  "organizer",
	"POST /admin/fairs/{id}/sessions":  "organizer",
	"GET /admin/orgs":                  "organizer",
	"GET /admin/talents":               "organizer",
	"POST /admin/orgs/{id}/status":     "organizer",
	"GET /admin/search":                "organizer",
	"GET /admin/audit":                 "organizer",

	"GET /api/v1/openapi.json":               "anyone",
	"POST /api/v1/register":                  "anyone",
	"POST /api/v1/login":                     "anyone",
	"POST /api/v1/logout":                    "anyone",
	"GET /api/v1/me":                         "signed-in",
	"PUT /api/v1/me/locale":                  "signed-in",
	"PUT /api/v1/me/password":                "signed-in",
	"POST /api/v1/me/logout-all":             "signed-in",
	"GET /me/security":                       "signed-in",
	"POST /me/password":                      "signed-in",
	"POST /me/signout-all":                   "signed-in",
	"GET /api/v1/me/profile":                 "talent",
	"PUT /api/v1/me/profile":                 "talent",
	"GET /api/v1/me/applications":            "talent",
	"GET /api/v1/org":                        "enterprise delegation",
	"PUT /api/v1/org":                        "enterprise delegation",
	"GET /api/v1/editions":                   "anyone",
	"POST /api/v1/editions":                  "organizer",
	"GET /api/v1/editions/{id}":              "anyone",
	"PUT /api/v1/editions/{id}":              "organizer",
	"GET /api/v1/editions/{id}/venues":       "anyone",
	"POST /api/v1/editions/{id}/venues":      "organizer",
	"GET /api/v1/editions/{id}/fairs":        "anyone",
	"POST /api/v1/editions/{id}/fairs":       "organizer",
	"GET /api/v1/fairs/{id}/sessions":        "anyone",
	"POST /api/v1/fairs/{id}/sessions":       "organizer",
	"GET /api/v1/organizations":              "organizer",
	"POST /api/v1/organizations/{id}/status": "organizer",
	"GET /api/v1/posts":                      "anyone",
	"GET /api/v1/posts/{id}":                 "anyone",
	"POST /api/v1/posts/{id}/apply":          "talent",
	"GET /api/v1/search":                     "organizer",
}

func allowed(rule string, role model.Role) bool {
	switch rule {
	case "anyone":
		return true
	case "signed-in":
		return role != ""
	}
	for _, r := range strings.Fields(rule) {
		if model.Role(r) == role {
			return true
		}
	}
	return false
}

// TestRouteRoleMatrix walks every route × every role and anonymous. Each
// handler is replaced by a probe answering 299, so what reaches it is
// exactly what the access layer let through.
func TestRouteRoleMatrix(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	probe := httptest.NewServer(f.srv.buildHandler(func(route.Route) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(299) })
	}))
	defer probe.Close()
	f.ts = probe

	seen := map[string]bool{}
	for _, rt := range f.srv.routes {
		seen[rt.Pattern] = true
		if _, ok := expectedAccess[rt.Pattern]; !ok {
			t.Errorf("route %q has no entry in expectedAccess: say who may use it", rt.Pattern)
		}
	}
	for p := range expectedAccess {
		if !seen[p] {
			t.Errorf("expectedAccess lists %q, which the server does not serve", p)
		}
	}
	roles := append([]model.Role{""}, model.Roles...)
	patterns := make([]string, 0, len(expectedAccess))
	for p := range expectedAccess {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	for _, role := range roles {
		c := f.client(role)
		for _, p := range patterns {
			method, path, _ := strings.Cut(p, " ")
			path = strings.NewReplacer("{$}", "", "{id}", "1").Replace(path)
			if strings.HasSuffix(path, "/static/") {
				path += "style.css"
			}
			resp, _ := f.do(c, method, path, "application/json", "{}")
			got := resp.StatusCode == 299
			want := allowed(expectedAccess[p], role)
			if got != want {
				t.Errorf("%s as %q: reached handler = %v (status %d), want %v", p, role, got, resp.StatusCode, want)
			}
			if !got {
				switch {
				case role == "" && resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login"):
				case role == "" && resp.StatusCode == http.StatusUnauthorized:
				case role != "" && resp.StatusCode == http.StatusForbidden:
				default:
					t.Errorf("%s as %q denied with status %d %q", p, role, resp.StatusCode, resp.Header.Get("Location"))
				}
			}
		}
	}
}

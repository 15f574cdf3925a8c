package integrations

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/convene/convene/internal/web/route"
)

// Known are the scopes a token may hold: a resource and read or write.
// Every API route's scopes are among them (TestScopesKnown).
var Known = []string{
	"profile:read", "profile:write",
	"org:read", "org:write",
	"posts:read", "posts:write",
	"applications:read", "applications:write",
	"figures:read", "figures:write",
	"meetings:read", "meetings:write",
	"events:read", "events:write",
	"checkin:read", "checkin:write",
	"contests:read", "contests:write",
	"dockings:read",
	"booths:read",
	"exhibits:read",
	"admin:read", "admin:write",
	"webhooks:read", "webhooks:write",
}

// sessionOnly are API routes no token may use whatever its scopes: signing
// in and out, the password, and making tokens (a token that could make
// tokens would outlive its own revocation).
var sessionOnly = map[string]bool{
	"POST /api/v1/register": true, "POST /api/v1/login": true, "POST /api/v1/logout": true,
	"PUT /api/v1/me/password": true, "POST /api/v1/me/logout-all": true,
	"GET /api/v1/tokens": true, "POST /api/v1/tokens": true, "DELETE /api/v1/tokens/{id}": true,
}

// ScopesFor is the scope a route needs by its pattern: the resource its
// path names, read for GET and write otherwise; nil for pages and the
// session-only routes.
func ScopesFor(pattern string) []string {
	method, path, _ := strings.Cut(pattern, " ")
	if !strings.HasPrefix(path, "/api/v1/") || sessionOnly[pattern] || path == "/api/v1/openapi.json" {
		return nil
	}
	verb := "read"
	if method != http.MethodGet && method != http.MethodHead {
		verb = "write"
	}
	return []string{resource(strings.Split(strings.TrimPrefix(path, "/api/v1/"), "/")) + ":" + verb}
}

func resource(seg []string) string {
	at := func(i int) string {
		if i < len(seg) {
			return seg[i]
		}
		return ""
	}
	switch at(0) {
	case "me":
		switch at(1) {
		case "applications":
			return "applications"
		case "agenda", "availability":
			return "meetings"
		case "badge":
			return "checkin"
		case "recommendations":
			return "posts"
		}
		return "profile"
	case "org":
		if at(1) == "posts" {
			return "posts"
		}
		return "org"
	case "posts":
		switch at(2) {
		case "applications", "apply", "candidates":
			return "applications"
		}
		return "posts"
	case "inbox", "applications":
		return "applications"
	case "figures", "delegations", "dashboard", "reports":
		return "figures"
	case "video":
		return "meetings"
	case "booths", "gates", "dockings":
		if at(1) == "figures" || at(1) == "stats" || at(1) == "funnel" {
			return "figures"
		}
		if at(0) == "gates" {
			return "checkin"
		}
		return at(0)
	case "contests", "entries", "policies", "projects":
		return "contests"
	case "editions", "venues", "fairs", "organizations", "search":
		return "admin"
	case "webhooks", "webhook-deliveries":
		return "webhooks"
	}
	return at(0)
}

// WithScopes fills each route's Scopes from its pattern unless it names
// its own.
func WithScopes(rts []route.Route) []route.Route {
	for i := range rts {
		if rts[i].Scopes == nil {
			rts[i].Scopes = ScopesFor(rts[i].Pattern)
		}
	}
	return rts
}

// DescribeScopes adds the bearer scheme to the API document and, to each
// operation of a route, the scopes a token needs (OpenAPI 3.0 lists
// scopes only for OAuth 2 schemes, so bearer requirements carry none; the
// scopes are in each operation's x-scopes and its description).
func DescribeScopes(doc []byte, rts []route.Route) ([]byte, error) {
	var d map[string]any
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	comp := d["components"].(map[string]any)
	schemes, _ := comp["securitySchemes"].(map[string]any)
	if schemes == nil {
		schemes = map[string]any{}
		comp["securitySchemes"] = schemes
	}
	schemes["bearer"] = map[string]any{"type": "http", "scheme": "bearer",
		"description": "A personal API token (Account → API tokens). Each operation lists the scopes it needs in x-scopes; " +
			"operations without x-scopes take a session only. Tokens are limited per token (429 with Retry-After)."}
	paths := d["paths"].(map[string]any)
	for _, rt := range rts {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		item, _ := paths[path].(map[string]any)
		if item == nil {
			continue
		}
		op, _ := item[strings.ToLower(method)].(map[string]any)
		if op == nil {
			continue
		}
		if len(rt.Scopes) == 0 {
			continue
		}
		op["x-scopes"] = rt.Scopes
		sec := []any{map[string]any{"session": []any{}}, map[string]any{"bearer": []any{}}}
		if rt.Access.Allows(nil) {
			sec = append(sec, map[string]any{})
		}
		op["security"] = sec
		desc, _ := op["description"].(string)
		if desc != "" {
			desc += "\n\n"
		}
		op["description"] = desc + fmt.Sprintf("Token scopes: %s.", strings.Join(rt.Scopes, ", "))
	}
	return json.MarshalIndent(d, "", " ")
}

// KnownSorted is Known in order, for forms.
func KnownSorted() []string {
	s := slices.Clone(Known)
	sort.Strings(s)
	return s
}

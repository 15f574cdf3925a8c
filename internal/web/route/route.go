// Package route is how an area of the web layer declares what it answers:
// a pattern, who may use it and, for uploads, a larger body limit. Deny by
// default: a route must name its access, and the route × role test walks
// every route of every area.
package route

import (
	"net/http"
	"slices"

	"github.com/convene/convene/internal/model"
)

// Access says who may use a route.
type Access struct {
	public bool         // anyone, signed in or not
	roles  []model.Role // when not public: these roles; empty means any signed-in user
}

var (
	// Anyone, signed in or not.
	Anyone = Access{public: true}
	// SignedIn is any signed-in user.
	SignedIn = Access{}
)

// Only is the signed-in users of these roles.
func Only(roles ...model.Role) Access { return Access{roles: roles} }

// Allows reports whether u (nil when signed out) may use the route.
func (a Access) Allows(u *model.User) bool {
	if a.public {
		return true
	}
	if u == nil {
		return false
	}
	return len(a.roles) == 0 || slices.Contains(a.roles, u.Role)
}

// DefaultMaxBody is a request body's limit unless a route sets its own.
const DefaultMaxBody = 1 << 20

// Route is one pattern an area answers.
type Route struct {
	Pattern string
	Access  Access
	Handle  http.HandlerFunc
	// MaxBody raises the body limit for uploads; 0 means DefaultMaxBody.
	MaxBody int64
	// Scopes an API token must hold to use the route (all of them); none
	// means sessions only, unless the route is a public read. Left empty,
	// the server fills it from the route's pattern (integrations.ScopesFor).
	Scopes []string
}

// Limit is the route's body limit.
func (rt Route) Limit() int64 {
	if rt.MaxBody > 0 {
		return rt.MaxBody
	}
	return DefaultMaxBody
}

// Roles, for route tables.
const (
	Organizer  = model.RoleOrganizer
	Enterprise = model.RoleEnterprise
	Delegation = model.RoleDelegation
	Talent     = model.RoleTalent
	Judge      = model.RoleJudge
	Gate       = model.RoleGate
)

package matching

import "github.com/convene/convene/internal/web/route"

// Routes: a post's candidates for its enterprise and organizers, a
// talent's recommendations, the organizer's matching rate.
func (a *Area) Routes() []route.Route {
	entOrg := route.Only(route.Enterprise, route.Organizer)
	return []route.Route{
		{Pattern: "GET /posts/{id}/candidates", Access: entOrg, Handle: a.candidatesPage},
		{Pattern: "GET /api/v1/me/recommendations", Access: route.Only(route.Talent), Handle: a.apiRecommendations},
		{Pattern: "GET /api/v1/posts/{id}/candidates", Access: entOrg, Handle: a.apiCandidates},
		{Pattern: "GET /api/v1/figures/matching", Access: route.Only(route.Organizer), Handle: a.apiMatchingRate},
	}
}

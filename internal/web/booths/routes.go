package booths

import (
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/route"
)

// Routes: the plan and an exhibitor's own requests and booths (signed in);
// requests (enterprises and delegations); confirm, release, accept and
// book (exhibitors); the organizer's review and actions; the API.
func (a *Area) Routes() []route.Route {
	exh := route.Only(model.RoleEnterprise, model.RoleDelegation)
	org := route.Only(model.RoleOrganizer)
	return []route.Route{
		{Pattern: "GET /booths", Access: route.SignedIn, Handle: a.planPage},
		{Pattern: "POST /booths/requests", Access: exh, Handle: a.fileRequest},
		{Pattern: "POST /booths/requests/{id}/withdraw", Access: exh, Handle: a.withdraw},
		{Pattern: "POST /booths/{id}/confirm", Access: exh, Handle: a.confirm},
		{Pattern: "POST /booths/{id}/release", Access: exh, Handle: a.release},
		{Pattern: "POST /booths/{id}/book", Access: exh, Handle: a.book},

		{Pattern: "GET /admin/booths", Access: org, Handle: a.reviewPage},
		{Pattern: "POST /admin/booths/settings", Access: org, Handle: a.settings},
		{Pattern: "POST /admin/booths/quotas", Access: org, Handle: a.setQuota},
		{Pattern: "POST /admin/booths/import", Access: org, Handle: a.importPlan, MaxBody: 8 << 20},
		{Pattern: "POST /admin/booths/run", Access: org, Handle: a.run},
		{Pattern: "POST /admin/booths/assign", Access: org, Handle: a.assign},
		{Pattern: "POST /admin/booths/priority", Access: org, Handle: a.setPriority},
		{Pattern: "POST /admin/booths/publish", Access: org, Handle: a.publish},

		{Pattern: "GET /api/v1/booths/plan", Access: route.SignedIn, Handle: a.apiPlan},
		{Pattern: "GET /api/v1/booths/figures", Access: org, Handle: a.apiFigures},
	}
}

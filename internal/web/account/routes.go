package account

import "github.com/convene/convene/internal/web/route"

// Routes are the account area's pages and API.
func (a *Area) Routes() []route.Route {
	return []route.Route{
		// Everyone.
		{Pattern: "GET /{$}", Access: route.Anyone, Handle: a.home},
		{Pattern: "POST /lang", Access: route.Anyone, Handle: a.setLang},
		{Pattern: "GET /login", Access: route.Anyone, Handle: a.loginForm},
		{Pattern: "POST /login", Access: route.Anyone, Handle: a.login},
		{Pattern: "POST /logout", Access: route.Anyone, Handle: a.logout},
		{Pattern: "GET /register", Access: route.Anyone, Handle: a.registerForm},
		{Pattern: "POST /register", Access: route.Anyone, Handle: a.register},
		{Pattern: "GET /me", Access: route.SignedIn, Handle: a.dashboard},
		{Pattern: "GET /me/security", Access: route.SignedIn, Handle: a.securityPage},
		{Pattern: "POST /me/password", Access: route.SignedIn, Handle: a.passwordSave},
		{Pattern: "POST /me/signout-all", Access: route.SignedIn, Handle: a.signOutEverywhere},

		// Talents.
		{Pattern: "GET /me/profile", Access: route.Only(route.Talent), Handle: a.profileForm},
		{Pattern: "POST /me/profile", Access: route.Only(route.Talent), Handle: a.profileSave},
		{Pattern: "GET /me/applications", Access: route.Only(route.Talent), Handle: a.myApplications},

		// Enterprises and delegations.
		{Pattern: "GET /org", Access: route.Only(route.Enterprise, route.Delegation), Handle: a.orgForm},
		{Pattern: "POST /org", Access: route.Only(route.Enterprise, route.Delegation), Handle: a.orgSave},

		// JSON API: the same operations.
		{Pattern: "POST /api/v1/register", Access: route.Anyone, Handle: a.apiRegister},
		{Pattern: "POST /api/v1/login", Access: route.Anyone, Handle: a.apiLogin},
		{Pattern: "POST /api/v1/logout", Access: route.Anyone, Handle: a.apiLogout},
		{Pattern: "GET /api/v1/me", Access: route.SignedIn, Handle: a.apiMe},
		{Pattern: "PUT /api/v1/me/locale", Access: route.SignedIn, Handle: a.apiSetLocale},
		{Pattern: "PUT /api/v1/me/password", Access: route.SignedIn, Handle: a.apiPasswordSave},
		{Pattern: "POST /api/v1/me/logout-all", Access: route.SignedIn, Handle: a.apiSignOutEverywhere},
		{Pattern: "GET /api/v1/me/notifications", Access: route.SignedIn, Handle: a.apiNotifications},
		{Pattern: "GET /api/v1/me/profile", Access: route.Only(route.Talent), Handle: a.apiProfile},
		{Pattern: "PUT /api/v1/me/profile", Access: route.Only(route.Talent), Handle: a.apiProfileSave},
		{Pattern: "GET /api/v1/me/applications", Access: route.Only(route.Talent), Handle: a.apiMyApplications},
		{Pattern: "GET /api/v1/org", Access: route.Only(route.Enterprise, route.Delegation), Handle: a.apiOrg},
		{Pattern: "PUT /api/v1/org", Access: route.Only(route.Enterprise, route.Delegation), Handle: a.apiOrgSave},
	}
}

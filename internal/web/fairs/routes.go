package fairs

import "github.com/convene/convene/internal/web/route"

// Routes are the fairs' and posts' pages (anyone), the enterprises' posts,
// imports and exports, the inbox (enterprises see theirs, organizers
// everything), the organizer's figures, and their API.
func (a *Area) Routes() []route.Route {
	ent := route.Only(route.Enterprise)
	entOrg := route.Only(route.Enterprise, route.Organizer)
	org := route.Only(route.Organizer)
	return []route.Route{
		{Pattern: "GET /fairs/{id}", Access: route.Anyone, Handle: a.fairPage},
		{Pattern: "GET /posts", Access: route.Anyone, Handle: a.postList},
		{Pattern: "GET /posts/{id}", Access: route.Anyone, Handle: a.postPage},

		// Enterprises: their posts.
		{Pattern: "GET /org/posts", Access: ent, Handle: a.orgPosts},
		{Pattern: "GET /org/posts/new", Access: ent, Handle: a.postNew},
		{Pattern: "POST /org/posts", Access: ent, Handle: a.postCreate},
		{Pattern: "GET /org/posts/{id}/edit", Access: ent, Handle: a.postEdit},
		{Pattern: "POST /org/posts/{id}", Access: ent, Handle: a.postUpdate},
		{Pattern: "POST /org/posts/{id}/status", Access: ent, Handle: a.postStatus},
		{Pattern: "GET /org/posts/import", Access: ent, Handle: a.importForm},
		// The upload keeps the default 1 MiB body limit, as before the split.
		{Pattern: "POST /org/posts/import", Access: ent, Handle: a.importPosts},
		{Pattern: "GET /org/posts/template.xlsx", Access: ent, Handle: a.importTemplate},
		{Pattern: "GET /exports/posts.xlsx", Access: entOrg, Handle: a.exportPosts},
		{Pattern: "GET /exports/applications.xlsx", Access: entOrg, Handle: a.exportApplications},

		// The inbox.
		{Pattern: "GET /inbox", Access: entOrg, Handle: a.inboxPage},
		{Pattern: "POST /inbox/status", Access: ent, Handle: a.inboxMove},
		{Pattern: "GET /inbox/{id}", Access: entOrg, Handle: a.applicationPage},

		{Pattern: "GET /admin/figures", Access: org, Handle: a.figuresPage},

		// JSON API.
		{Pattern: "GET /api/v1/posts", Access: route.Anyone, Handle: a.apiPosts},
		{Pattern: "GET /api/v1/posts/{id}", Access: route.Anyone, Handle: a.apiPost},
		{Pattern: "GET /api/v1/posts/search", Access: route.Anyone, Handle: a.apiSearchPosts},
		{Pattern: "POST /api/v1/posts", Access: ent, Handle: a.apiPostCreate},
		{Pattern: "PUT /api/v1/posts/{id}", Access: ent, Handle: a.apiPostUpdate},
		{Pattern: "POST /api/v1/posts/{id}/status", Access: ent, Handle: a.apiPostStatus},
		{Pattern: "GET /api/v1/posts/{id}/applications", Access: entOrg, Handle: a.apiPostInbox},
		{Pattern: "GET /api/v1/org/posts", Access: ent, Handle: a.apiOrgPosts},
		{Pattern: "POST /api/v1/org/posts/import", Access: ent, Handle: a.apiImportPosts},
		{Pattern: "GET /api/v1/inbox", Access: entOrg, Handle: a.apiInbox},
		{Pattern: "POST /api/v1/applications/status", Access: ent, Handle: a.apiInboxMove},
		{Pattern: "GET /api/v1/applications/{id}/events", Access: entOrg, Handle: a.apiAppEvents},
		{Pattern: "GET /api/v1/figures", Access: org, Handle: a.apiFigures},
	}
}

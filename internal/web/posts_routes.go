package web

// The job fairs' routes (part A: posts, imports and exports, search, the
// enterprise inbox, figures). GET /posts, /posts/{id}, /api/v1/posts and
// /api/v1/posts/{id} stay in the core table; their handlers are ours.
func init() { areas = append(areas, (*Server).fairRoutes) }

func (s *Server) fairRoutes() []route {
	return []route{
		{"GET /fairs/{id}", anyone, s.fairPage},

		// Enterprises: their posts.
		{"GET /org/posts", only(enterprise), s.orgPosts},
		{"GET /org/posts/new", only(enterprise), s.postNew},
		{"POST /org/posts", only(enterprise), s.postCreate},
		{"GET /org/posts/{id}/edit", only(enterprise), s.postEdit},
		{"POST /org/posts/{id}", only(enterprise), s.postUpdate},
		{"POST /org/posts/{id}/status", only(enterprise), s.postStatus},
		{"GET /org/posts/import", only(enterprise), s.importForm},
		{"POST /org/posts/import", only(enterprise), s.importPosts},
		{"GET /org/posts/template.xlsx", only(enterprise), s.importTemplate},
		{"GET /exports/posts.xlsx", only(enterprise, organizer), s.exportPosts},
		{"GET /exports/applications.xlsx", only(enterprise, organizer), s.exportApplications},

		// The inbox: enterprises see theirs, organizers everything.
		{"GET /inbox", only(enterprise, organizer), s.inboxPage},
		{"POST /inbox/status", only(enterprise), s.inboxMove},
		{"GET /inbox/{id}", only(enterprise, organizer), s.applicationPage},

		{"GET /admin/figures", only(organizer), s.figuresPage},

		// JSON API.
		{"GET /api/v1/posts/search", anyone, s.apiSearchPosts},
		{"POST /api/v1/posts", only(enterprise), s.apiPostCreate},
		{"PUT /api/v1/posts/{id}", only(enterprise), s.apiPostUpdate},
		{"POST /api/v1/posts/{id}/status", only(enterprise), s.apiPostStatus},
		{"GET /api/v1/posts/{id}/applications", only(enterprise, organizer), s.apiPostInbox},
		{"GET /api/v1/org/posts", only(enterprise), s.apiOrgPosts},
		{"POST /api/v1/org/posts/import", only(enterprise), s.apiImportPosts},
		{"GET /api/v1/inbox", only(enterprise, organizer), s.apiInbox},
		{"POST /api/v1/applications/status", only(enterprise), s.apiInboxMove},
		{"GET /api/v1/applications/{id}/events", only(enterprise, organizer), s.apiAppEvents},
		{"GET /api/v1/me/notifications", signedIn, s.apiNotifications},
		{"GET /api/v1/figures", only(organizer), s.apiFigures},
	}
}

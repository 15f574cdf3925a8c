package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
)

// TestApplicationPage: the owning enterprise opens an application and
// nothing changes until it marks it "viewed" (a POST), once, recorded and
// told to the talent; an organizer looks without changing it; another enterprise is refused; the page moves
// it along and comes back. On both databases.
func TestApplicationPage(t *testing.T) {
	t.Parallel()
	onEachFair(t, func(t *testing.T, f *fairFixture) {
		a := f.client(model.RoleEnterprise)
		resp, body := f.json(a, "POST", "/api/v1/posts", `{"fair_id":`+itoa(int(f.fair.ID))+`,"title":"Robot <b>vision</b> engineer","min_degree":"bachelor","headcount":1}`)
		if resp.StatusCode != 201 {
			t.Fatalf("create: %d %s", resp.StatusCode, body)
		}
		pid := decode[jsonview.Post](t, body).ID
		tc := f.client(model.RoleTalent)
		sec, _ := f.srv.deps.Codes.Secret(bg)
		resp, body = f.json(tc, "POST", "/api/v1/posts/"+itoa(int(pid))+"/apply", `{"channel":"scan","token":"`+qr.Token(sec, qr.Post, pid)+`"}`)
		if resp.StatusCode != 201 {
			t.Fatalf("apply: %d %s", resp.StatusCode, body)
		}
		app := decode[applyJ](t, body).Application
		path := "/inbox/" + itoa(int(app.ID))
		status := func() model.AppStatus {
			got, err := f.db.Application(bg, app.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.Status
		}
		talentNotes := func() int {
			tu := f.users[model.RoleTalent]
			n, err := f.db.Notifications(bg, tu.ID, 50)
			if err != nil {
				t.Fatal(err)
			}
			return len(n)
		}

		if resp, _ := f.do(f.clientB, "GET", path, "", ""); resp.StatusCode != 403 {
			t.Fatalf("another enterprise: %d", resp.StatusCode)
		}
		if resp, body := f.do(f.client(model.RoleOrganizer), "GET", path, "", ""); resp.StatusCode != 200 || !strings.Contains(body, `id="app-status">Applied<`) {
			t.Fatalf("organizer: %d %s", resp.StatusCode, body)
		}
		if status() != model.AppApplied || talentNotes() != 0 {
			t.Fatalf("looking changed the application: %s, %d notes", status(), talentNotes())
		}

		// Looking is a GET and changes nothing (issue 11, item 9); the
		// page offers "mark as viewed", a POST.
		resp, body = f.do(a, "GET", path, "", "")
		if resp.StatusCode != 200 || !strings.Contains(body, `id="app-status">Applied<`) || !strings.Contains(body, "Robot &lt;b&gt;vision&lt;/b&gt; engineer") ||
			!strings.Contains(body, "talent@test.example") || !strings.Contains(body, "QR scan") || !strings.Contains(body, `id="app-move"`) || !strings.Contains(body, `id="app-viewed"`) {
			t.Fatalf("enterprise's page: %d %s", resp.StatusCode, body)
		}
		if status() != model.AppApplied || talentNotes() != 0 {
			t.Fatalf("the enterprise looking changed the application: %s, %d notes", status(), talentNotes())
		}
		if resp, _ := f.postForm(a, "/inbox/status", url.Values{"id": {itoa(int(app.ID))}, "status": {"viewed"}, "next": {path}}); resp.StatusCode != 303 {
			t.Fatalf("mark as viewed: %d", resp.StatusCode)
		}
		f.postForm(a, "/inbox/status", url.Values{"id": {itoa(int(app.ID))}, "status": {"viewed"}, "next": {path}}) // again: nothing more
		ev, err := f.db.ApplicationEvents(bg, app.ID)
		if err != nil || len(ev) != 1 || ev[0].From != model.AppApplied || ev[0].To != model.AppViewed || ev[0].ByUserID != f.users[model.RoleEnterprise].ID {
			t.Fatalf("history after marking viewed twice: %+v %v", ev, err)
		}
		if status() != model.AppViewed || talentNotes() != 1 {
			t.Fatalf("after viewing: %s, %d notes", status(), talentNotes())
		}

		resp, _ = f.postForm(a, "/inbox/status", url.Values{"id": {itoa(int(app.ID))}, "status": {"interview"}, "next": {path}})
		if resp.StatusCode != 303 || resp.Header.Get("Location") != path {
			t.Fatalf("move from the page: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, body = f.do(a, "GET", path, "", "")
		if !strings.Contains(body, `id="app-status">Interview<`) || strings.Count(body, "→") != 2 {
			t.Fatalf("after the move: %s", body)
		}
		for _, p := range []string{"/inbox/987654", "/inbox/x"} {
			if resp, _ := f.do(a, "GET", p, "", ""); resp.StatusCode != 404 {
				t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
			}
		}
		if rows, _ := f.db.Inbox(bg, store.InboxFilter{ID: app.ID}); len(rows) != 1 || rows[0].ID != app.ID {
			t.Fatalf("Inbox by id: %+v", rows)
		}
	})
}

package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

func init() {
	expect(map[string]string{
		"GET /admin/delegations/import":        "organizer",
		"POST /admin/delegations/import":       "organizer",
		"GET /admin/delegations/template.xlsx": "organizer",
	})
}

// TestImportMembers: the organizer's delegations page links to the
// import; a file with a bad row, an address twice, or one already a
// member or taken imports nothing and lists every problem by row, the
// delegation kept; the template imports whole, its members' first
// passwords shown once and good for signing in, its lead row the lead;
// other roles are refused.
func TestImportMembers(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		orgID := *f.users[model.RoleDelegation].OrgID
		deleg := strconv.FormatInt(orgID, 10)
		count := func() int {
			ms, err := db.DelegationMembers(bg, orgID)
			if err != nil {
				t.Fatal(err)
			}
			return len(ms)
		}
		org := f.client(model.RoleOrganizer)
		if _, body := f.do(org, "GET", "/admin/delegations", "", ""); !strings.Contains(body, `href="/admin/delegations/import"`) {
			t.Fatal("the delegations page does not link to the import")
		}
		if resp, body := f.do(org, "GET", "/admin/delegations/import?org_id="+deleg, "", ""); resp.StatusCode != 200 || !strings.Contains(body, `value="`+deleg+`" selected`) {
			t.Fatalf("form: %d %s", resp.StatusCode, body)
		}

		for _, c := range []struct {
			name, file string
			want       []string
		}{
			{"bad rows", "email,name,lead\nanna@cis.example,Anna,yes\nANNA@cis.example,Anna again,\n,No address,yes\n",
				[]string{"row 3 · email: This address is on an earlier row of the file.", "row 4 · email: Required.", "row 4 · lead: A delegation has one lead"}},
			{"already members", "email,name\nnew@cis.example,New\ndelegation@test.example,The lead\nenterprise@test.example,Taken\n",
				[]string{"row 3 · email: This person is already a member of the delegation.", "row 4 · email: An account with this email already exists."}},
		} {
			ctype, body := importBody(t, map[string]string{"org_id": deleg}, []byte(c.file), "m.csv")
			resp, page := f.do(org, "POST", "/admin/delegations/import", ctype, body)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `value="`+deleg+`" selected`) {
				t.Fatalf("%s: %d %s", c.name, resp.StatusCode, page)
			}
			for _, w := range c.want {
				if !strings.Contains(page, w) {
					t.Fatalf("%s: no %q in %s", c.name, w, page)
				}
			}
			if n := count(); n != 1 {
				t.Fatalf("%s: a refused file saved %d members", c.name, n-1)
			}
		}
		if _, _, err := db.UserByEmail(bg, "new@cis.example"); !model.IsNotFound(err) {
			t.Fatalf("a refused file created an account: %v", err)
		}
		ent := strconv.FormatInt(*f.users[model.RoleEnterprise].OrgID, 10)
		ctype, body := importBody(t, map[string]string{"org_id": ent}, []byte("email,name\nx@cis.example,X\n"), "m.csv")
		if resp, _ := f.do(org, "POST", "/admin/delegations/import", ctype, body); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("an enterprise as the delegation: %d", resp.StatusCode)
		}

		resp, xlsx := f.do(org, "GET", "/admin/delegations/template.xlsx", "", "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("template: %d", resp.StatusCode)
		}
		ctype, body = importBody(t, map[string]string{"org_id": deleg}, []byte(xlsx), "t.xlsx")
		resp, page := f.do(org, "POST", "/admin/delegations/import", ctype, body)
		if resp.StatusCode != http.StatusCreated || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("template import: %d %s", resp.StatusCode, page)
		}
		m := regexp.MustCompile(`ivanova@example.com</td><td><code>([A-Za-z0-9_-]{16})</code>`).FindStringSubmatch(page)
		if m == nil || !strings.Contains(page, "王磊") {
			t.Fatalf("no first passwords shown: %s", page)
		}
		if n := count(); n != 3 {
			t.Fatalf("%d members after the import", n)
		}
		ms, _ := db.DelegationMembers(bg, orgID)
		if ms[0].Email != "ivanova@example.com" || !ms[0].Lead || ms[0].Locale != "en" || ms[0].InvitedBy != f.users[model.RoleOrganizer].Name {
			t.Fatalf("members: %+v", ms)
		}
		if resp, _ := f.postForm(newJar(), "/login", url.Values{"email": {"ivanova@example.com"}, "password": {m[1]}}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/me" {
			t.Fatalf("the first password does not sign in: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}

		f.setLocale(org, "zh")
		if resp, body := f.do(org, "GET", "/admin/delegations/import", "", ""); resp.StatusCode != 200 || !strings.Contains(body, "导入成员") || !strings.Contains(body, "下载模板") {
			t.Fatalf("zh form: %d %s", resp.StatusCode, body)
		}

		for _, role := range []model.Role{model.RoleDelegation, model.RoleEnterprise, model.RoleTalent} {
			c := f.client(role)
			for _, path := range []string{"/admin/delegations/import", "/admin/delegations/template.xlsx"} {
				if resp, _ := f.do(c, "GET", path, "", ""); resp.StatusCode != http.StatusForbidden {
					t.Fatalf("%s %s: %d", role, path, resp.StatusCode)
				}
			}
			ctype, body := importBody(t, map[string]string{"org_id": deleg}, []byte("email,name\ny@cis.example,Y\n"), "m.csv")
			if resp, _ := f.do(c, "POST", "/admin/delegations/import", ctype, body); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("%s import: %d", role, resp.StatusCode)
			}
		}
		if n := count(); n != 3 {
			t.Fatalf("refused imports saved: %d members", n)
		}
	})
}

package e2e

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestDemoServesEveryRole runs `convene demo` as a user would, reads the
// logins it prints, signs in as each and opens that role's pages.
func TestDemoServesEveryRole(t *testing.T) {
	base, pw, logins := startDemo(t)
	pages := map[string][]string{
		"organizer":  {"/admin", "/admin/editions", "/admin/orgs", "/admin/search?q=a", "/admin/audit"},
		"delegation": {"/me", "/org"},
		"enterprise": {"/me", "/org"},
		"talent":     {"/me", "/me/profile", "/me/applications"},
		"judge":      {"/me"},
		"gate":       {"/me"},
	}
	for role, email := range logins {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
		resp, err := c.PostForm(base+"/login", url.Values{"email": {email}, "password": {pw}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Request.URL.Path == "/login" {
			t.Fatalf("%s could not sign in (status %d)", role, resp.StatusCode)
		}
		for _, p := range append([]string{"/", "/posts"}, pages[role]...) {
			resp, err := c.Get(base + p)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.Request.URL.Path == "/login" {
				t.Errorf("%s GET %s: %d at %s", role, p, resp.StatusCode, resp.Request.URL.Path)
			}
			if p == "/" && !strings.Contains(string(body), "edition-name") {
				t.Errorf("%s: home shows no edition", role)
			}
		}
		if role != "organizer" {
			continue
		}
		// The demo has the previous edition (internal/gen/previous.go):
		// the figures compare with it, 25,000 m² then, 50,000 now.
		resp, err = c.Get(base + "/admin/dashboard/figures?lang=en")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		row := html.UnescapeString(regexp.MustCompile(`(?s)<tr id="fig-exhibition.venue_m2">.*?</tr>`).FindString(string(body)))
		if resp.StatusCode != 200 || !strings.Contains(row, "25,000") || !strings.Contains(row, "+100%") {
			t.Errorf("figures page %d: exhibition area row %q, want 25,000 m² the year before, +100%%", resp.StatusCode, row)
		}
	}
}

package e2e

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestDemoServesEveryRole runs `convene demo` as a user would, reads the
// logins it prints, signs in as each and opens that role's pages.
func TestDemoServesEveryRole(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, "demo", "-db", filepath.Join(t.TempDir(), "demo.db"), "-addr", "127.0.0.1:0", "-quiet")
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = &logSink{t: t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })

	var base, pw string
	logins := map[string]string{}
	urlRe := regexp.MustCompile(`^Convene demo at (http://\S+)`)
	pwRe := regexp.MustCompile(`password "([^"]+)"`)
	loginRe := regexp.MustCompile(`^\s+(organizer|delegation|enterprise|talent|judge|gate)\s+(\S+@\S+)`)
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if m := urlRe.FindStringSubmatch(line); m != nil {
			base = m[1]
		}
		if m := pwRe.FindStringSubmatch(line); m != nil {
			pw = m[1]
		}
		if m := loginRe.FindStringSubmatch(line); m != nil {
			logins[m[1]] = m[2]
		}
		if strings.HasPrefix(line, "Press Ctrl-C") {
			break
		}
	}
	go io.Copy(io.Discard, out)
	if base == "" || pw == "" || len(logins) != 6 {
		t.Fatalf("demo printed url %q, password %q, %d logins", base, pw, len(logins))
	}
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
	}
}

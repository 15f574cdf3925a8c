package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/convene/convene/internal/qr"
)

// mustReach are the pages each role's crawl must get to (as patterns, ids as
// {id}): the pages of TestPagesRenderForEveryRole (internal/web) and the
// areas' pages. The crawl follows every link from them, so it visits more.
var mustReach = map[string][]string{
	"":           {"/", "/login", "/register", "/register?role=enterprise", "/register?role=delegation", "/posts", "/posts/{id}", "/fairs/{id}", "/s/{token}"},
	"talent":     {"/", "/me", "/me/profile", "/me/applications", "/me/meetings", "/me/agenda", "/posts/{id}", "/fairs/{id}", "/s/{token}"},
	"enterprise": {"/me", "/org", "/org/posts", "/org/posts/new", "/org/posts/{id}/edit", "/org/posts/import", "/inbox", "/inbox/{id}", "/qr/orgs/{id}", "/posts/{id}/candidates", "/me/meetings", "/me/agenda", "/s/{token}"},
	"delegation": {"/me", "/org", "/me/meetings", "/me/agenda"},
	"judge":      {"/me", "/me/agenda"},
	"gate":       {"/me", "/me/agenda"},
	"organizer": {"/admin", "/admin/editions", "/admin/editions/new", "/admin/editions/{id}", "/admin/orgs", "/admin/search?q=a", "/admin/audit",
		"/admin/figures", "/admin/meetings", "/admin/tables/cards", "/inbox", "/inbox/{id}", "/me/agenda"},
}

// shape is a URL's pattern: numbers and scan tokens as placeholders, and the
// query kept only where it picks another form (register?role=).
var (
	idRe    = regexp.MustCompile(`/[0-9]+(/|$)`)
	tokenRe = regexp.MustCompile(`^/s/[^/]+$`)
)

func shape(u string) string {
	path, query, _ := strings.Cut(u, "?")
	for idRe.MatchString(path) {
		path = idRe.ReplaceAllString(path, "/{id}$1")
	}
	if tokenRe.MatchString(path) {
		path = "/s/{token}"
	}
	if strings.HasPrefix(query, "role=") || strings.HasPrefix(query, "q=") && path == "/admin/search" {
		return path + "?" + query
	}
	return path
}

// skipLink: downloads and files, which are no pages, and links off the site.
func skipLink(href string) bool {
	if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
		return true
	}
	path, _, _ := strings.Cut(href, "?")
	for _, p := range []string{"/static/", "/api/", "/cv/", "/exports/", "/metrics", "/healthz"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	for _, s := range []string{".xlsx", ".pdf", "/pdf", ".ics", ".png", ".svg", ".json", ".csv"} {
		if strings.HasSuffix(path, s) {
			return true
		}
	}
	return false
}

// pageProblems collects, for one tab, what the browser reported: console
// errors and warnings, uncaught exceptions, log entries (CSP violations
// arrive as security errors) and securitypolicyviolation events that a
// script added before any page script records in the page.
type pageProblems struct {
	mu   sync.Mutex
	list []string
}

func (p *pageProblems) add(s string) {
	p.mu.Lock()
	p.list = append(p.list, s)
	p.mu.Unlock()
}

func (p *pageProblems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.list
	p.list = nil
	return l
}

const cspProbe = `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));`

func watch(t *testing.T, ctx context.Context) *pageProblems {
	t.Helper()
	p := &pageProblems{}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				p.add(fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			p.add(fmt.Sprintf("exception: %s at %s:%d", msg, d.URL, d.LineNumber))
		case *log.EventEntryAdded:
			e := ev.Entry
			if e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning || e.Source == log.EntrySourceSecurity {
				p.add(fmt.Sprintf("log %s/%s: %s (%s)", e.Source, e.Level, e.Text, e.URL))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("log.enable: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		t.Fatalf("add CSP probe: %v", err)
	}
	return p
}

// visited is a page a role's crawl opened, and its HTML as the server sent it.
type visited struct {
	role, url, html string
}

// crawl opens the role's start pages and follows every link on the site
// that a page shows it, once per pattern, in a real browser under the
// site's real CSP. Any CSP violation, console error or warning, uncaught
// exception or non-200 answer fails the test. It returns the pages, with
// the HTML the server sent (fetched again by the page itself, so with the
// same session), for the validity check.
func crawl(t *testing.T, ctx context.Context, base, role string, start []string) []visited {
	t.Helper()
	probs := watch(t, ctx)
	seen := map[string]bool{}
	queue := slices.Clone(start)
	var out []visited
	for len(queue) > 0 && len(out) < 60 {
		u := queue[0]
		queue = queue[1:]
		if seen[shape(u)] {
			continue
		}
		seen[shape(u)] = true
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+u))
		if err != nil {
			t.Errorf("%s: open %s: %v", role, u, err)
			continue
		}
		if resp.Status != 200 {
			t.Errorf("%s: %s answered %d", role, u, resp.Status)
		}
		type pageInfo struct {
			Links []string `json:"links"`
			CSP   []string `json:"csp"`
			HTML  string   `json:"html"`
			Path  string   `json:"path"`
		}
		info, err := chromedp.Run(ctx, chromedp.Evaluate[pageInfo](`(async () => ({
			links: Array.from(document.querySelectorAll("a[href]"), a => a.getAttribute("href")),
			csp: window.__csp || [],
			html: await (await fetch(location.href, {credentials: "same-origin"})).text(),
			path: location.pathname + location.search,
		}))()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("%s: read %s: %v", role, u, err)
			continue
		}
		// Messages can trail the load by a moment (a blocked style is
		// reported as the parser meets it, an exception after it).
		time.Sleep(100 * time.Millisecond)
		for _, c := range info.CSP {
			t.Errorf("%s: %s: CSP violation: %s", role, u, c)
		}
		for _, m := range probs.take() {
			t.Errorf("%s: %s: %s", role, u, m)
		}
		if got := shape(info.Path); got != shape(u) {
			seen[got] = true // a redirect: the page was visited under its own name
		}
		out = append(out, visited{role: role, url: info.Path, html: info.HTML})
		for _, l := range info.Links {
			if !skipLink(l) && !seen[shape(l)] {
				queue = append(queue, l)
			}
		}
	}
	for _, m := range mustReach[role] {
		if !seen[m] {
			t.Errorf("%s: the crawl never reached %s (visited %s)", role, m, strings.Join(sortedKeys(seen), " "))
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// signIn signs in through the form and waits to land on the role's home
// (an organizer's /me leads on to /admin).
func signIn(t *testing.T, ctx context.Context, base, email, pw string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`input[name=email]`, email),
		chromedp.SendKeys(`input[name=password]`, pw),
		chromedp.Submit(`form[action="/login"]`),
	)
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && !strings.HasPrefix(strings.TrimPrefix(loc, base), "/login") {
			state, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.readyState"))
			if err == nil && state == "complete" {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("sign in as %s: still at %s: %v", email, loc, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// scanPath reads the demo enterprise's booth code the way a phone would and
// returns the scan landing's path.
func scanPath(t *testing.T, base, email string) string {
	t.Helper()
	c := apiLogin(t, base, email)
	resp, err := c.Get(base + "/org/qr")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	path := resp.Request.URL.Path // /org/qr leads to /qr/orgs/{id}
	if !strings.HasPrefix(path, "/qr/orgs/") {
		t.Fatalf("/org/qr led to %s", path)
	}
	resp, err = c.Get(base + path + "/code.png")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("booth code: %d", resp.StatusCode)
	}
	u, err := qr.DecodePNG(b)
	if err != nil {
		t.Fatalf("decode booth code: %v", err)
	}
	return strings.TrimPrefix(u, base)
}

// TestPagesCleanInBrowser signs in to the demo as each role (and visits as
// a stranger), opens every page a role can reach from its pages in
// Chromium and fails on any Content-Security-Policy violation, console
// error or warning and uncaught exception; then it checks the HTML the
// server sent for every page with html-validate (html_test.go).
func TestPagesCleanInBrowser(t *testing.T) {
	base, pw, logins := startDemo(t)
	scan := scanPath(t, base, logins["enterprise"])
	var pages []visited
	for _, role := range []string{"", "talent", "enterprise", "delegation", "judge", "gate", "organizer"} {
		name := role
		if name == "" {
			name = "anonymous"
		}
		t.Run(name, func(t *testing.T) {
			// The harness gives a browser 30 s; a role's crawl may take
			// longer on a busy machine, so it runs in the same tab with a
			// deadline of its own.
			ctx, cancel := context.WithTimeout(context.WithoutCancel(browser(t)), 3*time.Minute)
			defer cancel()
			if role != "" {
				signIn(t, ctx, base, logins[role], pw)
			}
			start := slices.Clone(mustReach[role])
			for i, p := range start {
				if p == "/s/{token}" {
					start[i] = scan
				}
			}
			if role == "enterprise" {
				start = append(start, "/org/qr")
			}
			start = slices.DeleteFunc(start, func(p string) bool { return strings.Contains(p, "{") })
			pages = append(pages, crawl(t, ctx, base, role, start)...)
		})
	}
	t.Run("html", func(t *testing.T) { validateHTML(t, pages) })
}

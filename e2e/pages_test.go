package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeCore is the accessibility checker run inside every page: axe-core from
// the npm registry, pinned, installed at test time next to html-validate
// (never into the tree).
const axeCore = "axe-core@4.14.1"

// installAxe returns axe-core's browser script. Outside CI a missing node or
// npm skips; in CI it fails.
func installAxe(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but npm is not installed (apt-get install npm)")
		}
		t.Skip("npm not installed")
	}
	dir := os.Getenv("CONVENE_NPM_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "convene-test-npm")
	}
	dir = filepath.Join(dir, strings.NewReplacer("@", "-", "/", "-").Replace(axeCore))
	file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(file); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "--prefix", dir, axeCore)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm install %s: %v\n%s", axeCore, err, out)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// artifacts is where the crawl's screenshots go: $CONVENE_ARTIFACTS, or
// .ci/artifacts at the top of the tree (ignored by git).
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CONVENE_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", ".ci", "artifacts")
	}
	dir = filepath.Join(dir, "pages")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// widths the pages are checked at: a common phone (iPhone 12–15, 390 CSS
// px) and the most common laptop screen (1366).
var widths = []struct {
	name          string
	width, height int64
	mobile        bool
}{
	{"desktop", 1366, 768, false},
	{"phone", 390, 844, true},
}

// pagesPerRole caps a role's crawl: distinct page patterns (ids as {id}),
// so the test stays a few minutes long as areas add pages. The six roles
// reach 10–45 patterns today; a page costs about 2.5 s on a busy
// two-core machine (axe-core 1 s, two screenshots, the English pass).
const pagesPerRole = 60

// pageCheck is what the page reports about itself at one width.
type pageCheck struct {
	Path      string   `json:"path"`
	Links     []string `json:"links"`
	Scroll    int      `json:"scroll"`
	Inner     int      `json:"inner"`
	Wide      []string `json:"wide"`
	CSP       []string `json:"csp"`
	Lang      string   `json:"lang"`
	Other     int      `json:"other"`
	OtherText string   `json:"otherText"`
}

// checkJS measures the page: horizontal overflow (and the widest
// elements that cause it), its links (skipping downloads), CSP
// violations, and how much text is in the other language outside content
// marked with its own lang, naming each hit's element (LIMIT characters
// of it). Code is in no language: text inside <code>, <kbd>, <samp> or
// an element marked translate="no" is skipped on pages in either
// language.
const checkJS = `(() => {
  const inner = window.innerWidth;
  const wide = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > WIDTH + 1 && e.children.length === 0) {
      let name = e.tagName.toLowerCase();
      if (e.id) name += "#" + e.id;
      if (e.className && typeof e.className === "string") name += "." + e.className.trim().split(/\s+/).join(".");
      let p = e.parentElement; let path = [];
      while (p && p !== document.body && path.length < 3) { path.unshift(p.tagName.toLowerCase() + (p.className && typeof p.className === "string" ? "." + p.className.trim().split(/\s+/)[0] : "")); p = p.parentElement; }
      wide.push(path.join(" > ") + " > " + name + " (right " + Math.round(r.right) + ")");
      if (wide.length >= 3) break;
    }
  }
  const lang = document.documentElement.lang;
  const zh = lang.startsWith("zh");
  let other = 0, otherText = "";
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest("script,style,[hidden]")) continue;
    const marked = el.closest("[lang]");
    if (marked && marked !== document.documentElement) continue;
    // Code and identifiers (<code>, <kbd>, <samp>, translate="no": scopes,
    // tokens, field names, table codes) are in no language.
    if (el.closest("code,kbd,samp,[translate=no]")) continue;
    let s = n.nodeValue;
    // English pages: Chinese characters; Chinese pages: English words
    // (three letters or more, so units such as "m²" or "QR" pass) that
    // are not an address (URL, e-mail), a time zone's ID (Asia/Shanghai),
    // an identifier joined by -, _ or . (webhook-id, talent.degree) or on the list
    // of words Chinese text writes in Latin letters (sameInChinese).
    if (zh) s = s.replace(/https?:\/\/\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|\b[A-Z][a-z]+\/[A-Z][A-Za-z_]+\b|\b[a-z]+([-_.][a-z]+)+\b/g, " ");
    const hit = zh ? (s.match(/[A-Za-z]{3,}/g) || []).filter(w => !SAME.includes(w)) : s.match(/[\u3400-\u9fff]+/g);
    if (hit && hit.length) {
      other += zh ? hit.length : hit.join("").length;
      if (otherText.length < LIMIT) otherText += hit.join(" ") + " <" + el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/)[0] : "") + "> ";
    }
  }
  return {
    path: location.pathname + location.search,
    links: Array.from(document.querySelectorAll("a[href]:not([download])"), a => a.getAttribute("href")),
    scroll: document.scrollingElement.scrollWidth,
    inner: inner,
    wide: wide,
    csp: window.__csp || [],
    lang: lang,
    other: other,
    otherText: otherText.trim(),
  };
})()`

// sameInChinese are the English words a Chinese page may show outside an
// element marked lang="en": Chinese text writes them in Latin letters too.
// Each is here for a reason; content and UI text are marked or translated
// instead (render.View.Own, Text, the catalogues).
var sameInChinese = []string{
	"Convene", // the product's name (header, footer, API pages)
	// File formats named on download links and upload fields.
	"PDF", "PNG", "JPEG", "SVG", "CSV", "XLSX", "ics", "csv", "xlsx",
	// Standards and protocols named on the API and webhook pages.
	"API", "OpenAPI", "Webhook", "Webhooks", "Standard", "https", "URL", "Authorization", "Bearer",
	// Time-zone abbreviations as Go prints a time ("15:04 MST").
	"CST", "JST", "UTC",
	// Technical acronyms written in Latin letters inside Chinese titles
	// (a post's or a project's own words, which mark() leaves unmarked
	// because the text is Chinese).
	"VOCs", "FPGA", "PLC", "SMT",
	// Programming languages named inside Chinese skills ("Python 数据分析").
	"Java", "Python",
	// Video meeting services an organizer may link a room to.
	"Zoom", "Jitsi",
}

var sameJS = func() string {
	b, _ := json.Marshal(sameInChinese)
	return string(b)
}()

// axeJS runs axe-core over the page and returns its serious and critical
// violations, one line each.
const axeJS = `(async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v =>
    v.impact + " " + v.id + ": " + v.help + " — " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ") + (v.nodes.length > 3 ? " (+" + (v.nodes.length - 3) + ")" : ""));
})()`

// TestEveryPageEveryRole signs in to the demo as each of the six roles and,
// from the page the role lands on, follows only links (same origin, GET,
// no downloads; signing out is a form, so never followed) to every page
// the role can reach, once per pattern, in Chinese and in English. At 1366
// and at 390 px each page must answer 200, not scroll sideways, log no
// console error or CSP violation; axe-core must find no serious or critical
// violation. Screenshots of every page at both widths go to the artifacts
// folder. An English page must show no Chinese outside content marked with
// its own lang (content that exists only in Chinese, issue 12), and a
// Chinese page no English word outside such content, code or sameInChinese:
// each such page fails, naming what it found.
func TestEveryPageEveryRole(t *testing.T) {
	base, pw, logins := startDemo(t)
	axe := installAxe(t)
	dir := artifacts(t)
	// Roles run three at a time: each is one Chromium tab, mostly
	// waiting on the server and on layout, so on two cores three overlap
	// well and the test takes about a third of the time.
	slots := make(chan struct{}, 3)
	for _, role := range []string{"talent", "enterprise", "delegation", "judge", "gate", "organizer"} {
		t.Run(role, func(t *testing.T) {
			t.Parallel()
			slots <- struct{}{}
			defer func() { <-slots }()
			ctx := browserFor(t, 8*time.Minute)
			probs := watch(t, ctx)
			signIn(t, ctx, base, logins[role], pw)
			home, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
			if err != nil {
				t.Fatal(err)
			}
			probs.take()
			var order []string
			for _, lang := range []string{"zh", "en"} {
				setLang(t, ctx, lang)
				probs.take()
				if order == nil {
					order = crawlLinks(t, ctx, probs, base, role, lang, home, axe, dir)
					continue
				}
				// The second language visits the same pages (links do
				// not depend on the language; checking it saves a crawl).
				for _, u := range order {
					checkPage(t, ctx, probs, base, role, lang, u, "", dir)
				}
			}
			t.Logf("%s: %d page patterns from %s: %s", role, len(order), home, strings.Join(order, " "))
		})
	}
}

// browserFor is browser (harness_test.go) with a longer life: Chromium is
// tied to the context of its first action, and a role's crawl takes
// minutes, not the 30 s of a journey.
func browserFor(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but chromium is not installed (apt-get install chromium)")
		}
		t.Skip("chromium not installed")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Autofill,AutofillServerCommunication,PasswordManagerOnboarding,Translate"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 768),
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	actx, cancel1 := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancel1)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// setLang switches the signed-in user's language the way the header's
// button does (a same-origin form POST to /lang).
func setLang(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	js := fmt.Sprintf(`(async () => (await fetch("/lang", {method: "POST", body: new URLSearchParams({locale: %q, next: "/"})})).status)()`, lang)
	st, err := chromedp.Run(ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise))
	if err != nil || st != 200 {
		t.Fatalf("switch to %s: %d %v", lang, st, err)
	}
}

// crawlLinks follows links breadth-first from home, checking each new
// pattern, and returns the URLs it checked (one per pattern).
func crawlLinks(t *testing.T, ctx context.Context, probs *pageProblems, base, role, lang, home, axe, dir string) []string {
	t.Helper()
	seen := map[string]bool{}
	queue := []string{home}
	var order []string
	for len(queue) > 0 && len(order) < pagesPerRole {
		u := queue[0]
		queue = queue[1:]
		if seen[shape(u)] {
			continue
		}
		seen[shape(u)] = true
		links, path := checkPage(t, ctx, probs, base, role, lang, u, axe, dir)
		if path != "" && shape(path) != shape(u) {
			seen[shape(path)] = true
		}
		order = append(order, u)
		for _, l := range links {
			if !skipLink(l) && !isFile(l) && !seen[shape(l)] {
				queue = append(queue, l)
			}
		}
	}
	if len(queue) > 0 {
		t.Logf("%s: stopped at %d patterns; not checked: %s", role, pagesPerRole, strings.Join(queue, " "))
	}
	// The pages the role must reach (csp_test.go), by links alone: a scan
	// landing is reached by a camera and a search by its form, not a link.
	for _, m := range mustReach[role] {
		if m != "/s/{token}" && !strings.Contains(m, "?q=") && !seen[m] {
			t.Errorf("%s: no link leads from %s to %s (reached %s)", role, home, m, strings.Join(sortedKeys(seen), " "))
		}
	}
	return order
}

// isFile: links to files that skipLink (csp_test.go) does not know by an
// extension, e.g. /admin/reports/1/pdf: a download, not a page.
func isFile(href string) bool {
	path, _, _ := strings.Cut(href, "?")
	last := path[strings.LastIndex(path, "/")+1:]
	switch last {
	case "pdf", "xlsx", "csv", "ics", "png", "svg", "zip", "download", "export":
		return true
	}
	return false
}

// checkPage opens u at desktop width, checks it, then narrows the same
// page to a phone's width and checks it again (a resize lays the page out
// anew; loading it twice would double the time). With axe given, axe-core
// runs at the phone width. It returns the page's links and its path after
// any redirect.
func checkPage(t *testing.T, ctx context.Context, probs *pageProblems, base, role, lang, u, axe, dir string) ([]string, string) {
	t.Helper()
	w0 := widths[0]
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w0.width, w0.height)); err != nil {
		t.Fatalf("viewport: %v", err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+u))
	if err != nil {
		t.Errorf("%s %s: open %s: %v", role, lang, u, err)
		return nil, ""
	}
	if resp.Status >= 400 {
		t.Errorf("%s %s: %s answered %d", role, lang, u, resp.Status)
	}
	var links []string
	path := ""
	for i, w := range widths {
		if i > 0 {
			opts := []chromedp.EmulateViewportOption{}
			if w.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w.width, w.height, opts...)); err != nil {
				t.Fatalf("viewport: %v", err)
			}
			// Two frames: the resize is laid out before it is measured.
			chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise))
		}
		c, err := chromedp.Run(ctx, chromedp.Evaluate[pageCheck](strings.NewReplacer("WIDTH", fmt.Sprint(w.width), "LIMIT", "300", "SAME", sameJS).Replace(checkJS)))
		if err != nil {
			t.Errorf("%s %s: read %s: %v", role, lang, u, err)
			return nil, ""
		}
		if i == 0 {
			links, path = c.Links, c.Path
			if want := map[string]string{"zh": "zh-CN", "en": "en"}[lang]; c.Lang != want {
				t.Errorf("%s %s: %s is in %q", role, lang, c.Path, c.Lang)
			}
			for _, v := range c.CSP {
				t.Errorf("%s %s: %s: CSP violation: %s", role, lang, c.Path, v)
			}
			// Issue 12: an English page shows Chinese only inside content
			// marked with its lang (render.Bilingual, render.View.Own);
			// UI text comes from the catalogue in the page's language.
			if c.Other > 0 && w.width == widths[0].width && lang == "en" {
				t.Errorf("%s %s: %s shows %d Chinese characters not marked lang=zh: %s", role, lang, c.Path, c.Other, c.OtherText)
			}
			// A Chinese page shows English only inside content marked
			// lang=en, code, or words Chinese writes in Latin letters too
			// (sameInChinese).
			if c.Other > 0 && w.width == widths[0].width && lang == "zh" {
				t.Errorf("%s %s: %s shows %d English words not marked lang=en: %s", role, lang, c.Path, c.Other, c.OtherText)
			}
		}
		// A phone (mobile emulation) widens its layout viewport to fit a
		// page that overflows, so innerWidth grows with it: measure
		// against the width asked for.
		if over := max(c.Scroll, c.Inner) - int(w.width); over > 0 {
			t.Errorf("%s %s %dpx: %s scrolls sideways by %d px: %s", role, lang, w.width, c.Path, over, strings.Join(c.Wide, "; "))
		}
		if w.mobile && axe != "" {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
				t.Fatalf("load axe-core: %v", err)
			}
			vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](axeJS, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Errorf("%s %s: axe on %s: %v", role, lang, c.Path, err)
			}
			for _, v := range vs {
				t.Errorf("%s %s: %s: axe %s", role, lang, c.Path, v)
			}
		}
		shotTo(t, ctx, dir, fmt.Sprintf("%s-%s-%s-%s", role, lang, w.name, strings.Trim(unsafeName.ReplaceAllString(shape(c.Path), "-"), "-")))
	}
	time.Sleep(50 * time.Millisecond) // messages can trail the load
	for _, m := range probs.take() {
		t.Errorf("%s %s: %s: %s", role, lang, u, m)
	}
	return links, path
}

// shotTo saves a full-page screenshot under dir.
func shotTo(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(70))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if name == "" || strings.HasSuffix(name, "-") {
		name += "home"
	}
	if err := os.WriteFile(filepath.Join(dir, name+".jpg"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

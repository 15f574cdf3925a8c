// Package e2e drives Debian's Chromium against a real convene server: the
// binary built from this tree, run as its own process on a real database.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/internal/store"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "convene-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "convene")
	build := exec.Command("go", "build", "-o", binary, "../cmd/convene")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build convene:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const (
	organizerEmail = "boss@ocs.example"
	testPassword   = "correct horse battery"
)

// server is a running convene process.
type server struct {
	URL string
	db  string
}

// startServer runs `convene serve` on a fresh SQLite file with one organizer.
// openStore opens the server's own SQLite file (WAL) beside it, for tests
// that seed through the store; closed when the test ends.
func (s *server) openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func startServer(t *testing.T) *server {
	t.Helper()
	db := filepath.Join(t.TempDir(), "convene.db")
	add := exec.Command(binary, "user", "add", "-db", db, "-email", organizerEmail, "-name", "Chen Jing", "-locale", "en")
	add.Env = append(os.Environ(), "CONVENE_PASSWORD="+testPassword)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, "serve", "-db", db, "-addr", "127.0.0.1:0", "-insecure-cookies")
	cmd.Stderr = &logSink{t: t}
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("server did not start: %v", err)
	}
	f := strings.Fields(line) // "Convene serving on http://127.0.0.1:PORT (sqlite)"
	if len(f) < 4 {
		t.Fatalf("unexpected start line %q", line)
	}
	return &server{URL: f[3], db: db}
}

// logSink keeps the server's log and shows errors in the test output.
type logSink struct{ t *testing.T }

func (l *logSink) Write(b []byte) (int, error) {
	if strings.Contains(string(b), `"level":"ERROR"`) {
		l.t.Logf("server: %s", b)
	}
	return len(b), nil
}

// api is a JSON client with its own cookie jar.
func (s *server) api(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

func (s *server) call(t *testing.T, c *http.Client, method, path, body string, want int) {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d", method, path, resp.StatusCode, want)
	}
}

// browser starts headless Chromium from Debian's package with a fresh
// profile. Outside CI a missing Chromium skips; in CI it fails.
func browser(t *testing.T) context.Context {
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
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// shot saves a full-page screenshot as a test artifact.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("CONVENE_ARTIFACTS")
	if dir == "" {
		dir = "artifacts"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, t.Name()+"-"+name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// do runs browser steps or fails the test.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	for i, s := range steps {
		if err := chromedp.Do(ctx, s); err != nil {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("step %d at %s: %v", i, loc, err)
		}
	}
}

// text waits for a visible element and reads its text. It queries through
// JavaScript in the page, which stays correct across form-driven
// navigations where chromedp's DOM tracking can lag.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e && e.offsetParent !== null ? e.innerText : null })()`, sel)
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[*string](js))
		if err == nil && v != nil {
			return strings.TrimSpace(*v)
		}
		select {
		case <-ctx.Done():
			loc, _ := chromedp.Run(context.Background(), chromedp.Location())
			t.Fatalf("waiting for %s at %s: %v", sel, loc, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// click clicks a visible element (waiting for it).
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	text(t, ctx, sel)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { document.querySelector(%q).click(); return true })()`, sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// waitPath waits until the tab has navigated to path (and a document is
// loaded): after a click or submit, a query could otherwise still see the
// page being left.
func waitPath(t *testing.T, ctx context.Context, base, path string) {
	t.Helper()
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.TrimPrefix(loc, base) == path {
			state, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.readyState"))
			if err == nil && state == "complete" {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: at %s: %v", path, loc, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// startDemo runs `convene demo` (with extra flags, if any) and returns its
// URL, password and logins by role.
func startDemo(t *testing.T, args ...string) (string, string, map[string]string) {
	t.Helper()
	base, pw, logins, _ := startDemoStoppable(t, args...)
	return base, pw, logins
}

// startDemoStoppable is startDemo with a function that stops the server
// (and waits for it), for tests of what a page does without it.
func startDemoStoppable(t *testing.T, args ...string) (string, string, map[string]string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, append([]string{"demo", "-db", filepath.Join(t.TempDir(), "demo.db"), "-addr", "127.0.0.1:0", "-quiet"}, args...)...)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = &logSink{t: t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop := func() { once.Do(func() { cancel(); cmd.Wait() }) }
	t.Cleanup(stop)
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
	return base, pw, logins, stop
}

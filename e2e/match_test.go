package e2e

import (
	"bufio"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// demoLogins runs `convene demo` and returns its URL, password and logins by role.
func demoLogins(t *testing.T) (base, pw string, logins map[string]string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, "demo", "-db", filepath.Join(t.TempDir(), "demo.db"), "-addr", "127.0.0.1:0", "-quiet")
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = &logSink{t: t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	logins = map[string]string{}
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
	if base == "" || pw == "" || logins["talent"] == "" || logins["enterprise"] == "" {
		t.Fatalf("demo printed url %q, password %q, logins %v", base, pw, logins)
	}
	return base, pw, logins
}

func demoLogin(t *testing.T, ctx context.Context, base, email, pw string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`input[name=email]`, email),
		chromedp.SendKeys(`input[name=password]`, pw),
		chromedp.Submit(`form[action="/login"]`),
	)
	waitPath(t, ctx, base, "/me")
}

// TestMatchJourney: the demo talent's home recommends posts with reasons;
// the demo enterprise sees a post's matched candidates with the explanation.
func TestMatchJourney(t *testing.T) {
	base, pw, logins := demoLogins(t)

	ctx := browser(t)
	demoLogin(t, ctx, base, logins["talent"], pw)
	first := text(t, ctx, `#recommendations .match .match-title`)
	reasons := text(t, ctx, `#recommendations .match .reasons`)
	if first == "" || reasons == "" {
		t.Fatalf("home recommendations: %q with reasons %q", first, reasons)
	}
	t.Logf("recommended first: %s — %s", first, strings.ReplaceAll(reasons, "\n", "; "))
	shot(t, ctx, "talent-home")

	ctx = browser(t)
	demoLogin(t, ctx, base, logins["enterprise"], pw)
	do(t, ctx, chromedp.Navigate(base+"/inbox"))
	waitPath(t, ctx, base, "/inbox")
	click(t, ctx, `#matched-candidates summary`)
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#matched-candidates a').getAttribute('href')`))
	if err != nil || !strings.HasSuffix(href, "/candidates") {
		t.Fatalf("inbox candidates link %q: %v", href, err)
	}
	click(t, ctx, `#matched-candidates a`)
	waitPath(t, ctx, base, href)
	cand := text(t, ctx, `#candidates .match .match-title`)
	expl := text(t, ctx, `#candidates .match .reasons`)
	if cand == "" || expl == "" {
		t.Fatalf("candidates: %q explained %q", cand, expl)
	}
	t.Logf("first candidate: %s — %s", cand, strings.ReplaceAll(expl, "\n", "; "))
	shot(t, ctx, "enterprise-candidates")
}

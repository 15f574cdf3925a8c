package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

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

// TestMatchJourney: the demo talent's home recommends posts with reasons
// (folded; a click opens them);
// the demo enterprise sees a post's matched candidates with the explanation.
func TestMatchJourney(t *testing.T) {
	base, pw, logins := startDemo(t)

	ctx := browser(t)
	demoLogin(t, ctx, base, logins["talent"], pw)
	first := text(t, ctx, `#recommendations .match .match-title`)
	click(t, ctx, `#recommendations .match .why summary`) // reasons are folded on the home
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

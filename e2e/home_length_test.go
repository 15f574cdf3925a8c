package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestHomeLengthOnPhone (issue 12, "long pages"): each role's home, and the
// organizer's edition set-up page, in Chinese on a 390 px phone, take at
// most four screens. The edition page's forms are folded (it was 2,945 px). The
// talent's home was 5,743 px (ten recommendations with every reason shown)
// and the enterprise's 3,109 px (every post listed); folded reasons and the
// newest eight posts made them 2,529 and 1,598 px.
func TestHomeLengthOnPhone(t *testing.T) {
	const screen, most = 844, 4
	base, pw, logins := startDemo(t)
	for _, role := range []string{"talent", "enterprise", "delegation", "judge", "gate", "organizer"} {
		t.Run(role, func(t *testing.T) {
			ctx := browserFor(t, 2*time.Minute)
			signIn(t, ctx, base, logins[role], pw)
			setLang(t, ctx, "zh")
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, screen, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)); err != nil {
				t.Fatal(err)
			}
			pages := []string{"/me"}
			if role == "organizer" { // and the edition's set-up page, from the list of editions
				if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"/admin/editions")); err != nil {
					t.Fatal(err)
				}
				pages = append(pages, attr(t, ctx, `main a[href^="/admin/editions/"]:not([href$="/new"])`, "href"))
			}
			for _, p := range pages {
				if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+p)); err != nil {
					t.Fatal(err)
				}
				h, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.scrollingElement.scrollHeight`))
				if err != nil {
					t.Fatal(err)
				}
				parts, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("main > *")).map(e => (e.id || e.tagName.toLowerCase()) + " " + e.offsetHeight).join(", ")`))
				t.Logf("%s %s: %d px (%s)", role, p, h, parts)
				if h > most*screen {
					t.Errorf("%s %s is %d px on a phone, over %d screens: %s", role, p, h, most, parts)
				}
			}
		})
	}
}

package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// netConditions is Network.emulateNetworkConditions, which also sets
// navigator.onLine (cdproto keeps only its successor, by rule, which does not).
type netConditions struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetworkConditions = cdp.Command[netConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// setOffline cuts the tab's network (Chromium's offline emulation) or gives it back.
func setOffline(t *testing.T, ctx context.Context, off bool) {
	t.Helper()
	act := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, emulateNetworkConditions, netConditions{Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
		return chromedp.Void{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Action[chromedp.Void](act)); err != nil {
		t.Fatalf("network offline=%v: %v", off, err)
	}
}

// demoClient signs in through the API.
func demoClient(t *testing.T, base, email, pw string) *http.Client {
	s := &server{URL: base}
	c := s.api(t)
	s.call(t, c, "POST", "/api/v1/login", fmt.Sprintf(`{"email":%q,"password":%q}`, email, pw), 200)
	return c
}

// waitFor polls a JavaScript expression until it returns want.
func waitFor(t *testing.T, ctx context.Context, js, want string) {
	t.Helper()
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err == nil && v == want {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s == %q (last %q, %v)", js, want, v, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// TestGateOfflineAndSync: the gate page opened, the network cut, badges of
// two people scanned (one twice), a forged and a revoked one refused, the
// network back, the queue syncs; the organizer sees exactly two first
// entries and one duplicate flagged; a second gate page, online, refuses a
// badge already admitted at the first.
func TestGateOfflineAndSync(t *testing.T) {
	base, pw, logins := startDemo(t)
	tal := demoClient(t, base, logins["talent"], pw)
	ent := demoClient(t, base, logins["enterprise"], pw)
	del := demoClient(t, base, logins["delegation"], pw)
	org := demoClient(t, base, logins["organizer"], pw)
	type badgeJ struct {
		ID    int64
		Token string
	}
	var a, e, d badgeJ
	getJSON(t, tal, base+"/api/v1/me/badge", &a)
	getJSON(t, ent, base+"/api/v1/me/badge", &e)
	getJSON(t, del, base+"/api/v1/me/badge", &d)
	// The delegation's badge is reported lost: revoked, a new one issued.
	resp, err := org.Post(fmt.Sprintf("%s/admin/badges/%d/reissue", base, d.ID), "application/x-www-form-urlencoded", nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("reissue: %v %v", resp, err)
	}
	resp.Body.Close()
	forged := []byte(a.Token)
	forged[100] = map[bool]byte{true: 'B', false: 'A'}[forged[100] == 'A']
	var gates []struct {
		ID           int64
		Name         string
		FirstEntries int `json:"first_entries"`
		Duplicates   int
		Refused      int
	}
	getJSON(t, org, base+"/api/v1/gates/stats", &gates)
	// The venue's two gates, then the summit's door (gen.DemoDoor).
	if len(gates) != 3 || gates[0].Name != "North Gate" || gates[1].Name != "South Gate" {
		t.Fatalf("demo gates %+v", gates)
	}
	north, south := gates[0].ID, gates[1].ID

	ctx := browser(t)
	bctx, cancel := context.WithTimeout(ctx, 120*time.Second)
	defer cancel()
	ctx = bctx
	do(t, ctx, chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`input[name=email]`, logins["gate"]), chromedp.SendKeys(`input[name=password]`, pw),
		chromedp.Submit(`form[action="/login"]`))
	waitPath(t, ctx, base, "/me")
	if text(t, ctx, "#lang-switch") == "English" { // the demo's accounts speak Chinese
		click(t, ctx, "#lang-switch")
		waitFor(t, ctx, `document.getElementById('lang-switch').innerText`, "中文")
	}
	click(t, ctx, "#dash-gate")
	waitPath(t, ctx, base, "/gate")
	click(t, ctx, fmt.Sprintf(`a[data-gate="%d"]`, north))
	waitPath(t, ctx, base, fmt.Sprintf("/gate/%d", north))
	waitFor(t, ctx, `document.getElementById('gate').dataset.ready || ''`, "1")
	shot(t, ctx, "1-gate")

	setOffline(t, ctx, true)
	waitFor(t, ctx, `String(navigator.onLine)`, "false")
	scan := func(code, want string) {
		t.Helper()
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('verdict').dataset.result = ''`),
			chromedp.SendKeys(`#code`, code+"\r")) // a keyboard-wedge scanner types the code and Enter
		waitFor(t, ctx, `document.getElementById('verdict').dataset.result`, want)
	}
	scan(a.Token, "admitted")
	if got := text(t, ctx, "#verdict-text"); got != "ADMIT" {
		t.Fatalf("verdict %q", got)
	}
	scan(e.Token, "admitted")
	scan(a.Token, "already")
	scan(string(forged), "refused")
	if got := text(t, ctx, "#verdict-detail"); !strings.Contains(got, "forged") {
		t.Fatalf("forged detail %q", got)
	}
	scan(d.Token, "refused")
	if got := text(t, ctx, "#verdict-detail"); !strings.Contains(got, "revoked") {
		t.Fatalf("revoked detail %q", got)
	}
	waitFor(t, ctx, `document.getElementById('queue').textContent`, "5")
	if n := text(t, ctx, "#net"); n != "offline" {
		t.Fatalf("network shown as %q", n)
	}
	shot(t, ctx, "2-offline")

	setOffline(t, ctx, false)
	waitFor(t, ctx, `document.getElementById('queue').textContent`, "0")
	shot(t, ctx, "3-synced")

	// The organizer's view: two first entries, one duplicate, two refused.
	resp, err = org.Get(base + "/admin/gates")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	row := regexp.MustCompile(`(?s)<tr data-gate="\d+" data-name="North Gate">.*?</tr>`).Find(page)
	cell := func(class string) string {
		m := regexp.MustCompile(`<td class="` + class + `">(\d+)</td>`).FindSubmatch(row)
		if m == nil {
			t.Fatalf("no %s in %s", class, row)
		}
		return string(m[1])
	}
	if cell("first") != "2" || cell("dups") != "1" || cell("refused") != "2" || cell("scans") != "5" {
		t.Fatalf("organizer's row: %s", row)
	}

	// A second gate, online, refuses the badge already admitted at the first.
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/gate/%d", base, south)))
	waitFor(t, ctx, `document.getElementById('gate').dataset.ready || ''`, "1")
	scan(a.Token, "already")
	if got := text(t, ctx, "#verdict-detail"); !strings.Contains(got, "North Gate") {
		t.Fatalf("second gate detail %q", got)
	}
	if q := text(t, ctx, "#queue"); q != "0" {
		t.Fatalf("online scan was queued: %q", q)
	}
	shot(t, ctx, "4-second-gate")

	// On a phone: the gate page, the gate's own badge and the agenda fit 390 px.
	do(t, ctx, chromedp.EmulateViewport(390, 844))
	for _, p := range []string{fmt.Sprintf("/gate/%d", south), "/me/badge", "/events"} {
		do(t, ctx, chromedp.Navigate(base+p))
		waitPath(t, ctx, base, p)
		if w, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("document.documentElement.scrollWidth")); err != nil || w > 390 {
			shot(t, ctx, "5-phone")
			t.Fatalf("%s is %v px wide on a 390 px screen (%v)", p, w, err)
		}
	}
}

// TestBadgeOffline: a participant opens their badge page once; with the
// server gone and the tab offline, the page opens again from the service
// worker's copy, with the same signed code and its QR.
func TestBadgeOffline(t *testing.T) {
	base, pw, logins, stop := startDemoStoppable(t)
	var b struct{ Token string }
	getJSON(t, demoClient(t, base, logins["talent"], pw), base+"/api/v1/me/badge", &b)
	ctx := browser(t)
	bctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	ctx = bctx
	signIn(t, ctx, base, logins["talent"], pw)
	do(t, ctx, chromedp.Navigate(base+"/me/badge"))
	// The worker takes the page over, then keeps a copy of what it fetches.
	// (Promises answer through a window property: waitFor polls values.)
	waitFor(t, ctx, `navigator.serviceWorker.ready.then(() => window.__sw = 'ready'), window.__sw || ''`, "ready")
	do(t, ctx, chromedp.Reload())
	waitFor(t, ctx, `String(!!navigator.serviceWorker.controller)`, "true")
	waitFor(t, ctx, `caches.open('convene-badge-v1').then(c => c.match('/me/badge')).then(r => window.__kept = String(!!r)), window.__kept || ''`, "true")
	stop() // no server at all: what comes now comes from the copy
	setOffline(t, ctx, true)
	do(t, ctx, chromedp.Reload())
	waitFor(t, ctx, `document.readyState`, "complete")
	// textContent: the code sits in a closed <details>, which innerText skips.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('badge-token') || {}).textContent || ''`))
	if err != nil || strings.TrimSpace(got) != b.Token {
		t.Fatalf("offline badge code %q (%v), want %q", got, err, b.Token)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#badge .qr svg, #badge .qr img').length`)); err != nil || n == 0 {
		t.Fatalf("offline badge has no QR: %d %v", n, err)
	}
	shot(t, ctx, "badge-offline")
}

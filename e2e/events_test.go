package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestForumWaitlistAndHold: a forum fills, the next registrant is
// waitlisted, a cancellation offers the seat, the hold expires, and it
// passes to the next, who takes it.
func TestForumWaitlistAndHold(t *testing.T) {
	base, pw, logins := startDemo(t)
	org := demoClient(t, base, logins["organizer"], pw)
	// A one-seat forum whose freed seat is held three seconds.
	resp, err := org.Post(base+"/api/v1/events", "application/json", strings.NewReader(`{"kind":"forum","title":"Quantum Forum","room":"Room 404",
		"starts_at":"2017-12-18T15:00","ends_at":"2017-12-18T17:00","capacity":1,"hold_seconds":3}`))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %v %v", resp, err)
	}
	var ev struct{ ID int64 }
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if _, err := fmt.Sscanf(string(b), `{"id":%d`, &ev.ID); err != nil {
		t.Fatalf("created %s", b)
	}
	path := fmt.Sprintf("/events/%d", ev.ID)
	ent := demoClient(t, base, logins["enterprise"], pw)
	jud := demoClient(t, base, logins["judge"], pw)
	status := func(c *http.Client) string {
		var e struct {
			MyStatus string `json:"my_status"`
			Position int
		}
		getJSON(t, c, base+"/api/v1"+path, &e)
		return e.MyStatus
	}

	ctx := browser(t)
	bctx, cancel := context.WithTimeout(ctx, 120*time.Second)
	defer cancel()
	ctx = bctx
	signIn := func(email string) {
		do(t, ctx, chromedp.Navigate(base+"/login"),
			chromedp.SendKeys(`input[name=email]`, email), chromedp.SendKeys(`input[name=password]`, pw),
			chromedp.Submit(`form[action="/login"]`))
		waitPath(t, ctx, base, "/me")
		if text(t, ctx, "#lang-switch") == "English" {
			click(t, ctx, "#lang-switch")
			waitFor(t, ctx, `document.getElementById('lang-switch').innerText`, "中文")
		}
	}
	place := func() string {
		return text(t, ctx, "#my-place") + "|" + func() string {
			v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('my-place').dataset.status`))
			return v
		}()
	}

	// The talent finds the forum from home, through the agenda, and takes the one seat.
	signIn(logins["talent"])
	click(t, ctx, "#dash-events")
	waitPath(t, ctx, base, "/events")
	click(t, ctx, fmt.Sprintf(`li[data-event="%d"] a`, ev.ID))
	waitPath(t, ctx, base, path)
	click(t, ctx, "#register")
	waitPath(t, ctx, base, path)
	if p := place(); !strings.HasSuffix(p, "|registered") {
		t.Fatalf("talent: %s", p)
	}
	shot(t, ctx, "1-registered")

	// The forum is full: the next two wait, in order.
	for _, c := range []*http.Client{ent, jud} {
		resp, err := c.Post(base+"/api/v1"+path+"/register", "application/json", nil)
		if err != nil || resp.StatusCode != http.StatusCreated {
			t.Fatalf("register: %v %v", resp, err)
		}
		resp.Body.Close()
	}
	if s1, s2 := status(ent), status(jud); s1 != "waitlisted" || s2 != "waitlisted" {
		t.Fatalf("after full: %s %s", s1, s2)
	}

	// The talent cancels: the seat is offered to the first in line.
	click(t, ctx, "#cancel")
	waitPath(t, ctx, base, path)
	waitFor(t, ctx, `document.getElementById('my-place').dataset.status`, "")
	if s := status(ent); s != "offered" {
		t.Fatalf("first in line after the cancellation: %s", s)
	}
	if s := status(jud); s != "waitlisted" {
		t.Fatalf("second in line: %s", s)
	}

	// The hold ends unanswered: the seat passes to the next.
	time.Sleep(3200 * time.Millisecond)
	if s := status(ent); s != "expired" {
		t.Fatalf("first in line after the hold: %s", s)
	}
	logout(t, ctx, &server{URL: base})
	signIn(logins["judge"])
	do(t, ctx, chromedp.Navigate(base+path))
	if p := place(); !strings.HasSuffix(p, "|offered") {
		t.Fatalf("judge: %s", p)
	}
	shot(t, ctx, "2-offered")
	click(t, ctx, "#accept")
	waitPath(t, ctx, base, path)
	waitFor(t, ctx, `document.getElementById('my-place').dataset.status`, "registered")
	shot(t, ctx, "3-taken")
	if s := status(ent); s != "expired" {
		t.Fatalf("the first in line after the seat passed: %s", s)
	}
	// On a phone: the event page and the agenda fit 390 px.
	do(t, ctx, chromedp.EmulateViewport(390, 844))
	for _, p := range []string{path, "/events"} {
		do(t, ctx, chromedp.Navigate(base+p))
		waitPath(t, ctx, base, p)
		if w, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("document.documentElement.scrollWidth")); err != nil || w > 390 {
			t.Fatalf("%s is %v px wide on a 390 px screen (%v)", p, w, err)
		}
	}
}

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBoothAllocation: two delegations of one province ask for blocks in
// its area beyond supply; the organizer runs the allocation, reviews and
// publishes; each delegation sees its booths highlighted on the plan; the
// one served in full releases a booth; the first on the waitlist (the
// other) is offered it and accepts within the hold.
func TestBoothAllocation(t *testing.T) {
	s := startServer(t)
	org := s.api(t)
	s.call(t, org, "POST", "/api/v1/login", fmt.Sprintf(`{"email":%q,"password":%q}`, organizerEmail, testPassword), 200)
	ed := postID(t, org, s.URL+"/api/v1/editions", `{"slug":"ocs-2026","name":"OCS 2026","city":"Guangzhou","start_date":"2026-12-17","end_date":"2026-12-18","time_zone":"Asia/Shanghai","current":true}`)
	venue := postID(t, org, s.URL+fmt.Sprintf("/api/v1/editions/%d/venues", ed), `{"name":"Pazhou Exhibition Hall","area_m2":30000}`)
	// The plan: Hunan's area, five standard booths in a row.
	csv := "hall,area,area_kind,code,m2,x,y,w,d,kind,corner,entrance,blocked\n"
	for i := range 5 {
		csv += fmt.Sprintf("Hall 1,Hunan area,province,HN-%02d,9,%d,0,3,3,standard,%d,%d,0\n", i+1, 3*i, b2i(i == 0 || i == 4), b2i(i == 0))
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("venue_id", strconv.FormatInt(venue, 10))
	fw, _ := mw.CreateFormFile("file", "plan.csv")
	fw.Write([]byte(csv))
	mw.Close()
	resp, err := org.Post(s.URL+"/admin/booths/import", mw.FormDataContentType(), &body)
	if err != nil || resp.StatusCode != http.StatusOK { // the redirect is followed to the review page
		t.Fatalf("import: %v %v", resp, err)
	}
	resp.Body.Close()
	// Two delegations from Hunan.
	dels := []string{"hunan@gov.example", "changsha@gov.example"}
	for i, email := range dels {
		c := s.api(t)
		resp, err := c.Post(s.URL+"/api/v1/register", "application/json", strings.NewReader(fmt.Sprintf(`{"email":%q,"name":"Delegate %d","password":%q,"role":"delegation","org_name":"%s Delegation","province":"Hunan","locale":"en"}`,
			email, i+1, testPassword, []string{"Hunan", "Changsha"}[i])))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := regexp.MustCompile(`"org_id":\s*(\d+)`).FindSubmatch(b)
		if resp.StatusCode != http.StatusCreated || m == nil {
			t.Fatalf("register: %d %s", resp.StatusCode, b)
		}
		s.call(t, org, "POST", "/api/v1/organizations/"+string(m[1])+"/status", `{"status":"approved"}`, 200)
	}

	ctx := longBrowser(t, 4*time.Minute) // contests_test.go: the harness's browser without its 30-second limit
	signIn := func(email string) {
		home := "/me"
		if email == organizerEmail {
			home = "/admin"
		}
		do(t, ctx, chromedp.Navigate(s.URL+"/login"), clearCookies, chromedp.Navigate(s.URL+"/login"),
			chromedp.SendKeys(`input[name=email]`, email), chromedp.SendKeys(`input[name=password]`, testPassword),
			chromedp.Submit(`form[action="/login"]`))
		for i := 0; ; i++ {
			loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
			if loc == home {
				break
			}
			if i == 200 {
				body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + ' ' + document.body.innerText`))
				t.Fatalf("sign-in as %s: %s", email, body)
			}
			time.Sleep(100 * time.Millisecond)
		}
		waitPath(t, ctx, s.URL, home)
	}
	mine := func() int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('svg.plan g.mine').length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Each delegation asks for a block of three (six asked, five there);
	// the second, on a phone, names the first as a competitor.
	for i, email := range dels {
		signIn(email)
		click(t, ctx, "#dash-booths")
		waitPath(t, ctx, s.URL, "/booths")
		if body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + ' ' + document.body.innerText`)); !strings.Contains(body, "Request booths") {
			t.Fatalf("no request form: %s", body)
		}
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#request-form input[name=count]').value = '3'`))
		if i == 1 {
			do(t, ctx, chromedp.EmulateViewport(390, 844))
			click(t, ctx, "#avoid summary")
			if names := text(t, ctx, "#avoid .avoid-list"); strings.TrimSpace(names) != "Hunan Delegation" {
				t.Fatalf("competitors offered: %q", names)
			}
			click(t, ctx, "#avoid .avoid-list input")
			if w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`Math.max(document.documentElement.scrollWidth, Math.round(document.getElementById('avoid').getBoundingClientRect().right))`)); w > 390 {
				t.Fatalf("the request form is %d px wide on a 390 px screen", w)
			}
			shot(t, ctx, "booths-competitors-phone")
		}
		click(t, ctx, "#request-form button")
		waitFor(t, ctx, `String(document.querySelectorAll('#my-requests li').length)`, "1")
		if i == 1 {
			if mine := text(t, ctx, "#my-requests"); !strings.Contains(mine, "not beside: Hunan Delegation") {
				t.Fatalf("own request without its competitor: %s", mine)
			}
			do(t, ctx, chromedp.EmulateViewport(1280, 900))
		}
	}
	// The organizer runs, reviews and publishes.
	signIn(organizerEmail)
	click(t, ctx, "#dash-admin-booths")
	waitPath(t, ctx, s.URL, "/admin/booths")
	click(t, ctx, "#run-form button")
	waitFor(t, ctx, `String(document.querySelectorAll('#requests tr[data-request]').length)`, "2")
	review := text(t, ctx, "#requests")
	if !strings.Contains(review, "waitlisted") || !strings.Contains(review, "HN-") {
		t.Fatalf("review after the run: %s", review)
	}
	if g := text(t, ctx, "#groups"); !strings.Contains(g, "Hunan") {
		t.Fatalf("no per-province review: %s", g)
	}
	shot(t, ctx, "booths-review")
	click(t, ctx, "#publish-form button")
	waitFor(t, ctx, `String(document.getElementById('exhibition-status').innerText.startsWith('Published'))`, "true")

	// Each sees its own booths highlighted; find who got all three.
	got := map[string]int{}
	for _, email := range dels {
		signIn(email)
		click(t, ctx, "#dash-booths")
		waitPath(t, ctx, s.URL, "/booths")
		got[email] = mine()
	}
	// Five booths in a row, both blocks served: the two stand side by
	// side, and the one that named the other is told so.
	if req := text(t, ctx, "#my-requests"); !strings.Contains(req, "beside Hunan Delegation, named as a competitor") {
		t.Fatalf("Changsha's explanation: %s", req)
	}
	full, short := dels[0], dels[1]
	if got[full] != 3 {
		full, short = short, full
	}
	if got[full] != 3 || got[short] != 2 {
		t.Fatalf("highlighted booths %v, want 3 and 2", got)
	}
	// On a phone: the plan scales into 390 px.
	do(t, ctx, chromedp.EmulateViewport(390, 844))
	signIn(full)
	do(t, ctx, chromedp.Navigate(s.URL+"/booths"))
	waitPath(t, ctx, s.URL, "/booths")
	if w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`Math.round(document.querySelector('svg.plan').getBoundingClientRect().width)`)); w > 390 || w < 200 {
		t.Fatalf("plan %d px wide on a 390 px screen", w)
	}
	shot(t, ctx, "booths-plan-phone")
	do(t, ctx, chromedp.EmulateViewport(1280, 900))
	// The full one releases a booth.
	click(t, ctx, "#my-booths tr button.release")
	waitFor(t, ctx, `String(document.querySelectorAll('svg.plan g.mine').length)`, "2")
	// The other, first on the waitlist, is offered it with a hold and accepts.
	signIn(short)
	do(t, ctx, chromedp.Navigate(s.URL+"/booths"))
	waitPath(t, ctx, s.URL, "/booths")
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('svg.plan g.s-held.mine').length`)); n != 1 {
		t.Fatalf("%d held booths offered to the waitlist", n)
	}
	if row := text(t, ctx, "#my-booths"); !strings.Contains(row, "held until") {
		t.Fatalf("no hold shown: %s", row)
	}
	click(t, ctx, `#my-booths tr[data-status="offered"] button.confirm`)
	waitFor(t, ctx, `String(document.querySelectorAll('svg.plan g.s-assigned.mine').length)`, "3")
	shot(t, ctx, "booths-accepted")
}

// clearCookies signs the tab out by forgetting its cookies.
var clearCookies = chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
	_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
	return chromedp.Void{}, err
})

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

var boothIDRe = regexp.MustCompile(`"id":\s*(\d+)`)

// postID posts JSON and returns the created object's id.
func postID(t *testing.T, c *http.Client, url, body string) int64 {
	t.Helper()
	resp, err := c.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := boothIDRe.FindSubmatch(b)
	if resp.StatusCode != http.StatusCreated || m == nil {
		t.Fatalf("POST %s: %d %s", url, resp.StatusCode, b)
	}
	id, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return id
}

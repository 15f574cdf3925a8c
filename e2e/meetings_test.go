package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/chromedp/chromedp"
)

// get reads a JSON answer into v.
func getJSON(t *testing.T, c *http.Client, url string, v any) []byte {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
	}
	return b
}

func setValue(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	text(t, ctx, sel)
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; return true })()`, sel, value)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
		t.Fatalf("set %s: %v", sel, err)
	}
}

// TestMeetingScheduledAndOnBothAgendas: an enterprise member requests an
// interview with a talent who applied; the talent accepts and gives
// availability; the organizer sets slots and a table, schedules and
// publishes; both agendas show the same slot and table; the .ics parses.
func TestMeetingScheduledAndOnBothAgendas(t *testing.T) {
	base, pw, logins := startDemo(t)
	s := &server{URL: base}
	login := func(role string) *http.Client {
		c := s.api(t)
		s.call(t, c, "POST", "/api/v1/login", fmt.Sprintf(`{"email":%q,"password":%q}`, logins[role], pw), 200)
		s.call(t, c, "PUT", "/api/v1/me/locale", `{"locale":"en"}`, 200) // the demo's people read Chinese
		return c
	}
	tal, ent := login("talent"), login("enterprise")
	login("organizer")
	var org struct{ ID int64 }
	getJSON(t, ent, base+"/api/v1/org", &org)
	// A new application to one of the enterprise's open posts: the demo's
	// talent has applied to some already (one has a video interview).
	var app int64
	for off := 0; app == 0; off += 200 {
		var posts []struct {
			ID    int64 `json:"id"`
			OrgID int64 `json:"org_id"`
		}
		getJSON(t, ent, fmt.Sprintf("%s/api/v1/posts?limit=200&offset=%d", base, off), &posts)
		if len(posts) == 0 {
			t.Fatal("the demo talent has applied to every open post of the demo enterprise")
		}
		for _, p := range posts {
			if p.OrgID != org.ID || app != 0 {
				continue
			}
			a, status, err := applyOnce(tal, base, p.ID)
			if err != nil || status != 200 && status != 201 {
				t.Fatalf("apply to %d: %d %v", p.ID, status, err)
			}
			if a.Created {
				app = a.Application.ID
			}
		}
	}
	var eds []struct {
		StartDate string `json:"start_date"`
		Current   bool   `json:"current"`
	}
	getJSON(t, ent, base+"/api/v1/editions", &eds)
	day := ""
	for _, e := range eds {
		if e.Current {
			day = e.StartDate
		}
	}

	ctx := browser(t)
	bctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	ctx = bctx
	signIn := func(email, landing string) {
		do(t, ctx, chromedp.Navigate(base+"/login"),
			chromedp.SendKeys(`input[name=email]`, email), chromedp.SendKeys(`input[name=password]`, pw),
			chromedp.Submit(`form[action="/login"]`))
		waitPath(t, ctx, base, landing)
	}
	signOut := func() {
		click(t, ctx, `form[action="/logout"] button`)
		waitPath(t, ctx, base, "/")
	}

	// The enterprise member requests the interview.
	signIn(logins["enterprise"], "/me")
	do(t, ctx, chromedp.Navigate(base+"/me/meetings"))
	setValue(t, ctx, `#interview-form select[name=application_id]`, fmt.Sprint(app))
	shot(t, ctx, "1-request")
	click(t, ctx, `#interview-form button[type=submit]`)
	waitPath(t, ctx, base, "/me/meetings")
	if got := text(t, ctx, "p.flash"); got != "Request sent." {
		t.Fatalf("after requesting: flash %q", got)
	}
	signOut()

	// The talent accepts and says when they can meet, in Singapore time.
	signIn(logins["talent"], "/me")
	do(t, ctx, chromedp.Navigate(base+"/me/meetings"))
	click(t, ctx, `#requests button.accept`)
	waitPath(t, ctx, base, "/me/meetings")
	if got := text(t, ctx, "#requests tr[data-request] td.status"); got != "Accepted" {
		t.Fatalf("after accepting: %q", got)
	}
	setValue(t, ctx, `#availability-form input[name=time_zone]`, "Asia/Singapore")
	setValue(t, ctx, `#availability-form input[name="windows.0.starts_at"]`, day+"T10:00")
	setValue(t, ctx, `#availability-form input[name="windows.0.ends_at"]`, day+"T12:00")
	shot(t, ctx, "2-accepted-availability")
	click(t, ctx, `#availability-form button[type=submit]`)
	waitPath(t, ctx, base, "/me/meetings")
	if got := text(t, ctx, "p.flash"); got != "Saved." {
		t.Fatalf("after availability: flash %q", got)
	}
	signOut()
	// The enterprise's availability through the API, in the edition's zone.
	s.call(t, ent, "PUT", "/api/v1/me/availability", fmt.Sprintf(`{"time_zone":"Asia/Shanghai","windows":[{"starts_at":"%sT09:00","ends_at":"%sT11:00"}]}`, day, day), 200)

	// The organizer sets slots and a table, schedules and publishes.
	signIn(logins["organizer"], "/admin")
	do(t, ctx, chromedp.Navigate(base+"/admin/meetings"))
	setValue(t, ctx, `#slots-form input[name=date]`, day)
	setValue(t, ctx, `#slots-form input[name=start]`, "09:00")
	setValue(t, ctx, `#slots-form input[name=end]`, "12:00")
	setValue(t, ctx, `#slots-form input[name=length]`, "30")
	setValue(t, ctx, `#slots-form input[name=gap]`, "0")
	click(t, ctx, `#slots-form button[type=submit]`)
	waitPath(t, ctx, base, "/admin/meetings")
	text(t, ctx, "#slots li")
	do(t, ctx, chromedp.Navigate(base+"/admin/meetings"))
	setValue(t, ctx, `#table-form input[name=code]`, "E2E-01")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector('#table-form select[name=venue_id]'); s.selectedIndex = 1; return true })()`)); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, `#table-form button[type=submit]`)
	waitPath(t, ctx, base, "/admin/meetings")
	if got := text(t, ctx, "p.flash"); got != "Saved." {
		t.Fatalf("after adding a table: %q", got)
	}
	setValue(t, ctx, `#run-form select[name=kind]`, "interview")
	click(t, ctx, `#run-form button[type=submit]`)
	waitPath(t, ctx, base, "/admin/meetings")
	if got := text(t, ctx, "#placed"); got != "1" {
		t.Fatalf("placed %q", got)
	}
	shot(t, ctx, "3-run-review")
	click(t, ctx, `#publish-form button`)
	waitPath(t, ctx, base, "/admin/meetings")
	text(t, ctx, "#published")
	do(t, ctx, chromedp.Navigate(base+"/admin/tables/cards"))
	text(t, ctx, `section[data-table="E2E-01"]`)
	shot(t, ctx, "4-table-cards")
	signOut()

	// Both agendas: same slot and table.
	agenda := func(email string) (string, string) {
		signIn(email, map[string]string{logins["talent"]: "/me", logins["enterprise"]: "/me"}[email])
		click(t, ctx, "#nav-agenda")
		waitPath(t, ctx, base, "/me/agenda")
		when, table := text(t, ctx, "#agenda tr[data-request] td.when"), text(t, ctx, "#agenda tr[data-request] .table-code")
		return when, table
	}
	tw, tt := agenda(logins["talent"])
	shot(t, ctx, "5-talent-agenda")
	signOut()
	ew, et := agenda(logins["enterprise"])
	shot(t, ctx, "6-enterprise-agenda")
	// Both are free 10:00–11:00 (the talent from 10:00 Singapore time); the
	// scheduler may take either slot, as the demo's other meetings allow.
	inOverlap := strings.HasPrefix(tw, day+" 10:00") || strings.HasPrefix(tw, day+" 10:30")
	if tw != ew || tt != et || tt != "E2E-01" || !inOverlap {
		t.Fatalf("agendas: talent %q %q, enterprise %q %q", tw, tt, ew, et)
	}

	// The .ics downloads and parses.
	resp, err := tal.Get(base + "/me/agenda.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	cal, err := ics.ParseCalendar(resp.Body)
	if err != nil {
		t.Fatalf("parse .ics: %v", err)
	}
	// The demo's talent also has the demo's video interview: the new
	// meeting is the event at table E2E-01, at the agenda's time.
	var starts []string
	for _, e := range cal.Events() {
		if p := e.GetProperty(ics.ComponentPropertyLocation); p != nil && strings.Contains(p.Value, "E2E-01") {
			start, _ := e.GetStartAt()
			starts = append(starts, start.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04"))
		}
	}
	if len(starts) != 1 || !strings.HasPrefix(tw, starts[0]) {
		t.Fatalf(".ics events at E2E-01 start %v, agenda says %q (%d events)", starts, tw, len(cal.Events()))
	}
}

package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
)

// TestDockingFromNegotiationToAgreement: a member of the CIS delegation
// requests a negotiation for the delegation's selected contest project
// with a park; the park accepts; the organizer schedules and publishes it;
// the park proposes a preliminary agreement and the member confirms; the
// delegation's page and the organizer's funnel count it. Then, on a phone,
// an exhibit's page opened from its QR relays a visitor's message to the
// owner, whose address the page never shows.
func TestDockingFromNegotiationToAgreement(t *testing.T) {
	s := startServer(t)
	seedEdition(t, s)
	db := s.openStore(t)
	bg := context.Background()
	e, _ := db.CurrentEdition(bg)
	hash, _ := password.Hash(testPassword)
	user := func(email, name string, role model.Role, org *int64) model.User {
		u := model.User{Email: email, Name: name, Role: role, OrgID: org, Locale: "en"}
		if err := db.CreateUser(bg, &u, hash); err != nil {
			t.Fatal(err)
		}
		return u
	}
	cis := model.Organization{Kind: model.OrgDelegation, Name: "CIS Countries Delegation", NameZH: "独联体国家代表团", Status: model.OrgApproved, Province: "Russia", Foreign: true}
	park := model.Organization{Kind: model.OrgPark, Name: "Nansha Innovation Park", NameZH: "南沙创新园", Status: model.OrgApproved, Province: "Guangdong"}
	for _, o := range []*model.Organization{&cis, &park} {
		if err := db.CreateOrganization(bg, o); err != nil {
			t.Fatal(err)
		}
	}
	member := user("ivan@cis.example", "Ivan Petrov", model.RoleDelegation, &cis.ID)
	officer := user("officer@nansha.example", "Park Officer", model.RoleEnterprise, &park.ID)
	owner, err := db.Register(bg, &model.Registration{Email: "scholar@example.com", Name: "Zhang Scholar", Password: testPassword, Role: model.RoleTalent, Locale: "en"}, hash)
	if err != nil {
		t.Fatal(err)
	}
	project := model.Project{EditionID: e.ID, Source: model.SourceContest, OrgID: &cis.ID, Title: "Satellite imaging start-up", TitleZH: "卫星成像创业项目", Field: "Aerospace"}
	if err := db.CreateProject(bg, &project); err != nil {
		t.Fatal(err)
	}
	venue := model.Venue{EditionID: e.ID, Name: "Pazhou Hall"}
	if err := db.CreateVenue(bg, &venue); err != nil {
		t.Fatal(err)
	}
	day := "2017-12-17"
	loc, _ := time.LoadLocation("Asia/Shanghai")
	plan := model.SlotPlan{Day: e.StartDate, Start: 9 * time.Hour, End: 11 * time.Hour, Length: 30 * time.Minute}
	if _, err := db.AddSlots(bg, e.ID, plan.Slots(loc)); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateMeetingTable(bg, &model.Table{EditionID: e.ID, VenueID: &venue.ID, Code: "N-01"}, ""); err != nil {
		t.Fatal(err)
	}
	exhibit, err := db.CreateExhibit(bg, store.ExhibitInput{HostOrgID: park.ID, OwnerUserID: owner.ID, Title: "Solid-state battery prototype",
		TitleZH: "固态电池样机", Summary: "A 400 Wh/kg cell.", Field: "New energy"})
	if err != nil {
		t.Fatal(err)
	}

	// A fresh browser (and profile) for each person: the harness gives a
	// browser 30 seconds, enough for one person's part.
	ctx := browser(t)
	flash := func(want string) {
		t.Helper()
		if got := text(t, ctx, "p.flash"); got != want {
			t.Fatalf("flash %q, want %q", got, want)
		}
	}

	// The CIS member, from their home, requests a negotiation with the park.
	login(t, ctx, s, member.Email, "/me")
	click(t, ctx, "#dash-dockings")
	waitPath(t, ctx, s.URL, "/dockings")
	click(t, ctx, "#request-negotiation")
	waitPath(t, ctx, s.URL, "/dockings/request")
	selectText(t, ctx, `#request-form select[name=project_id]`, "Satellite imaging")
	selectText(t, ctx, `#request-form select[name=org_id]`, "Nansha")
	shot(t, ctx, "docking-1-request")
	click(t, ctx, `#request-form button[type=submit]`)
	waitPath(t, ctx, s.URL, "/dockings/1")
	flash("Negotiation requested.")
	if got := text(t, ctx, "#stage"); got != "Requested" {
		t.Fatalf("stage %q", got)
	}
	ctx = browser(t)

	// The park accepts.
	login(t, ctx, s, officer.Email, "/me")
	do(t, ctx, chromedp.Navigate(s.URL+"/me/meetings"))
	click(t, ctx, `#requests button.accept`)
	waitPath(t, ctx, s.URL, "/me/meetings")
	ctx = browser(t)

	// The organizer schedules the negotiations and publishes.
	login(t, ctx, s, organizerEmail, "/admin")
	do(t, ctx, chromedp.Navigate(s.URL+"/admin/meetings"))
	setValue(t, ctx, `#run-form select[name=kind]`, "negotiation")
	click(t, ctx, `#run-form button[type=submit]`)
	waitPath(t, ctx, s.URL, "/admin/meetings")
	if got := text(t, ctx, "#placed"); got != "1" {
		t.Fatalf("placed %q", got)
	}
	click(t, ctx, `#publish-form button`)
	waitPath(t, ctx, s.URL, "/admin/meetings")
	text(t, ctx, "#published")
	ctx = browser(t)

	// The park sees it scheduled and proposes a preliminary agreement (the
	// park itself named by default).
	login(t, ctx, s, officer.Email, "/me")
	do(t, ctx, chromedp.Navigate(s.URL+"/dockings/1"))
	if got := text(t, ctx, "#negotiations li"); !strings.Contains(got, "N-01") || !strings.Contains(got, day[5:]) {
		t.Fatalf("negotiation not shown scheduled: %q", got)
	}
	setValue(t, ctx, `#propose-form select[name=stage]`, "preliminary_agreement")
	setValue(t, ctx, `#propose-form textarea[name=note]`, "Phase 2 incubator, 200 m²")
	click(t, ctx, `#propose-form button[type=submit]`)
	waitPath(t, ctx, s.URL, "/dockings/1")
	flash("Proposal sent: the other side confirms it.")
	ctx = browser(t)

	// The owner's side confirms.
	login(t, ctx, s, member.Email, "/me")
	do(t, ctx, chromedp.Navigate(s.URL+"/dockings/1"))
	text(t, ctx, "#proposal")
	shot(t, ctx, "docking-2-proposal")
	click(t, ctx, "#confirm")
	waitPath(t, ctx, s.URL, "/dockings/1")
	flash("Stage confirmed.")
	if got := text(t, ctx, "#stage"); got != "Preliminary agreement" {
		t.Fatalf("stage after confirm %q", got)
	}
	if got := text(t, ctx, "#park"); got != "Nansha Innovation Park" {
		t.Fatalf("park %q", got)
	}
	if got := text(t, ctx, "#history tbody tr"); !strings.Contains(got, "Phase 2 incubator") {
		t.Fatalf("history %q", got)
	}
	// The delegation's page, from the home page, counts it.
	do(t, ctx, chromedp.Navigate(s.URL+"/me"))
	click(t, ctx, "#dash-delegation")
	waitPath(t, ctx, s.URL, "/delegation")
	if got := text(t, ctx, `[data-figure=agreements]`); got != "1" {
		t.Fatalf("delegation's agreements %q", got)
	}
	shot(t, ctx, "docking-3-delegation")
	ctx = browser(t)

	// The organizer's funnel counts it on the contest's row (the project's
	// source; the delegation's own page counts what it brought).
	login(t, ctx, s, organizerEmail, "/admin")
	click(t, ctx, "#dash-funnel")
	waitPath(t, ctx, s.URL, "/dockings/funnel")
	if got := text(t, ctx, `#funnel tr[data-source="contest"] td[data-stage=preliminary_agreement]`); !strings.HasPrefix(got, "1 ") {
		t.Fatalf("funnel's contest preliminary agreements %q", got)
	}
	shot(t, ctx, "docking-4-funnel")
	ctx = browser(t)

	// On a phone, a visitor opens the exhibit from its QR and writes.
	resp, err := http.Get(fmt.Sprintf("%s/exhibits/%d/qr.png", s.URL, exhibit))
	if err != nil {
		t.Fatal(err)
	}
	png, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	link, err := qr.DecodePNG(png)
	if err != nil {
		t.Fatalf("exhibit QR: %v", err)
	}
	u, _ := url.Parse(link)
	do(t, ctx, chromedp.Emulate(device.IPhone12), chromedp.Navigate(s.URL+u.RequestURI()))
	text(t, ctx, "#from-qr")
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if err != nil || strings.Contains(html, owner.Email) || !strings.Contains(html, "Solid-state battery") {
		t.Fatal("the exhibit's page shows the owner's address")
	}
	setValue(t, ctx, `#contact-form input[name=from_name]`, "Wang Investor")
	setValue(t, ctx, `#contact-form input[name=from_org]`, "Pearl River Capital")
	setValue(t, ctx, `#contact-form textarea[name=body]`, "We would like to fund your pilot line.")
	shot(t, ctx, "docking-5-exhibit-phone")
	click(t, ctx, `#contact-form button[type=submit]`)
	waitPath(t, ctx, s.URL, fmt.Sprintf("/exhibits/%d", exhibit))
	flash("Your message was sent to the owner.")
	ctx = browser(t)

	// The owner reads it.
	login(t, ctx, s, owner.Email, "/me")
	click(t, ctx, "#dash-exhibit-messages")
	waitPath(t, ctx, s.URL, "/me/exhibits")
	if got := text(t, ctx, "#messages li"); !strings.Contains(got, "We would like to fund your pilot line.") || !strings.Contains(got, "Wang Investor") {
		t.Fatalf("owner's messages %q", got)
	}
}

package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// seedEdition creates the current edition through the API, as an organizer.
func seedEdition(t *testing.T, s *server) {
	c := s.api(t)
	s.call(t, c, "POST", "/api/v1/login", `{"email":"`+organizerEmail+`","password":"`+testPassword+`"}`, 200)
	s.call(t, c, "POST", "/api/v1/editions", `{"slug":"ocs-2017","name":"19th Overseas Chinese Scholars Convention","name_zh":"第十九届中国海外人才交流大会","city":"Guangzhou","start_date":"2017-12-17","end_date":"2017-12-18","time_zone":"Asia/Shanghai"}`, 201)
}

func login(t *testing.T, ctx context.Context, s *server, email, landing string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(s.URL+"/login"),
		chromedp.SendKeys(`input[name=email]`, email),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.Submit(`form[action="/login"]`),
	)
	waitPath(t, ctx, s.URL, landing)
}

func logout(t *testing.T, ctx context.Context, s *server) {
	t.Helper()
	click(t, ctx, `form[action="/logout"] button`)
	waitPath(t, ctx, s.URL, "/")
}

// TestTalentRegistersSwitchesToChinese: on a phone, a talent registers,
// signs out and in again, switches to Chinese and sees the home page in it.
func TestTalentRegistersSwitchesToChinese(t *testing.T) {
	s := startServer(t)
	seedEdition(t, s)
	ctx := browser(t)
	do(t, ctx,
		chromedp.Emulate(device.IPhone12),
		chromedp.Navigate(s.URL+"/register"),
		chromedp.SendKeys(`input[name=name]`, "Li Wei"),
		chromedp.SendKeys(`input[name=email]`, "li.wei@example.com"),
		chromedp.SendKeys(`input[name=password]`, testPassword),
	)
	shot(t, ctx, "1-register")
	do(t, ctx, chromedp.Submit(`form[action="/register"]`))
	waitPath(t, ctx, s.URL, "/me")
	if h := text(t, ctx, "h1"); h != "Hello, Li Wei" {
		t.Fatalf("after registering: h1 = %q", h)
	}
	shot(t, ctx, "2-registered")
	logout(t, ctx, s)
	login(t, ctx, s, "li.wei@example.com", "/me")
	do(t, ctx, chromedp.Navigate(s.URL+"/"))
	click(t, ctx, "#lang-switch")
	for text(t, ctx, "#lang-switch") != "English" {
		time.Sleep(50 * time.Millisecond) // the switch names the other language once the page is Chinese
	}
	edition := text(t, ctx, "#edition-name")
	nav := text(t, ctx, `header nav a[href="/me"]`)
	counter := text(t, ctx, ".counters div span")
	shot(t, ctx, "3-home-zh")
	if edition != "第十九届中国海外人才交流大会" || nav != "我的" || counter != "人才" {
		t.Fatalf("home in Chinese: edition %q, nav %q, counter %q", edition, nav, counter)
	}
	// The choice is kept on the account: a new sign-in stays in Chinese.
	logout(t, ctx, s)
	login(t, ctx, s, "li.wei@example.com", "/me")
	if h := text(t, ctx, "h1"); h != "您好，Li Wei" {
		t.Fatalf("after signing in again: h1 = %q", h)
	}
}

// TestEnterpriseApprovedByOrganizer: an enterprise registers and waits; the
// organizer approves it; the enterprise signs in and is approved.
func TestEnterpriseApprovedByOrganizer(t *testing.T) {
	s := startServer(t)
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(s.URL+"/register?role=enterprise"))
	do(t, ctx,
		chromedp.SendKeys(`input[name=name]`, "Wang Fang"),
		chromedp.SendKeys(`input[name=email]`, "hr@gpharm.example"),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.SendKeys(`input[name=org_name]`, "Guangzhou Pharmaceutical"),
		chromedp.SendKeys(`input[name=org_name_zh]`, "广州医药集团"),
		chromedp.Submit(`form[action="/register"]`),
	)
	waitPath(t, ctx, s.URL, "/me")
	if got := text(t, ctx, "#org-status"); got != "Waiting for approval" {
		t.Fatalf("after registering: status %q", got)
	}
	shot(t, ctx, "1-pending")
	logout(t, ctx, s)
	login(t, ctx, s, organizerEmail, "/admin")
	approve := `button[data-approve="Guangzhou Pharmaceutical"]`
	do(t, ctx, chromedp.Navigate(s.URL+"/admin"))
	text(t, ctx, approve)
	shot(t, ctx, "2-approval-queue")
	click(t, ctx, approve)
	waitPath(t, ctx, s.URL, "/admin")
	if got := text(t, ctx, "p.flash"); got != "Saved." {
		t.Fatalf("after approving: flash %q", got)
	}
	shot(t, ctx, "3-approved")
	logout(t, ctx, s)
	login(t, ctx, s, "hr@gpharm.example", "/me")
	if got := text(t, ctx, "#org-status"); got != "Approved" {
		t.Fatalf("after approval: status %q", got)
	}
	shot(t, ctx, "4-enterprise-home")
}

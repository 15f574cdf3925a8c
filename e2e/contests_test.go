package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// addJudge creates a judge account with `convene user add -role judge`.
func addJudge(t *testing.T, s *server, email, name string) {
	t.Helper()
	add := exec.Command(binary, "user", "add", "-db", s.db, "-role", "judge", "-email", email, "-name", name, "-locale", "en")
	add.Env = append(os.Environ(), "CONVENE_PASSWORD="+testPassword)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("user add judge: %v %s", err, out)
	}
}

// longBrowser is browser (harness_test.go) with room for a journey of
// four people and a dozen sign-ins: the harness gives a tab 30 s.
func longBrowser(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but chromium is not installed (apt-get install chromium)")
		}
		t.Skip("chromium not installed")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Autofill,AutofillServerCommunication,PasswordManagerOnboarding,Translate"),
		chromedp.Flag("password-store", "basic"), chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, d)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// selectText chooses the option whose text contains label.
func selectText(t *testing.T, ctx context.Context, sel, label string) {
	t.Helper()
	text(t, ctx, sel)
	js := fmt.Sprintf(`(() => { const s = document.querySelector(%q); for (const o of s.options) { if (o.text.includes(%q)) { s.value = o.value; return true } } return false })()`, sel, label)
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
	if err != nil || !ok {
		t.Fatalf("select %q in %s: %v", label, sel, err)
	}
}

// TestContestJudgedAndGrantMet: an owner enters a project; the organizer
// assigns three judges automatically, a conflicted fourth left out; each
// judge scores on a phone; the organizer closes, reviews raw against
// normalized, selects; the selected project's page shows the grant policy
// as met, with the reason.
func TestContestJudgedAndGrantMet(t *testing.T) {
	s := startServer(t)
	seedEdition(t, s)
	judges := []string{"Judge Alpha", "Judge Beta", "Judge Gamma", "Judge Delta"}
	for i, n := range judges {
		addJudge(t, s, fmt.Sprintf("judge%d@ocs.example", i), n)
	}
	ctx := longBrowser(t, 4*time.Minute)
	phone := func() { do(t, ctx, chromedp.Emulate(device.IPhone12)) }
	desk := func() { do(t, ctx, chromedp.EmulateReset()) }

	// The organizer sets up the contest and invites four judges.
	login(t, ctx, s, organizerEmail, "/admin")
	click(t, ctx, "#nav-contests")
	waitPath(t, ctx, s.URL, "/contests")
	click(t, ctx, "#new-contest")
	waitPath(t, ctx, s.URL, "/contests/new")
	do(t, ctx, chromedp.SendKeys(`#contest-form input[name=name]`, "Chunhui Cup"),
		chromedp.SendKeys(`#contest-form input[name=name_zh]`, "春晖杯"))
	setValue(t, ctx, `#contest-form input[name=select_n]`, "1")
	click(t, ctx, `#contest-form button[type=submit]`)
	waitPath(t, ctx, s.URL, "/contests/1")
	for i := range judges {
		setValue(t, ctx, `input[name=email]`, fmt.Sprintf("judge%d@ocs.example", i))
		click(t, ctx, "#invite-judge")
		for !strings.Contains(text(t, ctx, "#judges"), judges[i]) {
			time.Sleep(50 * time.Millisecond)
		}
	}
	logout(t, ctx, s)

	// The owner, on a phone, registers, creates a project and enters it.
	phone()
	do(t, ctx, chromedp.Navigate(s.URL+"/register"),
		chromedp.SendKeys(`input[name=name]`, "Li Wei"),
		chromedp.SendKeys(`input[name=email]`, "li.wei@example.com"),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.Submit(`form[action="/register"]`))
	waitPath(t, ctx, s.URL, "/me")
	click(t, ctx, "#nav-contests")
	waitPath(t, ctx, s.URL, "/contests")
	click(t, ctx, "#my-projects")
	waitPath(t, ctx, s.URL, "/my/projects")
	do(t, ctx, chromedp.SendKeys(`#project-form input[name=title]`, "Quantum gravimeter start-up"),
		chromedp.SendKeys(`#project-form input[name=field]`, "Physics"))
	click(t, ctx, "#create-project")
	waitPath(t, ctx, s.URL, "/projects/1/contests")
	do(t, ctx, chromedp.Navigate(s.URL+"/contests/1"))
	click(t, ctx, "#enter-contest")
	waitPath(t, ctx, s.URL, "/contests/1")
	if got := text(t, ctx, "p.flash"); got != "Your project is entered." {
		t.Fatalf("entering: %q", got)
	}
	shot(t, ctx, "1-entered")
	logout(t, ctx, s)

	// The organizer marks Judge Delta conflicted and assigns automatically.
	desk()
	login(t, ctx, s, organizerEmail, "/admin")
	do(t, ctx, chromedp.Navigate(s.URL+"/contests/1"))
	click(t, ctx, "#assignment-link")
	waitPath(t, ctx, s.URL, "/contests/1/assignment")
	selectText(t, ctx, `#conflict-form select[name=judge_id]`, "Judge Delta")
	click(t, ctx, "#mark-conflict")
	// Wait for the reloaded page's conflict mark, not the column header
	// "Conflicts": leaving earlier cancels the POST.
	do(t, ctx, chromedp.WaitVisible(`#assignment span.conflict`))
	do(t, ctx, chromedp.Navigate(s.URL+"/contests/1"))
	click(t, ctx, "#auto-assign")
	waitPath(t, ctx, s.URL, "/contests/1/assignment")
	assigned := text(t, ctx, "#assignment tbody tr .judges")
	shot(t, ctx, "2-assignment")
	for _, n := range judges[:3] {
		if !strings.Contains(assigned, n) {
			t.Fatalf("%s not assigned: %q", n, assigned)
		}
	}
	if strings.Contains(assigned, "Judge Delta") {
		t.Fatalf("the conflicted judge was assigned: %q", assigned)
	}
	logout(t, ctx, s)

	// Each judge scores on a phone, criterion by criterion.
	phone()
	for i := range 3 {
		login(t, ctx, s, fmt.Sprintf("judge%d@ocs.example", i), "/me")
		click(t, ctx, "#nav-contests")
		waitPath(t, ctx, s.URL, "/contests")
		do(t, ctx, chromedp.Navigate(s.URL+"/contests/1/judge"))
		click(t, ctx, "#sheets .sheet-link")
		waitPath(t, ctx, s.URL, "/entries/1/score")
		for j, k := range []string{"innovation", "market", "team", "feasibility", "impact"} {
			setValue(t, ctx, `input[name=score_`+k+`]`, fmt.Sprint(5+(i+j)%4))
		}
		setValue(t, ctx, `textarea[name=comment_team]`, fmt.Sprintf("comment of judge %d", i))
		if i == 0 {
			click(t, ctx, "#save-draft") // a draft first
			waitPath(t, ctx, s.URL, "/entries/1/score")
			if got := text(t, ctx, "p.flash"); got != "Draft saved." {
				t.Fatalf("draft: %q", got)
			}
			shot(t, ctx, "3-judge-phone")
		}
		click(t, ctx, "#submit-scores")
		waitPath(t, ctx, s.URL, "/contests/1/judge")
		if got := text(t, ctx, "#sheets"); !strings.Contains(got, "submitted") {
			t.Fatalf("judge %d sheet: %q", i, got)
		}
		logout(t, ctx, s)
	}

	// The organizer closes, reviews raw against normalized, and selects.
	desk()
	login(t, ctx, s, organizerEmail, "/admin")
	do(t, ctx, chromedp.Navigate(s.URL+"/contests/1"))
	click(t, ctx, "#close-round")
	waitPath(t, ctx, s.URL, "/contests/1/review")
	head := text(t, ctx, "#review thead")
	row := text(t, ctx, "#review tbody tr")
	method := text(t, ctx, "#method")
	shot(t, ctx, "4-review")
	if !strings.Contains(head, "Raw") || !strings.Contains(head, "Normalized") || !strings.Contains(head, "Spread") || !strings.Contains(row, "Quantum gravimeter") {
		t.Fatalf("review: %q / %q", head, row)
	}
	if !strings.Contains(method, "raw scores") { // one entry a judge: too few to normalize, said so
		t.Fatalf("method: %q", method)
	}
	// The organizer's pages fit a phone too (wide tables scroll in their box).
	phone()
	for _, p := range []string{"/contests/1/review", "/contests/1/assignment", "/contests/1", "/contests/new", "/policies"} {
		do(t, ctx, chromedp.Navigate(s.URL+p))
		waitPath(t, ctx, s.URL, p)
		if w, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("document.documentElement.scrollWidth")); err != nil || w > 390 {
			t.Fatalf("%s is %v px wide at 390 px: %v", p, w, err)
		}
	}
	desk()
	do(t, ctx, chromedp.Navigate(s.URL+"/contests/1/review"))
	waitPath(t, ctx, s.URL, "/contests/1/review")
	click(t, ctx, "#select-top")
	waitPath(t, ctx, s.URL, "/contests/1/review")
	if got := text(t, ctx, "#decided"); !strings.Contains(got, "Selection recorded") {
		t.Fatalf("decided: %q", got)
	}
	// The grant policy: selected in a contest.
	click(t, ctx, "#nav-contests")
	waitPath(t, ctx, s.URL, "/contests")
	click(t, ctx, "#policies-link")
	waitPath(t, ctx, s.URL, "/policies")
	do(t, ctx, chromedp.SendKeys(`#policy-form input[name=name]`, "Innovative plan grant"),
		chromedp.SendKeys(`#policy-form input[name=name_zh]`, "创新计划资助"))
	setValue(t, ctx, `#policy-form input[name=amount_yuan]`, "3000000")
	setValue(t, ctx, `#policy-form select[name=rule_field_1]`, "entry.result")
	setValue(t, ctx, `#policy-form select[name=rule_op_1]`, "eq")
	setValue(t, ctx, `#policy-form input[name=rule_value_1]`, "selected")
	click(t, ctx, "#save-policy")
	waitPath(t, ctx, s.URL, "/policies/1")
	if got := text(t, ctx, "#met-count"); got != "1" {
		t.Fatalf("projects meeting the grant: %q", got)
	}
	logout(t, ctx, s)

	// The owner's project page shows the grant as met, and why.
	phone()
	login(t, ctx, s, "li.wei@example.com", "/me")
	do(t, ctx, chromedp.Navigate(s.URL+"/projects/1/contests"))
	policy := text(t, ctx, "#policies .policy")
	status := text(t, ctx, "#project-entries .entry-status")
	shot(t, ctx, "5-grant-met")
	if !strings.Contains(policy, "Innovative plan grant") || !strings.Contains(policy, "Meets it") || !strings.Contains(policy, "meets: selected in a contest") {
		t.Fatalf("policy on the project page: %q", policy)
	}
	if status != "selected" {
		t.Fatalf("entry status: %q", status)
	}
	// Usable at 390 px: nothing wider than the screen.
	w, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("document.documentElement.scrollWidth"))
	if err != nil || w > 390 {
		t.Fatalf("page width %v at 390 px: %v", w, err)
	}
}

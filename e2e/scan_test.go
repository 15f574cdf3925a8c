package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/qr"
)

const cvPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"

// get fetches a path with a client and fails unless the status is want.
func (s *server) get(t *testing.T, c *http.Client, path string, want int) ([]byte, http.Header) {
	t.Helper()
	resp, err := c.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d", path, resp.StatusCode, want)
	}
	return b, resp.Header
}

// TestScanRegisterApply: the enterprise's printed code, scanned by a phone,
// leads a new talent to register with a CV and apply in one go; the
// enterprise then reads the CV; a second scan makes no second application.
func TestScanRegisterApply(t *testing.T) {
	s := startServer(t)
	seedEdition(t, s)
	db := s.openStore(t)
	ctx := context.Background()
	e, _ := db.CurrentEdition(ctx)
	fair := model.Fair{EditionID: e.ID, Kind: model.FairOverseas, Name: "Overseas talent fair", NameZH: "海外人才招聘会"}
	org := model.Organization{Kind: model.OrgEnterprise, Name: "GZ Robotics", NameZH: "广州机器人有限公司", Status: model.OrgApproved}
	if err := db.CreateFair(ctx, &fair); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateOrganization(ctx, &org); err != nil {
		t.Fatal(err)
	}
	hash, _ := password.Hash(testPassword)
	hr := model.User{Email: "hr@gzrobotics.example", Name: "Wang HR", Role: model.RoleEnterprise, OrgID: &org.ID, Locale: "en"}
	if err := db.CreateUser(ctx, &hr, hash); err != nil {
		t.Fatal(err)
	}
	post := model.Post{OrgID: org.ID, FairID: fair.ID, Title: "Motion planning engineer", City: "Guangzhou", Skills: []string{"C++"}}
	post.Validate()
	if err := db.CreatePost(ctx, &post); err != nil {
		t.Fatal(err)
	}

	// The enterprise downloads its post's code; a real decoder reads it.
	ent := s.api(t)
	s.call(t, ent, "POST", "/api/v1/login", `{"email":"`+hr.Email+`","password":"`+testPassword+`"}`, 200)
	pngBytes, _ := s.get(t, ent, fmt.Sprintf("/qr/posts/%d/code.png", post.ID), 200)
	scanned, err := qr.DecodePNG(pngBytes)
	if err != nil {
		t.Fatalf("decode QR: %v", err)
	}
	if !strings.HasPrefix(scanned, s.URL+"/s/") {
		t.Fatalf("code encodes %q", scanned)
	}
	path := strings.TrimPrefix(scanned, s.URL)

	cv := filepath.Join(t.TempDir(), "cv.pdf")
	os.WriteFile(cv, []byte(cvPDF), 0o644)
	bctx := browser(t)
	do(t, bctx, chromedp.Emulate(device.IPhone12), chromedp.Navigate(scanned))
	if h := text(t, bctx, "#scan-title"); h != post.Title {
		t.Fatalf("landing title %q", h)
	}
	do(t, bctx,
		chromedp.SendKeys(`#quick-register input[name=name]`, "Zhao Lei"),
		chromedp.SendKeys(`#quick-register input[name=email]`, "zhao.lei@example.com"),
		chromedp.SendKeys(`#quick-register input[name=password]`, testPassword),
		chromedp.SetValue(`#quick-register select[name=degree]`, "phd"),
		chromedp.SendKeys(`#quick-register input[name=discipline]`, "Robotics"),
		chromedp.SetUploadFiles(`#quick-register input[type=file]`, []string{cv}),
	)
	shot(t, bctx, "1-landing-form")
	click(t, bctx, `#quick-register button[type=submit]`)
	waitPath(t, bctx, s.URL, path)
	if st := text(t, bctx, "#scan-status"); !strings.Contains(st, "You have applied") {
		t.Fatalf("after registering: status %q", st)
	}
	shot(t, bctx, "2-applied")

	// A second scan shows the application; tapping nothing makes no second one.
	do(t, bctx, chromedp.Navigate(scanned))
	text(t, bctx, "#scan-status")
	shot(t, bctx, "3-second-scan")
	apps, err := db.ApplicationsOfOrg(ctx, org.ID, 0, 0)
	if err != nil || len(apps) != 1 || apps[0].Channel != model.ChannelScan || apps[0].PostID != post.ID {
		t.Fatalf("enterprise's applications = %+v, %v", apps, err)
	}

	// The enterprise signs in on the same phone and finds the application,
	// with its channel and a link to the CV, in its inbox.
	logout(t, bctx, s)
	login(t, bctx, s, hr.Email, "/me")
	do(t, bctx, chromedp.Navigate(s.URL+"/inbox"))
	row := text(t, bctx, "table.table tbody tr")
	if !strings.Contains(row, "Zhao Lei") || !strings.Contains(row, post.Title) || !strings.Contains(row, "QR scan") {
		t.Fatalf("inbox row %q", row)
	}
	cvLink := fmt.Sprintf("/cv/%d", apps[0].TalentID)
	if got := text(t, bctx, `table.table a[href="`+cvLink+`"]`); got == "" {
		t.Fatal("inbox shows no CV link")
	}
	shot(t, bctx, "4-enterprise-inbox")

	// Opening the application shows the talent, the CV and the history and
	// changes nothing (GET is safe); "Mark as viewed" makes it viewed.
	click(t, bctx, fmt.Sprintf(`table.table a[href="/inbox/%d"]`, apps[0].ID))
	waitPath(t, bctx, s.URL, fmt.Sprintf("/inbox/%d", apps[0].ID))
	if st := text(t, bctx, "#app-status"); st != "Applied" {
		t.Fatalf("application page status on opening %q", st)
	}
	click(t, bctx, "#app-viewed button")
	// The form posts and comes back to the same path: wait for the status.
	for st := ""; st != "Viewed"; {
		select {
		case <-bctx.Done():
			t.Fatalf("application page status after marking %q", st)
		case <-time.After(50 * time.Millisecond):
		}
		st, _ = chromedp.Run(bctx, chromedp.Evaluate[string](`(document.querySelector("#app-status") || {}).textContent || ""`))
		st = strings.TrimSpace(st)
	}
	if got := text(t, bctx, `#app-cv`); got == "" {
		t.Fatal("application page shows no CV link")
	}
	shot(t, bctx, "5-application")

	// The CV behind that link is the uploaded file.
	body, h := s.get(t, ent, cvLink, 200)
	if string(body) != cvPDF || h.Get("Content-Type") != "application/pdf" {
		t.Fatalf("CV as enterprise: %q %s", body, h.Get("Content-Type"))
	}
	// Another signed-in account may not.
	other := s.api(t)
	s.call(t, other, "POST", "/api/v1/login", `{"email":"`+organizerEmail+`","password":"`+testPassword+`"}`, 200)
	s.get(t, other, fmt.Sprintf("/cv/%d", apps[0].TalentID), 200) // organizers may
	anon := s.api(t)
	anon.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	s.get(t, anon, fmt.Sprintf("/cv/%d", apps[0].TalentID), 303)
}

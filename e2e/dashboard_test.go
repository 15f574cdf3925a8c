package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// TestDashboardAcrossInstances: two `convene serve` processes on one
// PostgreSQL, the venue's public screen open in Chromium on the second;
// each application acknowledged by the first shows in the screen's counter
// within 2 s (issue 19's done-when; the figures reach the other instance
// through internal/peers and the dashboard hub's own 1 s check).
func TestDashboardAcrossInstances(t *testing.T) {
	dsn := storetest.NewPostgresDB(t)
	const seed, scale = 11, 0.02
	if out, err := exec.Command(binary, "simulate", "-quiet", "-scale", fmt.Sprint(scale), "-seed", fmt.Sprint(seed), "-db", dsn).CombinedOutput(); err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	_, urlA := serveProcess(t, dsn)
	_, urlB := serveProcess(t, dsn)
	ctx := browser(t)
	do(t, ctx, chromedp.Navigate(urlB+"/screen"))
	// Connected once the first payload set the status line's time.
	waitFor(t, ctx, `(() => { const s = document.querySelector("[data-live-status]"); return String(!!s && s.textContent.startsWith(s.dataset.live)) })()`, "true")
	count := `document.querySelector('[data-live="applications"]').textContent.replace(/\D/g, "")`

	conv := gen.Generate(seed, scale)
	c := apiLogin(t, urlA, conv.Users[conv.Talents[3].UserID-1].Email)
	var lat []time.Duration
	for _, p := range conv.Posts {
		if p.Status != model.PostOpen || len(lat) == 3 {
			continue
		}
		before, err := chromedp.Run(ctx, chromedp.Evaluate[string](count))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(before)
		a, status, err := applyOnce(c, urlA, p.ID)
		if err != nil || status != 201 && status != 200 {
			t.Fatalf("apply to %d: %d %v", p.ID, status, err)
		}
		if !a.Created {
			continue // applied in the generated convention already
		}
		start := time.Now()
		wctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		waitFor(t, wctx, count, strconv.Itoa(n+1))
		cancel()
		lat = append(lat, time.Since(start))
	}
	if len(lat) < 3 {
		t.Fatalf("only %d new applications made", len(lat))
	}
	t.Logf("application on instance A → screen on instance B: %v", lat)

	// The report, from the second instance: its page in both languages
	// with charts, its PDF with extractable Chinese text and the charts' text.
	org := "organizer@" + gen.EmailDomain
	ed := currentEdition(t, apiLogin(t, urlB, org), urlB)
	signIn(t, ctx, urlB, org, gen.DemoPassword)
	for lang, title := range map[string]string{"zh": "总结报告", "en": "Post-convention report"} {
		do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/admin/reports/%d?lang=%s", urlB, ed, lang)))
		if h := text(t, ctx, "h1"); !strings.Contains(h, title) {
			t.Fatalf("report (%s) heading %q, want %q", lang, h, title)
		}
		charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg[role=img]").length`))
		if err != nil || charts < 3 {
			t.Fatalf("report (%s): %d charts, %v", lang, charts, err)
		}
	}
	pc := apiLogin(t, urlB, org)
	pc.Timeout = 2 * time.Minute // Chromium prints; a busy machine takes its time
	resp, err := pc.Get(fmt.Sprintf("%s/admin/reports/%d/pdf?lang=zh", urlB, ed))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	pdf := filepath.Join(t.TempDir(), "report.pdf")
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || os.WriteFile(pdf, b, 0o644) != nil {
		t.Fatalf("report PDF: %d", resp.StatusCode)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{"总结报告", "海外人才学历分布", "cvs.overseas"} {
		if !strings.Contains(got, want) {
			t.Errorf("report PDF text lacks %q", want)
		}
	}
}

// currentEdition is the id of the edition the server calls current.
func currentEdition(t *testing.T, c *http.Client, base string) int64 {
	t.Helper()
	resp, err := c.Get(base + "/api/v1/editions")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var eds []struct {
		ID      int64 `json:"id"`
		Current bool  `json:"current"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&eds); err != nil {
		t.Fatal(err)
	}
	for _, e := range eds {
		if e.Current {
			return e.ID
		}
	}
	t.Fatal("no current edition")
	return 0
}

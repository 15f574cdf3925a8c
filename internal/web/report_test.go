package web

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/chart"
	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/session"
)

func init() {
	expect(map[string]string{
		"GET /admin/reports/{id}":           "organizer",
		"GET /admin/reports/{id}/pdf":       "organizer",
		"POST /admin/reports/{id}/publish":  "organizer",
		"GET /reports/{id}":                 "anyone",
		"GET /reports/{id}/pdf":             "anyone",
		"GET /report/report.css":            "anyone",
		"GET /api/v1/reports/{id}":          "anyone",
		"POST /api/v1/reports/{id}/publish": "organizer",
	})
}

// genServer loads a generated convention and serves it; the client is
// signed in as the demo organizer.
func genServer(t *testing.T, db *store.DB, scale float64) (*gen.Convention, int64, *httptest.Server, *http.Client) {
	t.Helper()
	c := gen.Generate(2017, scale)
	sum, err := gen.Load(bg, db, c, gen.LoadOptions{PasswordHash: testHash})
	if err != nil {
		t.Fatal(err)
	}
	_, ts := serve(t, db, Config{})
	u, _, err := db.UserByEmail(bg, "organizer@"+gen.EmailDomain)
	if err != nil {
		t.Fatal(err)
	}
	tok := "report-test-session-token-0123456789abcdef"
	if err := db.CreateSession(bg, session.Hash(tok), u.ID, time.Hour); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, ts: ts}
	c2 := f.client("")
	su, _ := url.Parse(ts.URL)
	c2.Jar.SetCookies(su, []*http.Cookie{{Name: session.Cookie, Value: tok}})
	return c, sum.EditionID, ts, c2
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	f := &fixture{t: t}
	req, _ := http.NewRequest("GET", u, nil)
	_ = f
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, b.String()
}

var headlineRow = regexp.MustCompile(`<tr><th scope="row">([^<]+)</th><td class="n">([^<]*)</td>`)

// headlines reads the report's headline table: label → value.
func headlines(body string) map[string]string {
	m := map[string]string{}
	if i := strings.Index(body, `class="headlines"`); i >= 0 {
		body = body[i:]
		body = body[:strings.Index(body, "</table>")]
	}
	for _, x := range headlineRow.FindAllStringSubmatch(body, -1) {
		m[html.UnescapeString(x[1])] = x[2]
	}
	return m
}

// TestReportFollowsGenerator: the report of a generated convention states
// every figure of the seed's list the product can know, each equal to the
// generator's own totals (so computed by the named queries from the data),
// in both languages, each linked to its definition; publishing freezes it.
func TestReportFollowsGenerator(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			c, ed, ts, org := genServer(t, db, 0.05)
			tot := c.Totals()
			resp, body := get(t, org, fmt.Sprintf("%s/admin/reports/%d?lang=en", ts.URL, ed))
			if resp.StatusCode != 200 {
				t.Fatalf("report %d: %s", resp.StatusCode, body)
			}
			h := headlines(body)
			pct := func(n, of int) string { return chart.Num(float64(int64(1000*float64(n)/float64(of)+0.5))/10) + "%" }
			n := func(v int) string { return chart.Num(float64(v)) }
			e, _ := db.Edition(bg, ed)
			set, err := figures.Compute(bg, db, e)
			if err != nil {
				t.Fatal(err)
			}
			// The demo's loaders (internal/gen/video.go) apply through the
			// store after the bulk load: count what the database holds.
			rows, err := db.TableCounts(bg)
			if err != nil {
				t.Fatal(err)
			}
			applications := len(c.Applications) + (rows.Applications - len(c.Applications))
			grant := n(int(c.Contest.GrantYuan))
			want := map[string]string{
				"Overseas talents attending":                    n(tot.Overseas),
				"Share with a PhD":                              pct(tot.OverseasPhD, tot.Overseas),
				"Share intending to work in China":              pct(tot.OverseasIntentYes, tot.Overseas),
				"Research projects brought by talents":          n(tot.TalentProjects),
				"Delegations":                                   n(tot.Delegations),
				"Projects brought by delegations":               n(tot.DelegationProjects),
				"Enterprises":                                   n(tot.Enterprises),
				"of them in the Global 500":                     n(tot.Global500),
				"Posts offered":                                 n(len(c.Posts)),
				"CVs received from overseas talents":            n(tot.OverseasCVs),
				"Overseas high-level talents at the video fair": n(tot.VideoTalents),
				"of them with a PhD":                            pct(tot.VideoTalentsPhD, tot.VideoTalents),
				"Video fair person-post matching rate":          pct(set.Video.MatchedTalents, set.Video.Talents),
				"Enterprises posting recruitment information":   n(tot.PostingEnterprises),
				"Interview applications":                        n(applications),
				"Visits":                                        n(tot.VisitCount),
				"Projects selected in the contest":              n(tot.Selected),
				"Foreign delegations' projects":                 n(tot.CISProjects),
				"Expert-team projects":                          n(tot.ExpertProjects),
				"Project dockings":                              n(len(c.Dockings)),
				"Projects intending to sign contracts":          n(tot.DockingsByStage[model.DockContract]),
				"Grant per eligible contest project (yuan)":     grant,
				"Summits, forums and promotion activities":      n(len(c.Events)),
				"Venues":                             n(len(c.Venues)),
				"Exhibition area":                    n(tot.VenueAreaM2) + " m²",
				"Frontier technology programs shown": n(len(c.Exhibits)),
			}
			for label, v := range want {
				if h[label] != v {
					t.Errorf("%s: report says %q, generator %q", label, h[label], v)
				}
			}
			for _, label := range []string{"Countries of residence", "Remote parallel sessions", "Job fairs", "Preliminary negotiations for selected projects",
				"Selected projects with cooperative intentions", "Expert projects with cooperative intentions", "Provinces, regions and municipalities"} {
				if h[label] == "" {
					t.Errorf("%s missing from the report", label)
				}
			}
			if !strings.Contains(h["Remote parallel sessions"], "Singapore") {
				t.Errorf("sessions %q", h["Remote parallel sessions"])
			}
			for _, s := range []string{`#def-cvs.overseas"`, `#def-video.matching_rate"`, "<svg", "Press release", "Annex", "There is no previous edition"} {
				if !strings.Contains(body, s) {
					t.Errorf("report lacks %q", s)
				}
			}
			resp, zh := get(t, org, fmt.Sprintf("%s/admin/reports/%d?lang=zh", ts.URL, ed))
			if resp.StatusCode != 200 || !strings.Contains(zh, "总结报告") || !strings.Contains(zh, "收到海外人才简历") || !strings.Contains(zh, "新闻稿") {
				t.Fatalf("Chinese report %d", resp.StatusCode)
			}

			// Publishing freezes it: a later application changes the draft,
			// not the published report.
			if resp, _ := get(t, org, fmt.Sprintf("%s/reports/%d", ts.URL, ed)); resp.StatusCode != 404 {
				t.Fatalf("unpublished report: %d", resp.StatusCode)
			}
			f := &fixture{t: t, ts: ts}
			resp, _ = f.postForm(org, fmt.Sprintf("/admin/reports/%d/publish?lang=en", ed), url.Values{"press_zh": {"编辑后的新闻稿"}, "press_en": {"The edited press release."}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("publish %d", resp.StatusCode)
			}
			_, pub := get(t, f.client(""), fmt.Sprintf("%s/reports/%d?lang=en", ts.URL, ed))
			if !strings.Contains(pub, "The edited press release.") || headlines(pub)["Interview applications"] != n(applications) {
				t.Fatalf("published report:\n%s", pub)
			}
			tl, err := db.Talent(bg, 1)
			if err != nil {
				t.Fatal(err)
			}
			applied := map[int64]bool{}
			for _, a := range c.Applications {
				if a.TalentID == tl.ID {
					applied[a.PostID] = true
				}
			}
			var pid int64
			for _, p := range c.Posts {
				if !applied[p.ID] {
					pid = p.ID
					break
				}
			}
			if _, _, err := db.Apply(bg, tl.ID, pid, model.ChannelPC); err != nil {
				t.Fatal(err)
			}
			_, pub2 := get(t, f.client(""), fmt.Sprintf("%s/reports/%d?lang=en", ts.URL, ed))
			if headlines(pub2)["Interview applications"] != n(applications) {
				t.Fatalf("published report changed: %s", headlines(pub2)["Interview applications"])
			}
			_, draft := get(t, org, fmt.Sprintf("%s/admin/reports/%d?lang=en", ts.URL, ed))
			if headlines(draft)["Interview applications"] != n(applications+1) {
				t.Fatalf("draft did not follow the data: %s", headlines(draft)["Interview applications"])
			}
		})
	}
}

// TestReportPDF: the report's PDF has extractable Chinese text and its
// charts' text (Chromium prints; pdftotext reads).
func TestReportPDF(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed: scripts/test installs it")
	}
	db := storetest.SQLite(t)
	_, ed, ts, org := genServer(t, db, 0.02)
	start := time.Now()
	resp, pdf := get(t, org, fmt.Sprintf("%s/admin/reports/%d/pdf?lang=zh", ts.URL, ed))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("pdf %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	t.Logf("PDF %d bytes in %v", len(pdf), time.Since(start))
	p := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(p, []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "") // table cells wrap
	// Headline labels wrap in their column (pdftotext interleaves them with
	// the values), so the checks take whole phrases from the press release,
	// titles and figure names.
	for _, s := range []string{"总结报告", "新闻稿", "海外人才简历", "人岗匹配率达", "各类人才数", "海外人才学历分布", "cvs.overseas", "video.matching_rate"} {
		if !strings.Contains(text, s) {
			t.Errorf("PDF text lacks %q:\n%.2000s", s, text)
		}
	}
}

package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/chart"
	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/session"
)

var hrefAttr = regexp.MustCompile(`href="([^"]*)"`)

var talentTotal = regexp.MustCompile(`id="talent-total">(\d+)<`)

// links are a page's links within the site (not fragments, not the
// layout's language switch twice), unescaped.
func links(body string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range hrefAttr.FindAllStringSubmatch(body, -1) {
		u := html.UnescapeString(m[1])
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, u)
	}
	return out
}

// follow gets u and the site's redirects from it (the layout's /me sends
// an organizer on to /admin), at most five.
func follow(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, body := get(t, c, u)
	for i := 0; i < 5 && resp.StatusCode >= 300 && resp.StatusCode < 400; i++ {
		loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
		if err != nil || loc.Host != resp.Request.URL.Host {
			break
		}
		resp, body = get(t, c, loc.String())
	}
	return resp, body
}

// TestFiguresLinks (issue 19, items 1 and 3): on the organizer's figures
// page every figure links to its definition and, where a list page exists,
// to the list of the records it counts; every link the page renders opens
// for the organizer; delegations by province are drawn on the map of
// China in both languages, every province of the generated delegations on
// a tile; the published report, anyone's, links to nothing its reader
// cannot open (its definitions are its own), nor does the big screen.
func TestFiguresLinks(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			_, ed, ts, org := genServer(t, db, 0.05)
			e, err := db.Edition(bg, ed)
			if err != nil {
				t.Fatal(err)
			}
			if cur, err := db.CurrentEdition(bg); err != nil || cur.ID != ed {
				t.Fatalf("the generated edition %d is not the current one (%v)", ed, err)
			}
			u, _, err := db.UserByEmail(bg, "organizer@"+gen.EmailDomain)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.SetLocale(bg, u.ID, "en"); err != nil {
				t.Fatal(err)
			}
			resp, body := get(t, org, ts.URL+"/admin/dashboard/figures")
			if resp.StatusCode != 200 {
				t.Fatalf("figures page %d:\n%s", resp.StatusCode, body)
			}
			for _, d := range figures.Defs {
				if d.Name == figures.DockingFunnel {
					continue // the report's and the docking area's
				}
				if !strings.Contains(body, `href="#def-`+d.Name+`"`) || !strings.Contains(body, `id="def-`+d.Name+`"`) {
					t.Errorf("%s: no link to its definition", d.Name)
				}
				if r := d.RecordsFor(e, true); r != "" && !strings.Contains(body, `href="`+html.EscapeString(r)+`" class="records"`) {
					t.Errorf("%s: no link to its records %s", d.Name, r)
				}
			}
			ls := links(body)
			if len(ls) < 15 {
				t.Fatalf("only %d links: %v", len(ls), ls)
			}
			for _, l := range ls {
				if resp, b := follow(t, org, ts.URL+l); resp.StatusCode != 200 {
					t.Errorf("%s answers %d to the organizer: %.300s", l, resp.StatusCode, b)
				}
			}

			set, err := figures.Compute(bg, db, e)
			if err != nil {
				t.Fatal(err)
			}
			// The talents' list counts what the figure counts.
			want := map[string]float64{"talents.by_category": set.Get("talents.by_category").Total(),
				"talents.overseas_by_degree": set.Get("talents.by_category").Value("overseas"),
				"talents.by_discipline":      set.Get("talents.by_discipline").Total(),
				"cvs.overseas":               set.Get("cvs.overseas").Total(),
				"video.talents_by_degree":    set.Get("video.talents_by_degree").Total(),
				figures.VideoMatchingRate:    float64(set.Video.Talents)}
			for _, d := range figures.Defs {
				n, ok := want[d.Name]
				if !ok {
					continue
				}
				if n == 0 {
					t.Errorf("%s is 0: the generated data cannot show the list counts it", d.Name)
				}
				_, b := get(t, org, ts.URL+d.RecordsFor(e, true))
				if got := talentTotal.FindStringSubmatch(b); got == nil || got[1] != fmt.Sprint(n) {
					t.Errorf("%s is %v; its list %s counts %v", d.Name, n, d.RecordsFor(e, true), got)
				}
			}
			if resp, b := get(t, org, ts.URL+"/admin/talents?degree=doctorate&edition=x"); resp.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(b, "Choose one of the offered values.") || !strings.Contains(b, "Enter a whole number.") {
				t.Errorf("a talents' list with an unknown degree and edition: %d %.300s", resp.StatusCode, b)
			}

			// The map: every delegation's province on a tile.
			for _, r := range set.Get("delegations.by_province").Rows {
				if r.Key == "foreign" {
					continue
				}
				d, ok := chart.Province(r.Key)
				if !ok {
					t.Errorf("delegations' province %q on no tile", r.Key)
					continue
				}
				tile := fmt.Sprintf(`data-code="%s"><rect`, d.Code)
				title := fmt.Sprintf(`<title>%s: %s</title>`, html.EscapeString(d.EN), chart.Num(r.Value))
				if !strings.Contains(body, tile) || !strings.Contains(body, title) {
					t.Errorf("%s: no tile %s with %s", r.Key, tile, title)
				}
			}
			for _, r := range gen.Regions() {
				if _, ok := chart.Province(r.EN); !ok {
					t.Errorf("the generator's region %s on no tile", r.EN)
				}
				if _, ok := chart.Province(r.ZH); !ok {
					t.Errorf("the generator's region %s on no tile", r.ZH)
				}
			}
			if !strings.Contains(body, `<figure class="chart chart-map" id="chart-provinces">`) || !strings.Contains(body, `<table class="chart-data">`) ||
				!strings.Contains(body, `href="/dashboard/dash.css"`) {
				t.Fatal("no map with its table, or no stylesheet")
			}
			if err := db.SetLocale(bg, u.ID, "zh"); err != nil {
				t.Fatal(err)
			}
			// A new session: sessions are kept 5 s with the account's locale.
			tok := "figures-links-zh-session-0123456789abcdef"
			if err := db.CreateSession(bg, session.Hash(tok), u.ID, time.Hour); err != nil {
				t.Fatal(err)
			}
			orgZH := (&fixture{t: t, ts: ts}).client("")
			su, _ := url.Parse(ts.URL)
			orgZH.Jar.SetCookies(su, []*http.Cookie{{Name: session.Cookie, Value: tok}})
			if _, zh := get(t, orgZH, ts.URL+"/admin/dashboard/figures"); !strings.Contains(zh, `>广东</text>`) || !strings.Contains(zh, `<title>广东省: `) || !strings.Contains(zh, "各省区市代表团") {
				t.Fatalf("the Chinese figures page has no map in Chinese:\n%s", zh)
			}

			// The draft report: the map in both languages; its definitions
			// are its own and the organizer's record lists open.
			for _, lang := range []string{"en", "zh"} {
				resp, draft := get(t, org, fmt.Sprintf("%s/admin/reports/%d?lang=%s", ts.URL, ed, lang))
				label := map[string]string{"en": `>Guangdong</text>`, "zh": `>广东</text>`}[lang]
				if resp.StatusCode != 200 || !strings.Contains(draft, `class="chart chart-map"`) || !strings.Contains(draft, label) ||
					!strings.Contains(draft, `href="#def-delegations.by_province"`) || !strings.Contains(draft, `id="def-delegations.by_province"`) {
					t.Fatalf("draft report (%s) %d: no map or no definitions", lang, resp.StatusCode)
				}
				if strings.Contains(draft, "/admin/dashboard/figures?") {
					t.Error("the report sends its reader to the figures page for definitions")
				}
				for _, l := range links(draft) {
					if strings.HasSuffix(l, "/pdf?lang="+lang) {
						continue // Chromium's (TestReportPDF)
					}
					if resp, _ := follow(t, org, ts.URL+l); resp.StatusCode != 200 {
						t.Errorf("draft report link %s answers %d", l, resp.StatusCode)
					}
				}
			}

			// Anyone's pages: the published report and the big screen.
			f := &fixture{t: t, ts: ts}
			if resp, _ := f.postForm(org, fmt.Sprintf("/admin/reports/%d/publish?lang=en", ed), url.Values{}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("publish %d", resp.StatusCode)
			}
			anon := f.client("")
			for _, p := range []string{fmt.Sprintf("/reports/%d?lang=en", ed), fmt.Sprintf("/reports/%d?lang=zh", ed), "/screen"} {
				resp, page := get(t, anon, ts.URL+p)
				if resp.StatusCode != 200 {
					t.Fatalf("%s %d", p, resp.StatusCode)
				}
				for _, l := range links(page) {
					if strings.Contains(l, "/pdf") {
						continue
					}
					if resp, _ := follow(t, anon, ts.URL+l); resp.StatusCode != 200 {
						t.Errorf("%s links to %s, which answers %d to its reader", p, l, resp.StatusCode)
					}
				}
				if strings.Contains(page, `class="records"`) || strings.Contains(page, "/inbox") || strings.Contains(page, "/admin/gates") {
					t.Errorf("%s shows record lists to anyone", p)
				}
			}
		})
	}
}

package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

// TestDockingFiltersVocabulary: the board's and funnel's field and
// province filters are pick lists of the dockings the reader sees, each
// value once with every spelling counted, in the reader's language;
// choosing one (by key, or a typed spelling in an old link) finds every
// spelling; the board's cards read in the reader's language. On both
// databases, for the organizer and a delegation.
func TestDockingFiltersVocabulary(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		gd := *f.users[delegation].OrgID // its province is "Guangdong"
		org := func(province string) int64 {
			o := f.delegationOf(province)
			mustUser(t, db, "lead@"+itoa(int(o.ID))+".example", model.RoleDelegation, &o.ID) // someone to answer a request
			return o.ID
		}
		gd2, cis := org("广东省"), org("CIS")
		ent := f.client(enterprise)
		var first string // the docking of 生物医药, brought by the Guangdong delegation
		for i, p := range []struct {
			org   int64
			field string
		}{{gd, "生物医药"}, {gd, "Biomedicine"}, {gd2, "biotech"}, {cis, "Aerospace"}} {
			pr := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: &p.org, Title: "Project " + itoa(i), Field: p.field}
			if err := db.CreateProject(bg, &pr); err != nil {
				t.Fatal(err)
			}
			resp, body := f.postForm(ent, "/dockings/request", url.Values{"project_id": {itoa(int(pr.ID))}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("request: %d %s", resp.StatusCode, body)
			}
			if i == 0 {
				first = resp.Header.Get("Location")
			}
		}
		check := func(who, page, name string, want map[string]string) {
			t.Helper()
			got, _ := selectEntries(t, page, name)
			if len(got) != len(want) {
				t.Fatalf("%s: %s filter = %v, want %v", who, name, got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Fatalf("%s: %s filter = %v, want %v", who, name, got, want)
				}
			}
		}
		oc, dc := f.client(organizer), f.client(delegation)
		for _, c := range []struct {
			cl                *http.Client
			who, lang, path   string
			fields, provinces map[string]string
			card              string
		}{
			{oc, "organizer", "zh", "/dockings", map[string]string{"生物医药 (3)": "biomedicine", "Aerospace (1)": "aerospace"}, map[string]string{"广东省 (3)": "GD", "CIS (1)": "cis"}, " · 生物医药 · 广东省 · "},
			{oc, "organizer", "en", "/dockings", map[string]string{"Biomedicine (3)": "biomedicine", "Aerospace (1)": "aerospace"}, map[string]string{"Guangdong (3)": "GD", "CIS (1)": "cis"}, " · Biomedicine · Guangdong · "},
			{oc, "organizer", "zh", "/dockings/funnel", map[string]string{"生物医药 (3)": "biomedicine", "Aerospace (1)": "aerospace"}, map[string]string{"广东省 (3)": "GD", "CIS (1)": "cis"}, ""},
			{dc, "delegation", "en", "/dockings", map[string]string{"Biomedicine (2)": "biomedicine"}, map[string]string{"Guangdong (2)": "GD"}, " · Biomedicine · Guangdong · "},
		} {
			f.setLocale(c.cl, c.lang)
			resp, page := f.do(c.cl, "GET", c.path, "", "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s: %d", c.who, c.path, resp.StatusCode)
			}
			check(c.who+" "+c.lang+" "+c.path, page, "field", c.fields)
			check(c.who+" "+c.lang+" "+c.path, page, "province", c.provinces)
			if c.card != "" && !strings.Contains(page, c.card) {
				t.Fatalf("%s %s: no card reads %q:\n%s", c.who, c.lang, c.card, page)
			}
			if c.card != "" {
				_, page := f.do(c.cl, "GET", first, "", "")
				if want := strings.TrimSuffix(c.card, " · ") + "</dd>"; !strings.Contains(page, want) {
					t.Fatalf("%s %s: the docking's page does not read %q:\n%s", c.who, c.lang, want, page)
				}
			}
		}
		f.setLocale(oc, "en")
		for q, want := range map[string]int{
			"field=biomedicine": 3, "field=Biomedicine": 3, "field=" + url.QueryEscape("生物医药"): 3,
			"province=GD": 3, "province=" + url.QueryEscape("广东省"): 3, "province=guangdong&field=biotech": 3,
			"province=cis": 1, "province=CIS&field=biomedicine": 0, "field=Basket+weaving": 0,
		} {
			_, page := f.do(oc, "GET", "/dockings?"+q, "", "")
			if n := strings.Count(page, `data-docking="`); n != want {
				t.Fatalf("/dockings?%s: %d cards, want %d", q, n, want)
			}
			if _, body := f.json(oc, "GET", "/api/v1/dockings/funnel?"+q, ""); want > 0 && !strings.Contains(body, `"dockings":`+itoa(want)) {
				t.Fatalf("funnel API ?%s: want %d dockings: %s", q, want, body)
			}
		}
		if _, page := f.do(oc, "GET", "/dockings?field=biotech", "", ""); !strings.Contains(page, `<option value="biomedicine" selected>`) {
			t.Fatal("a typed spelling does not select its entry")
		}
	})
}

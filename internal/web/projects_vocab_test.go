package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

// selectEntries reads a page's <select name=name>: each entry's text to
// its value; an entry listed twice fails the test.
func selectEntries(t *testing.T, page, name string) (entries map[string]string, selected string) {
	t.Helper()
	options := regexp.MustCompile(`<option value="([^"]*)"(?: lang="[^"]*")? *(selected)?>([^<]*)</option>`)
	i := strings.Index(page, `<select name="`+name+`"`)
	if i < 0 {
		t.Fatalf("no %s pick list", name)
	}
	sel, _, _ := strings.Cut(page[i:], "</select>")
	entries = map[string]string{}
	for _, m := range options.FindAllStringSubmatch(sel, -1) {
		if m[1] == "" {
			continue
		}
		if _, dup := entries[m[3]]; dup {
			t.Fatalf("%s listed twice in %s", m[3], name)
		}
		entries[m[3]] = m[1]
		if m[2] != "" {
			selected = m[1]
		}
	}
	return entries, selected
}

// TestProjectCatalogueVocabulary: projects whose field or delegation's
// province is spelled in either language (生物医药, Biomedicine, biotech;
// Guangdong, 广东省) give one filter entry each with the summed count, in
// the reader's language, for every role that reads the catalogue;
// choosing it, by key or by an old link's stored spelling, finds every
// spelling; the table shows the reader's label, and a value outside the
// vocabulary stays as typed. On both databases.
func TestProjectCatalogueVocabulary(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		gd := *f.users[delegation].OrgID // its province is "Guangdong"
		org := func(province string) int64 { return f.delegationOf(province).ID }
		gd2, cis := org("广东省"), org("CIS")
		var first int64 // 生物医药, brought by the Guangdong delegation
		for i, p := range []struct {
			org   int64
			field string
		}{{gd, "生物医药"}, {gd, "Biomedicine"}, {gd2, "biotech"}, {gd2, "新能源"}, {cis, "Basket weaving"}, {cis, "Biomedicine"}} {
			pr := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: &p.org, Title: "Project " + itoa(i), Field: p.field}
			if err := db.CreateProject(bg, &pr); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = pr.ID
			}
		}
		for _, c := range []struct {
			role                model.Role
			lang                string
			fields, provinces   map[string]string
			biomedicine, canton string
		}{
			{enterprise, "zh", map[string]string{"生物医药 (4)": "biomedicine", "新能源 (1)": "new_energy", "Basket weaving (1)": "basket weaving"},
				map[string]string{"广东省 (4)": "GD", "CIS (2)": "cis"}, "<td>生物医药</td>", "<td>广东省</td>"},
			{enterprise, "en", map[string]string{"Biomedicine (4)": "biomedicine", "New energy (1)": "new_energy", "Basket weaving (1)": "basket weaving"},
				map[string]string{"Guangdong (4)": "GD", "CIS (2)": "cis"}, "<td>Biomedicine</td>", "<td>Guangdong</td>"},
			{delegation, "zh", map[string]string{"生物医药 (4)": "biomedicine", "新能源 (1)": "new_energy", "Basket weaving (1)": "basket weaving"},
				map[string]string{"广东省 (4)": "GD", "CIS (2)": "cis"}, "<td>生物医药</td>", "<td>广东省</td>"},
			{organizer, "en", map[string]string{"Biomedicine (4)": "biomedicine", "New energy (1)": "new_energy", "Basket weaving (1)": "basket weaving"},
				map[string]string{"Guangdong (4)": "GD", "CIS (2)": "cis"}, "<td>Biomedicine</td>", "<td>Guangdong</td>"},
		} {
			cl := f.client(c.role)
			f.setLocale(cl, c.lang)
			_, page := f.do(cl, "GET", "/projects", "", "")
			for name, want := range map[string]map[string]string{"field": c.fields, "province": c.provinces} {
				got, _ := selectEntries(t, page, name)
				if len(got) != len(want) {
					t.Fatalf("%s %s: %s filter = %v, want %v", c.role, c.lang, name, got, want)
				}
				for k, v := range want {
					if got[k] != v {
						t.Fatalf("%s %s: %s filter = %v, want %v", c.role, c.lang, name, got, want)
					}
				}
			}
			if !strings.Contains(page, c.biomedicine) || !strings.Contains(page, c.canton) || !strings.Contains(page, "<td>"+enOn(c.lang, "Basket weaving")+"</td>") || !strings.Contains(page, "<td>"+enOn(c.lang, "CIS")+"</td>") {
				t.Fatalf("%s %s: the table does not read in the reader's language:\n%s", c.role, c.lang, page)
			}
			// The project's page too.
			_, page = f.do(cl, "GET", "/projects/"+itoa(int(first)), "", "")
			field, prov := strings.TrimSuffix(strings.TrimPrefix(c.biomedicine, "<td>"), "</td>"), strings.TrimSuffix(strings.TrimPrefix(c.canton, "<td>"), "</td>")
			if !strings.Contains(page, "<dd>"+field+"</dd>") || !strings.Contains(page, " · "+prov+"</p>") {
				t.Fatalf("%s %s: the project's page does not read %s, %s:\n%s", c.role, c.lang, field, prov, page)
			}
		}
		// Choosing an entry, by key or by an old link's spelling, finds them all.
		ent := f.client(enterprise)
		f.setLocale(ent, "en")
		for q, want := range map[string]struct {
			n             int
			field, provin string
		}{
			"field=biomedicine":                         {4, "biomedicine", ""},
			"field=Biomedicine":                         {4, "biomedicine", ""},
			"field=" + url.QueryEscape("生物医药"):          {4, "biomedicine", ""},
			"province=CN-GD":                            {4, "", "GD"},
			"province=Guangdong":                        {4, "", "GD"},
			"province=" + url.QueryEscape("广东省"):        {4, "", "GD"},
			"province=Guangdong&field=biomedicine":      {3, "biomedicine", "GD"},
			"field=basket+WEAVING":                      {1, "basket weaving", ""},
			"province=cis&field=biomedicine":            {1, "biomedicine", "cis"},
			"field=Aerospace":                           {0, "", ""},
			"province=" + url.QueryEscape("西藏") + "&q=": {0, "", ""},
		} {
			_, page := f.do(ent, "GET", "/projects?"+q, "", "")
			if n := strings.Count(page, `data-project="`); n != want.n {
				t.Fatalf("/projects?%s lists %d projects, want %d", q, n, want.n)
			}
			_, field := selectEntries(t, page, "field")
			_, prov := selectEntries(t, page, "province")
			if field != want.field || prov != want.provin {
				t.Fatalf("/projects?%s: selected %q and %q, want %q and %q", q, field, prov, want.field, want.provin)
			}
		}
	})
}

// enOn is English-only content as a page in lang shows it: marked
// lang="en" on a Chinese page (issue 12), as it is on an English one.
func enOn(lang, s string) string {
	if lang == "zh" {
		return `<span lang="en">` + s + `</span>`
	}
	return s
}

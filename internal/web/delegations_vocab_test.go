package web

import (
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// TestDelegationsByProvinceVocabulary: the organizer's side-by-side table
// puts delegations whose province is spelled either way (Guangdong, 广东省)
// under one province, named in the organizer's language, with one sum; a
// province the vocabulary does not know keeps its own group as typed. The
// delegation's own page reads its province and its projects' fields in its
// member's language. On both databases.
func TestDelegationsByProvinceVocabulary(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			f := newFixture(t, db) // its delegation's province is "Guangdong"
			for _, prov := range []string{"广东省", "粤", "CIS"} {
				o := model.Organization{Kind: model.OrgDelegation, Name: "Delegation of " + prov, Province: prov, Status: model.OrgApproved}
				if err := db.CreateOrganization(bg, &o); err != nil {
					t.Fatal(err)
				}
			}
			org := f.client(organizer)
			for lang, name := range map[string]string{"en": "Guangdong", "zh": "广东省"} {
				f.setLocale(org, lang)
				_, page := f.do(org, "GET", "/admin/delegations", "", "")
				if n := strings.Count(page, `data-province="GD"`); n != 1 {
					t.Fatalf("%s: Guangdong in %d groups:\n%s", lang, n, page)
				}
				i := strings.Index(page, `data-province="GD"`)
				grp, _, _ := strings.Cut(page[i:], "</tbody>")
				if !strings.Contains(grp, `<tr class="province"><th>`+name+`</th>`) || strings.Count(grp, "data-delegation=") != 3 {
					t.Fatalf("%s: the Guangdong group:\n%s", lang, grp)
				}
				// An English-only province is marked on a Chinese page (issue 12).
				cis := "CIS"
				if lang == "zh" {
					cis = `<span lang="en">CIS</span>`
				}
				if !strings.Contains(page, `<tr class="province"><th>`+cis+`</th>`) {
					t.Fatalf("%s: no CIS group:\n%s", lang, page)
				}
			}
			// The delegation's own page: its province and its projects' fields.
			p := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: f.users[delegation].OrgID, Title: "Drug discovery", Field: "生物医药"}
			if err := db.CreateProject(bg, &p); err != nil {
				t.Fatal(err)
			}
			dc := f.client(delegation)
			for lang, want := range map[string][]string{"en": {`<p class="role">Guangdong</p>`, "<small>Biomedicine</small>"}, "zh": {`<p class="role">广东省</p>`, "<small>生物医药</small>"}} {
				f.setLocale(dc, lang)
				_, page := f.do(dc, "GET", "/delegation", "", "")
				for _, w := range want {
					if !strings.Contains(page, w) {
						t.Fatalf("%s: the delegation's page lacks %q:\n%s", lang, w, page)
					}
				}
			}
		})
	}
}

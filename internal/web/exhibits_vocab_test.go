package web

import (
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// TestExhibitFieldsVocabulary (issue 12): the exhibits catalogue lists each
// field once in the reader's language with every spelling counted, choosing
// one finds the exhibits of every spelling, and a field the vocabulary does
// not know is listed as typed. The API keeps what was stored. On both
// databases.
func TestExhibitFieldsVocabulary(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		park := model.Organization{Kind: model.OrgPark, Name: "Vocab park", Status: model.OrgApproved}
		if err := db.CreateOrganization(bg, &park); err != nil {
			t.Fatal(err)
		}
		for i, field := range []string{"新能源", "New energy", "new energy", "Basket weaving"} {
			if _, err := db.CreateExhibit(bg, store.ExhibitInput{HostOrgID: park.ID, OwnerUserID: f.users[talent].ID, Title: "Exhibit " + itoa(i), Field: field}); err != nil {
				t.Fatal(err)
			}
		}
		anon := f.client("")
		for lang, want := range map[string]map[string]string{
			"zh": {"新能源 (3)": "new_energy", "Basket weaving (1)": "basket weaving"},
			"en": {"New energy (3)": "new_energy", "Basket weaving (1)": "basket weaving"},
		} {
			_, page := f.doLang(anon, "/exhibits", lang)
			got, _ := selectEntries(t, page, "field")
			if len(got) != len(want) {
				t.Fatalf("%s: field filter = %v, want %v", lang, got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Fatalf("%s: field filter = %v, want %v", lang, got, want)
				}
			}
			_, page = f.doLang(anon, "/exhibits?field=new_energy", lang)
			if n := strings.Count(page, "data-exhibit="); n != 3 || strings.Contains(page, "Exhibit 3<") {
				t.Errorf("%s: new energy lists %d exhibits, want 0, 1 and 2:\n%s", lang, n, page)
			}
			if _, sel := selectEntries(t, page, "field"); sel != "new_energy" {
				t.Errorf("%s: the chosen field is %q", lang, sel)
			}
		}
		// Typed in Chinese, the filter still finds every spelling.
		if _, page := f.doLang(anon, "/exhibits?field=新能源", "en"); strings.Count(page, "data-exhibit=") != 3 {
			t.Errorf("field=新能源 does not find the three spellings:\n%s", page)
		}
		if _, body := f.json(anon, "GET", "/api/v1/exhibits", ""); !strings.Contains(body, `"field":"新能源"`) || !strings.Contains(body, `"field":"new energy"`) {
			t.Errorf("the API does not keep what was stored: %s", body)
		}
	})
}

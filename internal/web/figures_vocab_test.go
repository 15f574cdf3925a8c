package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// TestFiguresDisciplinesVocabulary: the figures page breaks talents down by
// discipline with the spellings of one discipline (计算机, Computer
// Science, cs) in one row under its name in the organizer's language; a
// discipline the vocabulary does not know keeps its own row as typed. The
// JSON keeps the stored spellings. On both databases.
func TestFiguresDisciplinesVocabulary(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		for i, d := range []string{"计算机", "Computer Science", "cs", "Basket weaving", "basket weaving ", "Basket weaving"} {
			u := storetest.MustRegister(t, db, "d"+itoa(i)+"@talent.example", model.RoleTalent)
			tal, err := db.TalentByUser(bg, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			tal.Discipline = d
			if err := db.UpdateTalent(bg, &tal); err != nil {
				t.Fatal(err)
			}
		}
		// An edition still open, so the talents just registered count.
		now := time.Now().UTC()
		e := model.Edition{Slug: "ocs-now", Name: "OCS now", City: "Guangzhou", TimeZone: "Asia/Shanghai", StartDate: now.AddDate(0, 0, -1), EndDate: now.AddDate(0, 0, 2)}
		if err := db.CreateEdition(bg, &e, 0); err != nil {
			t.Fatal(err)
		}
		org := f.client(organizer)
		if resp, _ := f.postForm(org, "/admin/edition", url.Values{"edition_id": {itoa(int(e.ID))}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("switch: %d", resp.StatusCode)
		}
		for lang, c := range map[string]struct{ want, not []string }{
			"en": {[]string{"<li>Computer science: 3</li>", "<li>Basket weaving: 3</li>"}, []string{"<li>cs:", "<li>计算机:", "<li>basket weaving"}},
			"zh": {[]string{"<li>计算机科学与技术: 3</li>", `<li><span lang="en">Basket weaving</span>: 3</li>`}, []string{"<li>Computer Science:", "<li>计算机:"}},
		} {
			f.setLocale(org, lang)
			resp, body := f.do(org, "GET", "/admin/dashboard/figures", "", "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", lang, resp.StatusCode)
			}
			i := strings.Index(body, `id="fig-talents.by_discipline"`)
			if i < 0 {
				t.Fatalf("%s: no discipline figure", lang)
			}
			row, _, _ := strings.Cut(body[i:], "</details>")
			for _, w := range c.want {
				if !strings.Contains(row, w) {
					t.Fatalf("%s: no %q in\n%s", lang, w, row)
				}
			}
			for _, w := range c.not {
				if strings.Contains(row, w) {
					t.Fatalf("%s: %q shown in\n%s", lang, w, row)
				}
			}
		}
		_, body := f.json(org, "GET", "/api/v1/figures/edition?edition_id="+itoa(int(e.ID)), "")
		if !strings.Contains(body, `"key":"cs"`) {
			t.Fatalf("the API does not keep the stored spellings: %.2000s", body)
		}
	})
}

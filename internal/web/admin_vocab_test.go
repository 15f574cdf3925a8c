package web

import (
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// TestAdminSearchVocabulary: the organizer's search finds a city or
// province in either language, and shows a talent's
// discipline, a post's city and industry and a delegation's province in the
// organizer's language (as typed when the vocabulary does not know them),
// and so does the organizations list; the API keeps what was stored. On
// both databases.
func TestAdminSearchVocabulary(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		u := storetest.MustRegister(t, db, "vocab@talent.example", model.RoleTalent)
		tal, err := db.TalentByUser(bg, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		tal.Name, tal.Discipline = "Vocab Person", "计算机"
		if err := db.UpdateTalent(bg, &tal); err != nil {
			t.Fatal(err)
		}
		p := model.Post{OrgID: *f.users[enterprise].OrgID, FairID: f.fair.ID, Title: "Vocab post", City: "广州市", Industry: "Smart manufacturing", MinDegree: model.DegreeBachelor, Headcount: 1}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		if err := db.CreatePost(bg, &p); err != nil {
			t.Fatal(err)
		}
		for _, prov := range []string{"广东省", "Atlantis"} {
			o := model.Organization{Kind: model.OrgDelegation, Name: "Vocab delegation of " + prov, Province: prov, Status: model.OrgApproved}
			if err := db.CreateOrganization(bg, &o); err != nil {
				t.Fatal(err)
			}
		}
		org := f.client(organizer)
		for lang, want := range map[string][]string{
			"en": {"Computer science</small>", "Guangzhou · Intelligent manufacturing</small>", " · Guangdong · ", " · Atlantis · "},
			"zh": {"计算机科学与技术</small>", "广州 · 智能制造</small>", " · 广东省 · ", ` · <span lang="en">Atlantis</span> · `},
		} {
			f.setLocale(org, lang)
			_, page := f.do(org, "GET", "/admin/search?q=vocab", "", "")
			for _, w := range want {
				if !strings.Contains(page, w) {
					t.Fatalf("%s search: no %q in\n%s", lang, w, page)
				}
			}
			_, page = f.do(org, "GET", "/admin/orgs?kind=delegation", "", "")
			if !strings.Contains(page, "<small>"+strings.Trim(want[2], " ·")+"</small>") {
				t.Fatalf("%s organizations: no %q in\n%s", lang, want[2], page)
			}
		}
		// A place typed in the other language finds what was stored in
		// this one. (A discipline's synonyms are not searched: "Computer
		// Science" names 计算机科学与技术, which 计算机 does not contain.)
		f.setLocale(org, "en")
		for q, want := range map[string]string{"Guangzhou": "Vocab post", "guangdong": "Vocab delegation of 广东省", "广州": "Vocab post"} {
			if _, page := f.do(org, "GET", "/admin/search?q="+q, "", ""); !strings.Contains(page, want) {
				t.Errorf("search for %s: no %q", q, want)
			}
		}
		if _, body := f.json(org, "GET", "/api/v1/search?q=vocab", ""); !strings.Contains(body, `"计算机"`) || !strings.Contains(body, `"广州市"`) {
			t.Fatalf("the API does not keep what was stored: %s", body)
		}
	})
}

package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

func init() {
	expect(map[string]string{
		"GET /admin/exhibits/import":        "organizer",
		"POST /admin/exhibits/import":       "organizer",
		"GET /admin/exhibits/template.xlsx": "organizer",
	})
}

// TestImportExhibits: the organizer's exhibits page links to the import; a
// file with a bad row, or naming an owner or booth the database does not
// know, imports nothing and lists every problem by row and column in the
// user's language, the host kept; a good file imports whole; other roles
// are refused.
func TestImportExhibits(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		v := model.Venue{EditionID: f.edition.ID, Name: "Pazhou"}
		if err := db.CreateVenue(bg, &v); err != nil {
			t.Fatal(err)
		}
		h := model.Hall{VenueID: v.ID, Name: "Hall 1"}
		if err := db.CreateHall(bg, &h); err != nil {
			t.Fatal(err)
		}
		ar := model.Area{HallID: h.ID, Kind: model.AreaResearch, Name: "Research"}
		if err := db.CreateArea(bg, &ar); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateBooth(bg, &model.Booth{AreaID: ar.ID, Code: "R-001", AreaM2: 9}); err != nil {
			t.Fatal(err)
		}
		park := model.Organization{Kind: model.OrgPark, Name: "Torch park", NameZH: "火炬园区", Status: model.OrgApproved}
		if err := db.CreateOrganization(bg, &park); err != nil {
			t.Fatal(err)
		}
		host := strconv.FormatInt(park.ID, 10)
		count := func() int {
			xs, err := db.Exhibits(bg, store.ExhibitFilter{HostID: park.ID})
			if err != nil {
				t.Fatal(err)
			}
			return len(xs)
		}
		org := f.client(model.RoleOrganizer)
		if _, body := f.do(org, "GET", "/exhibits", "", ""); !strings.Contains(body, `href="/admin/exhibits/import"`) {
			t.Fatal("the organizer's exhibits page does not link to the import")
		}
		if _, body := f.do(f.client(model.RoleTalent), "GET", "/exhibits", "", ""); strings.Contains(body, `/admin/exhibits/import`) {
			t.Fatal("a talent is shown the import")
		}
		if resp, body := f.do(org, "GET", "/admin/exhibits/import", "", ""); resp.StatusCode != 200 || !strings.Contains(body, `value="`+host+`"`) {
			t.Fatalf("form: %d %s", resp.StatusCode, body)
		}

		for _, c := range []struct {
			name, file string
			want       []string
		}{
			{"bad rows", "title,owner_email,booth\nGood,talent@test.example,R-001\n,nobody,\n", []string{"row 3 · title", "row 3 · owner_email"}},
			{"unknown owner and booth", "title,owner_email,booth\nGood,talent@test.example,R-001\nOrphan,nobody@test.example,\nLost,talent@test.example,Z-9\n",
				[]string{"row 3 · owner_email: No account has this e-mail address", "row 4 · booth: This edition has no booth with this code."}},
		} {
			ctype, body := importBody(t, map[string]string{"org_id": host}, []byte(c.file), "x.csv")
			resp, page := f.do(org, "POST", "/admin/exhibits/import", ctype, body)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `value="`+host+`" selected`) {
				t.Fatalf("%s: %d %s", c.name, resp.StatusCode, page)
			}
			for _, w := range c.want {
				if !strings.Contains(page, w) {
					t.Fatalf("%s: no %q in %s", c.name, w, page)
				}
			}
			if n := count(); n != 0 {
				t.Fatalf("%s: a refused file imported %d exhibits", c.name, n)
			}
		}
		ctype, body := importBody(t, map[string]string{"org_id": "999999"}, []byte("title,owner_email\nX,talent@test.example\n"), "x.csv")
		if resp, _ := f.do(org, "POST", "/admin/exhibits/import", ctype, body); resp.StatusCode != http.StatusUnprocessableEntity || count() != 0 {
			t.Fatalf("unknown host: %d", resp.StatusCode)
		}

		// The template is a workbook that reads; its example owner has
		// no account here, said in Chinese to a Chinese reader.
		resp, xlsx := f.do(org, "GET", "/admin/exhibits/template.xlsx", "", "")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(xlsx, "PK") {
			t.Fatalf("template: %d", resp.StatusCode)
		}
		f.setLocale(org, "zh")
		ctype, body = importBody(t, map[string]string{"org_id": host}, []byte(xlsx), "t.xlsx")
		if resp, page := f.do(org, "POST", "/admin/exhibits/import", ctype, body); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "row 2 · owner_email: 没有使用此邮箱的账号") || !strings.Contains(page, "导入展品") {
			t.Fatalf("template import: %d %s", resp.StatusCode, page)
		}

		good := "展品名称,中文名称,简介,领域,负责人邮箱,展位号\nSatellite imaging,卫星成像,Small satellites,Aerospace,Talent@Test.example,r-001\n,智能电网,,Energy,talent@test.example,\n"
		ctype, body = importBody(t, map[string]string{"org_id": host}, []byte(good), "x.csv")
		if resp, page := f.do(org, "POST", "/admin/exhibits/import", ctype, body); resp.StatusCode != http.StatusSeeOther ||
			resp.Header.Get("Location") != "/exhibits?imported=2" {
			t.Fatalf("good file: %d %s", resp.StatusCode, page)
		}
		xs, _ := db.Exhibits(bg, store.ExhibitFilter{HostID: park.ID})
		if len(xs) != 2 || xs[0].BoothCode != "R-001" || xs[0].OwnerUserID != f.users[model.RoleTalent].ID || xs[1].Title != "智能电网" {
			t.Fatalf("imported: %+v", xs)
		}

		for _, role := range []model.Role{model.RoleEnterprise, model.RoleDelegation, model.RoleTalent} {
			c := f.client(role)
			if resp, _ := f.do(c, "GET", "/admin/exhibits/import", "", ""); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("%s form: %d", role, resp.StatusCode)
			}
			ctype, body := importBody(t, map[string]string{"org_id": host}, []byte(good), "x.csv")
			if resp, _ := f.do(c, "POST", "/admin/exhibits/import", ctype, body); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("%s import: %d", role, resp.StatusCode)
			}
		}
		if n := count(); n != 2 {
			t.Fatalf("refused imports saved: %d exhibits", n)
		}
	})
}

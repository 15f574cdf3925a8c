package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
)

func init() {
	expect(map[string]string{
		"GET /dockings":                           "organizer delegation enterprise talent",
		"GET /dockings/request":                   "delegation enterprise talent",
		"POST /dockings/request":                  "delegation enterprise talent",
		"GET /dockings/funnel":                    "organizer",
		"GET /dockings/export.csv":                "organizer",
		"GET /dockings/export.xlsx":               "organizer",
		"GET /admin/projects/import":              "organizer",
		"POST /admin/projects/import":             "organizer",
		"GET /admin/projects/template.xlsx":       "organizer",
		"GET /dockings/{id}":                      "organizer delegation enterprise talent",
		"POST /dockings/{id}/propose":             "delegation enterprise talent",
		"POST /dockings/{id}/confirm":             "delegation enterprise talent",
		"POST /dockings/{id}/reject":              "delegation enterprise talent",
		"POST /dockings/{id}/record":              "organizer",
		"GET /api/v1/dockings/funnel":             "organizer",
		"GET /api/v1/dockings/board":              "organizer delegation enterprise talent",
		"GET /delegation":                         "delegation",
		"POST /delegation/members":                "delegation",
		"GET /delegation/figures.csv":             "delegation",
		"GET /admin/delegations":                  "organizer",
		"GET /admin/delegations.csv":              "organizer",
		"GET /api/v1/delegations/figures":         "delegation organizer",
		"GET /exhibits":                           "anyone",
		"GET /exhibits/{id}":                      "anyone",
		"GET /exhibits/{id}/qr.png":               "anyone",
		"POST /exhibits/{id}/contact":             "anyone",
		"GET /me/exhibits":                        "signed-in",
		"POST /me/exhibits/messages/{id}/docking": "signed-in",
		"GET /api/v1/exhibits":                    "anyone",
	})
}

// TestDockingFlow: a delegation asks a park for a negotiation through the
// page, the park accepts and proposes a preliminary agreement, the
// delegation confirms; boards, the delegation's figures and the organizer's
// funnel count it; another delegation sees nothing of it; an exhibit's page
// opened from its QR relays a message to its owner without showing the
// owner's address. On both databases, in both languages.
func TestDockingFlow(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		deleg := f.users[delegation]
		park := model.Organization{Kind: model.OrgPark, Name: "Nansha Park", NameZH: "南沙园区", Status: model.OrgApproved}
		if err := db.CreateOrganization(bg, &park); err != nil {
			t.Fatal(err)
		}
		f.users[enterprise] = mustUser(t, db, "park@test.example", model.RoleEnterprise, &park.ID)
		p := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: deleg.OrgID, Title: "Satellite imaging", TitleZH: "卫星成像", Field: "Aerospace"}
		if err := db.CreateProject(bg, &p); err != nil {
			t.Fatal(err)
		}
		dc, pc, oc := f.client(delegation), f.client(enterprise), f.client(organizer)

		resp, body := f.postForm(dc, "/dockings/request", url.Values{"project_id": {itoa(int(p.ID))}, "org_id": {itoa(int(park.ID))}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("request: %d %s", resp.StatusCode, body)
		}
		page := resp.Header.Get("Location")
		id, _ := strconv.ParseInt(strings.TrimPrefix(page, "/dockings/"), 10, 64)
		reqs, _ := db.DockingRequests(bg, id)
		if len(reqs) != 1 {
			t.Fatalf("requests %+v", reqs)
		}
		if err := db.AnswerMeetingRequest(bg, reqs[0].ID, f.users[enterprise].ID, true); err != nil {
			t.Fatal(err)
		}
		v, _ := db.Docking(bg, id, deleg.ID)
		resp, body = f.postForm(pc, page+"/propose", url.Values{"version": {itoa(int(v.Version))}, "stage": {"cooperative_intention"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `data-field="note"`) {
			t.Fatalf("skip without a reason: %d", resp.StatusCode)
		}
		resp, body = f.postForm(pc, page+"/propose", url.Values{"version": {itoa(int(v.Version))}, "stage": {"preliminary_agreement"}, "note": {"phase 2"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("propose: %d %s", resp.StatusCode, body)
		}
		if resp, body = f.do(dc, "GET", page, "", ""); resp.StatusCode != 200 || !strings.Contains(body, `id="confirm"`) {
			t.Fatalf("owner's page: %d %s", resp.StatusCode, body)
		}
		v, _ = db.Docking(bg, id, deleg.ID)
		if resp, body = f.postForm(dc, page+"/confirm", url.Values{"version": {itoa(int(v.Version))}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d %s", resp.StatusCode, body)
		}
		if resp, body = f.do(pc, "GET", page, "", ""); !strings.Contains(body, `data-stage="preliminary_agreement"`) || !strings.Contains(body, "phase 2") {
			t.Fatalf("park's page after confirm: %d %s", resp.StatusCode, body)
		}
		// Boards: the delegation's shows it; another delegation's does not
		// and its page is not found.
		if _, body = f.do(dc, "GET", "/dockings", "", ""); !strings.Contains(body, `data-docking="`+itoa(int(id))+`"`) {
			t.Fatalf("delegation board: %s", body)
		}
		otherOrg := model.Organization{Kind: model.OrgDelegation, Name: "Other", Province: "Hunan", Status: model.OrgApproved}
		db.CreateOrganization(bg, &otherOrg)
		f.users[model.RoleGate] = mustUser(t, db, "other@deleg.example", model.RoleDelegation, &otherOrg.ID) // the slot of a role not used here
		xc := f.client(model.RoleGate)
		if _, body = f.do(xc, "GET", "/dockings", "", ""); strings.Contains(body, `data-docking="`) {
			t.Fatalf("another delegation's board shows dockings")
		}
		if resp, body = f.do(xc, "GET", page, "", ""); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "phase 2") {
			t.Fatalf("another delegation reads the docking: %d", resp.StatusCode)
		}
		// The delegation's figures and the organizer's funnel count it.
		if _, body = f.do(dc, "GET", "/delegation", "", ""); !strings.Contains(body, `data-figure="agreements">1<`) {
			t.Fatalf("delegation page: %s", body)
		}
		if _, body = f.do(oc, "GET", "/dockings/funnel", "", ""); !strings.Contains(body, `data-stage="preliminary_agreement">1 `) {
			t.Fatalf("funnel: %s", body)
		}
		if resp, body = f.do(oc, "GET", "/admin/delegations", "", ""); resp.StatusCode != 200 || !strings.Contains(body, `data-delegation="`+itoa(int(*deleg.OrgID))+`"`) {
			t.Fatalf("side by side: %d %s", resp.StatusCode, body)
		}
		if resp, body = f.do(oc, "GET", "/dockings/export.csv?source=delegation", "", ""); resp.StatusCode != 200 || !strings.Contains(body, "Satellite imaging") || !strings.Contains(body, ",preliminary_agreement,") {
			t.Fatalf("pipeline export: %d %s", resp.StatusCode, body)
		}
		// The same rows as a workbook.
		resp, body = f.do(oc, "GET", "/dockings/export.xlsx?source=delegation", "", "")
		wb, err := excelize.OpenReader(strings.NewReader(body))
		if resp.StatusCode != 200 || err != nil {
			t.Fatalf("pipeline workbook: %d %v", resp.StatusCode, err)
		}
		rows, _ := wb.GetRows("dockings")
		if len(rows) < 2 || rows[0][2] != "title" || !slices.ContainsFunc(rows[1:], func(r []string) bool {
			return slices.Contains(r, "Satellite imaging") && slices.Contains(r, "preliminary_agreement")
		}) {
			t.Fatalf("pipeline workbook rows %q", rows)
		}
		if resp, body = f.json(oc, "GET", "/api/v1/dockings/funnel", ""); resp.StatusCode != 200 || !strings.Contains(body, `"preliminary_agreement":1`) {
			t.Fatalf("funnel API: %d %s", resp.StatusCode, body)
		}
		// Each role's home links to its pages.
		for _, role := range []model.Role{organizer, delegation, enterprise, talent} {
			home := "/me"
			if role == organizer {
				home = "/admin"
			}
			if _, body = f.do(f.client(role), "GET", home, "", ""); !strings.Contains(body, `id="dash-dockings"`) {
				t.Fatalf("%s's home has no docking link", role)
			}
		}

		// Exhibits: opened from the QR, a message relayed.
		owner := f.users[talent]
		xid, err := db.CreateExhibit(bg, store.ExhibitInput{HostOrgID: park.ID, OwnerUserID: owner.ID, Title: "Solid-state battery prototype", TitleZH: "固态电池样机", Field: "New energy"})
		if err != nil {
			t.Fatal(err)
		}
		anon := f.client("")
		if _, body = f.doLang(anon, "/exhibits?q=battery", "zh"); !strings.Contains(body, "固态电池样机") {
			t.Fatalf("catalogue: %s", body)
		}
		resp, body = f.do(anon, "GET", "/exhibits/"+itoa(int(xid))+"/qr.png", "", "")
		link, err := qr.DecodePNG([]byte(body))
		if resp.StatusCode != 200 || err != nil {
			t.Fatalf("qr: %d %v", resp.StatusCode, err)
		}
		u, _ := url.Parse(link)
		if _, body = f.do(anon, "GET", u.RequestURI(), "", ""); !strings.Contains(body, `id="from-qr"`) || strings.Contains(body, owner.Email) {
			t.Fatalf("exhibit page from QR: %s", body)
		}
		if _, body = f.do(anon, "GET", "/exhibits/"+itoa(int(xid))+"?qr=forged", "", ""); strings.Contains(body, `id="from-qr"`) {
			t.Fatal("a forged QR signature is believed")
		}
		if resp, _ = f.postForm(anon, "/exhibits/"+itoa(int(xid))+"/contact", url.Values{"from_name": {"Visitor"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("empty message: %d", resp.StatusCode)
		}
		if resp, body = f.postForm(pc, "/exhibits/"+itoa(int(xid))+"/contact", url.Values{"from_name": {"Park Officer"}, "body": {"We would host your pilot line."}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("contact: %d %s", resp.StatusCode, body)
		}
		tc := f.client(talent)
		if _, body = f.do(tc, "GET", "/me/exhibits", "", ""); !strings.Contains(body, "We would host your pilot line.") {
			t.Fatalf("owner's messages: %s", body)
		}
		if _, body = f.do(pc, "GET", "/me/exhibits", "", ""); strings.Contains(body, "pilot line") {
			t.Fatal("the sender reads the owner's messages")
		}
		// zh pages render.
		for _, path := range []string{"/dockings", page, "/dockings/request"} {
			f.setLocale(dc, "zh")
			if resp, body = f.do(dc, "GET", path, "", ""); resp.StatusCode != 200 || !strings.Contains(body, "对接") {
				t.Fatalf("zh %s: %d", path, resp.StatusCode)
			}
		}
	})
}

func mustUser(t *testing.T, db *store.DB, email string, role model.Role, org *int64) model.User {
	t.Helper()
	u := model.User{Email: email, Name: "N " + email, Role: role, OrgID: org, Locale: "en"}
	if err := db.CreateUser(bg, &u, testHash); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestImportProjects: the funnel links to the import; a file with a bad row
// imports nothing and shows every problem with the choices kept; the
// template imports whole for the chosen delegation and source.
func TestImportProjects(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		org := f.client(model.RoleOrganizer)
		if _, body := f.do(org, "GET", "/dockings/funnel", "", ""); !strings.Contains(body, `href="/admin/projects/import"`) {
			t.Fatal("the funnel does not link to the import")
		}
		deleg := strconv.FormatInt(*f.users[model.RoleDelegation].OrgID, 10)
		count := func() int {
			ps, err := db.ListProjects(bg, store.ProjectFilter{OrgID: *f.users[model.RoleDelegation].OrgID})
			if err != nil {
				t.Fatal(err)
			}
			return len(ps)
		}
		before := count()
		ctype, body := importBody(t, map[string]string{"source": "delegation", "org_id": deleg}, []byte("title,stage\nGood one,idea\n,moonshot\n"), "p.csv")
		resp, page := f.do(org, "POST", "/admin/projects/import", ctype, body)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "row 3 · title") || !strings.Contains(page, "row 3 · stage") ||
			!strings.Contains(page, `value="`+deleg+`" selected`) {
			t.Fatalf("bad file: %d %s", resp.StatusCode, page)
		}
		if n := count(); n != before {
			t.Fatalf("a bad file imported %d projects", n-before)
		}
		ctype, body = importBody(t, map[string]string{"source": "expert_program", "org_id": "999999"}, []byte("title\nX\n"), "p.csv")
		if resp, _ := f.do(org, "POST", "/admin/projects/import", ctype, body); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("unknown organization: %d", resp.StatusCode)
		}
		resp, xlsx := f.do(org, "GET", "/admin/projects/template.xlsx", "", "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("template: %d", resp.StatusCode)
		}
		ctype, body = importBody(t, map[string]string{"source": "delegation", "org_id": deleg}, []byte(xlsx), "t.xlsx")
		if resp, page := f.do(org, "POST", "/admin/projects/import", ctype, body); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("template import: %d %s", resp.StatusCode, page)
		}
		ps, _ := db.ListProjects(bg, store.ProjectFilter{OrgID: *f.users[model.RoleDelegation].OrgID})
		if len(ps) != before+1 || ps[0].TitleZH != "固态电池" || ps[0].Source != model.SourceDelegation {
			t.Fatalf("imported: %+v", ps)
		}
	})
}

// TestImportProjectsUnmapped: a project file whose fields the vocabulary
// does not know still imports, and the organizer hears of them by row in
// their language; a file of known fields (any spelling) goes to the funnel.
func TestImportProjectsUnmapped(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		org := f.client(model.RoleOrganizer)
		deleg := strconv.FormatInt(*f.users[model.RoleDelegation].OrgID, 10)
		form := map[string]string{"source": "delegation", "org_id": deleg}
		f.setLocale(org, "zh")
		ctype, body := importBody(t, form, []byte("title,field\nA,新能源\nB,Aerospace\nC,clean energy\nD,Basket weaving\n"), "p.csv")
		resp, page := f.do(org, "POST", "/admin/projects/import", ctype, body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(page, `id="import-unmapped"`) || !strings.Contains(page, "已导入 4 个项目") ||
			!strings.Contains(page, "<li>第 3 行 · 领域：Aerospace</li>") || !strings.Contains(page, "<li>第 5 行 · 领域：Basket weaving</li>") ||
			strings.Contains(page, "clean energy</li>") || strings.Contains(page, "新能源</li>") {
			t.Fatalf("page: %d\n%s", resp.StatusCode, page)
		}
		ps, _ := db.ListProjects(bg, store.ProjectFilter{OrgID: *f.users[model.RoleDelegation].OrgID})
		if len(ps) < 4 || ps[0].Field != "Basket weaving" || ps[3].Field != "新能源" {
			t.Fatalf("not imported as typed: %+v", ps)
		}
		f.setLocale(org, "en")
		ctype, body = importBody(t, form, []byte("title,field\nE,Aerospace\n"), "p.csv")
		if _, page := f.do(org, "POST", "/admin/projects/import", ctype, body); !strings.Contains(page, "<li>row 2 · Field: Aerospace</li>") {
			t.Fatalf("English page:\n%s", page)
		}
		ctype, body = importBody(t, form, []byte("title,field\nF,新能源汽车产业\n"), "p.csv")
		if resp, _ := f.do(org, "POST", "/admin/projects/import", ctype, body); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("known fields: %d, want a redirect to the funnel", resp.StatusCode)
		}
	})
}

// TestDockingRequestPreselect: the owner's project page links to the
// negotiation request with the project preselected; a project the viewer may
// not pick (another delegation's) is ignored, not preselected nor shown; a
// rejected request keeps the chosen project. On both databases.
func TestDockingRequestPreselect(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		deleg := f.users[delegation]
		own := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: deleg.OrgID, Title: "Satellite imaging", TitleZH: "卫星成像", Field: "Aerospace"}
		also := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: deleg.OrgID, Title: "Drone mapping", Field: "Aerospace"}
		otherOrg := model.Organization{Kind: model.OrgDelegation, Name: "Other", Province: "Hunan", Status: model.OrgApproved}
		if err := db.CreateOrganization(bg, &otherOrg); err != nil {
			t.Fatal(err)
		}
		theirs := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: &otherOrg.ID, Title: "Their secret", Field: "Aerospace"}
		for _, p := range []*model.Project{&own, &also, &theirs} {
			if err := db.CreateProject(bg, p); err != nil {
				t.Fatal(err)
			}
		}
		dc := f.client(delegation)
		sel := func(id int64) string { return `<option value="` + itoa(int(id)) + `" selected` }

		_, body := f.do(dc, "GET", "/projects/"+itoa(int(own.ID)), "", "")
		link := `href="/dockings/request?project_id=` + itoa(int(own.ID)) + `"`
		if !strings.Contains(body, link) {
			t.Fatalf("owner's project page has no request link %s:\n%s", link, body)
		}
		resp, body := f.do(dc, "GET", "/dockings/request?project_id="+itoa(int(own.ID)), "", "")
		if resp.StatusCode != 200 || !strings.Contains(body, sel(own.ID)) || strings.Contains(body, sel(also.ID)) {
			t.Fatalf("preselected form: %d\n%s", resp.StatusCode, body)
		}
		for _, q := range []string{itoa(int(theirs.ID)), "nonsense", ""} {
			resp, body = f.do(dc, "GET", "/dockings/request?project_id="+q, "", "")
			if resp.StatusCode != 200 || strings.Contains(body, " selected") || strings.Contains(body, "Their secret") {
				t.Fatalf("project_id=%q must be ignored: %d\n%s", q, resp.StatusCode, body)
			}
		}
		// No counterpart chosen: the form comes back with the project kept.
		resp, body = f.postForm(dc, "/dockings/request", url.Values{"project_id": {itoa(int(also.ID))}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, sel(also.ID)) {
			t.Fatalf("rejected request: %d\n%s", resp.StatusCode, body)
		}
		// An enterprise does not own it: no request link on its page.
		if _, body = f.do(f.client(organizer), "GET", "/projects/"+itoa(int(own.ID)), "", ""); strings.Contains(body, `id="ask-negotiation"`) {
			t.Fatalf("organizer sees the owner's request link")
		}
	})
}

package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

func init() {
	expect(map[string]string{
		"GET /projects":            "enterprise delegation organizer",
		"GET /projects/{id}":       "enterprise delegation organizer talent",
		"GET /projects/{id}/edit":  "talent delegation organizer",
		"POST /projects/{id}/edit": "talent delegation organizer",
		"POST /projects/{id}/deck": "talent delegation organizer",
		"GET /projects/{id}/deck":  "enterprise delegation organizer talent",
	})
}

// tinyPDF passes model.CheckPDF.
var tinyPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n")

// upload posts one file as the form field "file".
func (f *fixture) upload(c *http.Client, path, name string, content []byte) (*http.Response, string) {
	f.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		f.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return f.do(c, "POST", path, mw.FormDataContentType(), b.String())
}

// TestProjectEdit: the owner's edit form comes pre-filled, bad input comes
// back with each field's problem and changes nothing, good input is saved
// and shown on the project's page (in the reader's language); another
// owner finds no project; a withdrawn one cannot be edited.
func TestProjectEdit(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) { testProjectEdit(t, b.Open(t)) })
	}
}

func testProjectEdit(t *testing.T, db *store.DB) {
	f := newFixture(t, db)
	tal, del := f.client(talent), f.client(delegation)
	resp, body := f.postForm(tal, "/my/projects", url.Values{"title": {"Solid-state battery"}, "stage": {"prototype"}, "field": {"Energy"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	id := lastID(t, resp)
	edit := "/projects/" + id + "/edit"
	if _, body := f.do(tal, "GET", "/my/projects", "", ""); !strings.Contains(body, `href="`+edit+`"`) {
		t.Fatal("no edit link on /my/projects")
	}
	resp, body = f.do(tal, "GET", edit, "", "")
	if resp.StatusCode != 200 || !strings.Contains(body, `value="Solid-state battery"`) || !strings.Contains(body, `<option value="prototype" selected>`) ||
		!strings.Contains(body, `<option value="public" selected>`) || !strings.Contains(body, `id="deck-form"`) {
		t.Fatalf("edit form: %d\n%s", resp.StatusCode, body)
	}
	// Bad input: every problem at once, the typed values kept, nothing saved.
	resp, body = f.postForm(tal, edit, url.Values{"title": {""}, "title_zh": {""}, "team": {"Li Wei"}, "stage": {"idea"},
		"ip_status": {"patented"}, "visibility": {"friends"}, "funding_sought": {"lots"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad input: %d", resp.StatusCode)
	}
	if n := strings.Count(body, `class="err"`); n < 4 || !strings.Contains(body, ">Li Wei</textarea>") {
		t.Fatalf("bad input: %d field problems, or the form lost the typed team\n%s", n, body)
	}
	if p, _ := db.LoadProject(bg, mustAtoi(t, id)); p.Title != "Solid-state battery" || p.Team != "" || p.Stage != "prototype" {
		t.Fatalf("bad input changed the project: %+v", p)
	}
	good := url.Values{"title": {"Solid-state battery"}, "title_zh": {"固态电池"}, "summary": {"Safer cells."}, "summary_zh": {"更安全的电芯。"},
		"team": {"Li Wei (CEO)"}, "field": {"Energy"}, "stage": {"revenue"}, "ip_status": {"granted"}, "funding_sought": {"5000000"}, "visibility": {"public"}}
	resp, _ = f.postForm(tal, edit, good)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/projects/"+id {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = f.do(tal, "GET", "/projects/"+id, "", "")
	for _, want := range []string{"Safer cells.", "Li Wei (CEO)", "Patent or copyright granted", `id="edit-project"`} {
		if !strings.Contains(body, want) {
			t.Fatalf("project page lacks %q:\n%s", want, body)
		}
	}
	f.setLocale(tal, "zh")
	if _, body := f.do(tal, "GET", "/projects/"+id, "", ""); !strings.Contains(body, "更安全的电芯。") || !strings.Contains(body, "已有收入") {
		t.Fatalf("the Chinese page:\n%s", body)
	}
	// Another owner finds no project, to read its form or to change it.
	if resp, _ := f.do(del, "GET", edit, "", ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another owner's GET: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(del, edit, good); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another owner's POST: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(tal, "/projects/"+id+"/withdraw", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(tal, edit, good); resp.StatusCode != http.StatusConflict {
		t.Fatalf("editing a withdrawn project: %d", resp.StatusCode)
	}
	if _, body := f.do(tal, "GET", edit, "", ""); strings.Contains(body, `id="project-edit"`) || !strings.Contains(body, `id="project-withdrawn"`) {
		t.Fatal("a withdrawn project's edit page still offers the form")
	}
}

// TestProjectDeck: a deck that is not a PDF is refused on the edit page;
// a PDF is stored and downloaded by those who may see the project, and by
// no one else.
func TestProjectDeck(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		tal, ent, del := f.client(talent), f.client(enterprise), f.client(delegation)
		resp, body := f.postForm(tal, "/my/projects", url.Values{"title": {"Battery"}, "stage": {"idea"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %s", resp.StatusCode, body)
		}
		id := lastID(t, resp)
		deck := "/projects/" + id + "/deck"
		resp, body = f.upload(tal, deck, "deck.png", []byte("\x89PNG\r\n\x1a\n not a pdf"))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="deck-error"`) || !strings.Contains(body, "The deck must be a PDF file.") {
			t.Fatalf("not a PDF: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ := f.upload(tal, deck, "", nil); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("no file: %d", resp.StatusCode)
		}
		if resp, _ := f.do(tal, "GET", deck, "", ""); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("no deck yet: %d", resp.StatusCode)
		}
		if resp, _ := f.upload(del, deck, "pitch.pdf", tinyPDF); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another owner uploads: %d", resp.StatusCode)
		}
		resp, _ = f.upload(tal, deck, "路演 pitch.pdf", tinyPDF)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		for name, c := range map[string]*http.Client{"owner": tal, "enterprise": ent, "delegation": del, "organizer": f.client(organizer)} {
			resp, body := f.do(c, "GET", deck, "", "")
			if resp.StatusCode != 200 || body != string(tinyPDF) || resp.Header.Get("Content-Type") != "application/pdf" ||
				!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
				t.Fatalf("%s downloads: %d %q", name, resp.StatusCode, resp.Header.Get("Content-Disposition"))
			}
		}
		if _, body := f.do(ent, "GET", "/projects/"+id, "", ""); !strings.Contains(body, `href="`+deck+`"`) {
			t.Fatal("no deck link on the project's page")
		}
		// Private: the enterprise and the other delegation no longer see it.
		p, _ := db.LoadProject(bg, mustAtoi(t, id))
		p.Visibility = model.VisibilityPrivate
		if err := db.UpdateProject(bg, &p, f.users[talent].ID); err != nil {
			t.Fatal(err)
		}
		for _, c := range []*http.Client{ent, del} {
			for _, path := range []string{deck, "/projects/" + id} {
				if resp, _ := f.do(c, "GET", path, "", ""); resp.StatusCode != http.StatusNotFound {
					t.Fatalf("private %s: %d", path, resp.StatusCode)
				}
			}
		}
		if resp, _ := f.do(tal, "GET", deck, "", ""); resp.StatusCode != 200 {
			t.Fatalf("the owner of a private project: %d", resp.StatusCode)
		}
	})
}

// TestProjectCatalogue: enterprises, delegations and organizers find the
// catalogue in their navigation and search it; talents neither see the
// link nor get in; private and withdrawn projects are not listed; a park
// asks a listed project for a negotiation from its page.
func TestProjectCatalogue(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) { testProjectCatalogue(t, b.Open(t)) })
	}
}

func testProjectCatalogue(t *testing.T, db *store.DB) {
	f := newFixture(t, db)
	deleg := *f.users[delegation].OrgID
	owner := f.users[talent].ID
	add := func(p model.Project) model.Project {
		t.Helper()
		p.EditionID = f.edition.ID
		if err := db.CreateProject(bg, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	listed := add(model.Project{Source: model.SourceDelegation, OrgID: &deleg, Title: "Drug discovery", TitleZH: "新药研发", SummaryZH: "人工智能医药平台", Field: "Biomedicine", Stage: "prototype"})
	mine := add(model.Project{Source: model.SourceTalent, OwnerUserID: &owner, Title: "Quantum sensor", Field: "Physics"})
	add(model.Project{Source: model.SourceTalent, OwnerUserID: &owner, Title: "Secret drug", Visibility: model.VisibilityPrivate})
	gone := add(model.Project{Source: model.SourceTalent, OwnerUserID: &owner, Title: "Withdrawn drug"})
	if err := db.WithdrawProject(bg, gone.ID, owner); err != nil {
		t.Fatal(err)
	}

	// Access and navigation per role.
	for _, c := range []struct {
		role model.Role
		code int
		nav  bool
	}{{talent, http.StatusForbidden, false}, {model.RoleJudge, http.StatusForbidden, false}, {enterprise, 200, true}, {delegation, 200, true}, {organizer, 200, true}} {
		cl := f.client(c.role)
		if resp, _ := f.do(cl, "GET", "/projects", "", ""); resp.StatusCode != c.code {
			t.Errorf("%s: GET /projects %d, want %d", c.role, resp.StatusCode, c.code)
		}
		if _, body := f.do(cl, "GET", "/posts", "", ""); strings.Contains(body, `id="nav-projects"`) != c.nav {
			t.Errorf("%s: catalogue in the navigation = %v", c.role, !c.nav)
		}
	}

	ent := f.client(enterprise)
	rows := func(query string) []string {
		t.Helper()
		resp, body := f.do(ent, "GET", "/projects?"+query, "", "")
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", query, resp.StatusCode)
		}
		var out []string
		for _, s := range strings.Split(body, `data-project="`)[1:] {
			out = append(out, s[:strings.IndexByte(s, '"')])
		}
		return out
	}
	id := func(p model.Project) string { return itoa(int(p.ID)) }
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{id(mine), id(listed)}},
		{"q=drug", []string{id(listed)}},
		{"q=" + url.QueryEscape("医药"), []string{id(listed)}},
		{"field=Physics", []string{id(mine)}},
		{"stage=prototype", []string{id(listed)}},
		{"source=talent", []string{id(mine)}},
		{"province=Guangdong", []string{id(listed)}},
		{"province=Guangdong&q=quantum", nil},
	} {
		if got := rows(c.query); strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("?%s: rows %v, want %v", c.query, got, c.want)
		}
	}
	if _, body := f.do(ent, "GET", "/projects", "", ""); !strings.Contains(body, `class="table"`) || !strings.Contains(body, "Org delegation") {
		t.Fatal("the catalogue's table or the bringing delegation is missing")
	}
	// Pages of twenty.
	for i := range 21 {
		add(model.Project{Source: model.SourceExpert, OrgID: &deleg, Title: "Expert project " + itoa(i), Field: "Materials"})
	}
	if got := rows("source=expert_program"); len(got) != 20 {
		t.Fatalf("first page: %d rows", len(got))
	}
	if got := rows("source=expert_program&page=2"); len(got) != 1 {
		t.Fatalf("second page: %d rows", len(got))
	}

	// An enterprise's page of a listed project offers the negotiation
	// request; a talent who does not own it finds nothing.
	_, body := f.do(ent, "GET", "/projects/"+id(listed), "", "")
	if !strings.Contains(body, `id="request-negotiation"`) || strings.Contains(body, `id="edit-project"`) {
		t.Fatalf("enterprise's project page:\n%s", body)
	}
	if _, body := f.do(f.client(delegation), "GET", "/projects/"+id(mine), "", ""); strings.Contains(body, `id="request-negotiation"`) {
		t.Fatal("a delegation is offered the enterprise's negotiation request")
	}
	other := storetest.MustRegister(t, db, "t2@test.example", model.RoleTalent)
	if resp, _ := f.do(f.clientFor(other), "GET", "/projects/"+id(listed), "", ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a talent reads a project not theirs: %d", resp.StatusCode)
	}
	resp, body := f.postForm(ent, "/dockings/request", url.Values{"project_id": {id(listed)}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/dockings/") {
		t.Fatalf("negotiation request from the project's page: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
}

// TestProjectKeys: the project's enum values the templates translate by
// computed keys have a message in both catalogs.
func TestProjectKeys(t *testing.T) {
	t.Parallel()
	cat := areaCatalog(t)
	var keys []string
	for _, s := range model.ProjectStages {
		keys = append(keys, "project.stage."+s)
	}
	for _, s := range model.ProjectSources {
		keys = append(keys, "project.source."+string(s))
	}
	for _, s := range model.IPStatuses {
		keys = append(keys, "project.ip."+string(s))
	}
	for _, s := range model.Visibilities {
		keys = append(keys, "project.visibility."+string(s))
	}
	for _, k := range keys {
		if !cat.Has(k) {
			t.Errorf("no message %q", k)
		}
	}
}

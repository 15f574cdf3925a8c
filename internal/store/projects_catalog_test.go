package store_test

import (
	"maps"
	"strconv"
	"sync"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestProjectsConformance: editing a project, its deck and the catalogue
// behave alike on SQLite and PostgreSQL (the world is dockings_test's).
func TestProjectsConformance(t *testing.T) {
	storetest.RunWith(t, newDockWorld, storetest.With[dockWorld]{
		"Update":               testProjectUpdate,
		"UpdateVersusWithdraw": testProjectUpdateVersusWithdraw,
		"Deck":                 testProjectDeck,
		"Catalogue":            testProjectCatalogue,
	})
}

func testProjectUpdate(t *testing.T, db *store.DB, w dockWorld) {
	load := func(id int64) model.Project {
		t.Helper()
		p, err := db.LoadProject(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// The talent who owns it edits every detail.
	p := load(w.talentProject.ID)
	p.Title, p.TitleZH, p.SummaryZH, p.Team = "Solid-state battery", "固态电池", "固态电池初创公司", "Li Wei (CEO), Anna K. (CTO)"
	p.Stage, p.IPStatus, p.Visibility, p.FundingSought = "revenue", model.IPPending, model.VisibilityPrivate, 3000000
	if err := db.UpdateProject(ctx, &p, w.tal.ID); err != nil {
		t.Fatalf("owner: %v", err)
	}
	got := load(p.ID)
	if got.TitleZH != "固态电池" || got.SummaryZH != "固态电池初创公司" || got.Team != p.Team || got.IPStatus != model.IPPending ||
		got.Visibility != model.VisibilityPrivate || got.Stage != "revenue" || got.FundingSought != 3000000 || got.Source != model.SourceContest {
		t.Fatalf("stored %+v", got)
	}
	// A member of the delegation that brought a project edits it; an
	// organizer edits any.
	d := load(w.project.ID)
	d.Team = "CIS team"
	if err := db.UpdateProject(ctx, &d, w.deleg.ID); err != nil {
		t.Fatalf("delegation member: %v", err)
	}
	d.Field = "Space"
	if err := db.UpdateProject(ctx, &d, w.org.ID); err != nil {
		t.Fatalf("organizer: %v", err)
	}
	if got := load(d.ID); got.Team != "CIS team" || got.Field != "Space" {
		t.Fatalf("delegation's project: %+v", got)
	}
	// Strangers find no project, and change nothing.
	for name, u := range map[string]model.User{"other delegation": w.deleg2, "park": w.park, "a delegation member": w.deleg} {
		q := load(w.talentProject.ID)
		q.Title = "Hijacked"
		if err := db.UpdateProject(ctx, &q, u.ID); model.ErrorCode(err) != model.NotFound {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if got := load(w.talentProject.ID); got.Title != "Solid-state battery" {
		t.Fatalf("a refused edit changed the title: %q", got.Title)
	}
	// Bad input is refused field by field and changes nothing.
	bad := load(w.talentProject.ID)
	bad.Title, bad.TitleZH, bad.IPStatus, bad.Visibility, bad.FundingSought = "", "", "patented", "friends", -1
	err := db.UpdateProject(ctx, &bad, w.tal.ID)
	f := model.FieldsOf(err)
	if model.ErrorCode(err) != model.Invalid || f["title"] == "" || f["ip_status"] == "" || f["visibility"] == "" || f["funding_sought"] == "" {
		t.Fatalf("bad input: %v", err)
	}
	if got := load(w.talentProject.ID); got.Title != "Solid-state battery" || got.IPStatus != model.IPPending {
		t.Fatalf("bad input changed %+v", got)
	}
	// A withdrawn project cannot be edited, even by its owner.
	if err := db.WithdrawProject(ctx, w.talentProject.ID, w.tal.ID); err != nil {
		t.Fatal(err)
	}
	q := load(w.talentProject.ID)
	q.Title = "After"
	if err := db.UpdateProject(ctx, &q, w.tal.ID); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("withdrawn: %v", err)
	}
	if err := db.UpdateProject(ctx, &q, w.deleg2.ID); model.ErrorCode(err) != model.NotFound {
		t.Fatalf("withdrawn, stranger: %v", err)
	}
	if got := load(w.talentProject.ID); got.Title != "Solid-state battery" {
		t.Fatalf("withdrawn project edited: %q", got.Title)
	}
}

// testProjectUpdateVersusWithdraw: edits racing a withdrawal never land
// after it: each edit either succeeds before or is refused as withdrawn.
func testProjectUpdateVersusWithdraw(t *testing.T, db *store.DB, w dockWorld) {
	base, err := db.LoadProject(ctx, w.project.ID)
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	var werr error
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := base
			p.Team = "edit " + strconv.Itoa(i)
			errs[i] = db.UpdateProject(ctx, &p, w.deleg.ID)
		}()
	}
	wg.Add(1)
	go func() { defer wg.Done(); werr = db.WithdrawProject(ctx, w.project.ID, w.org.ID) }()
	wg.Wait()
	if werr != nil {
		t.Fatal(werr)
	}
	for i, err := range errs {
		if err != nil && model.ErrorCode(err) != model.Conflict {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	p := base
	p.Team = "late"
	if err := db.UpdateProject(ctx, &p, w.deleg.ID); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("after the withdrawal: %v", err)
	}
}

func testProjectDeck(t *testing.T, db *store.DB, w dockWorld) {
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n")
	if _, err := db.Deck(ctx, w.talentProject.ID); !model.IsNotFound(err) {
		t.Fatalf("no deck yet: %v", err)
	}
	err := db.SaveDeck(ctx, &model.Deck{ProjectID: w.talentProject.ID, Content: []byte("GIF89a not a pdf")}, w.tal.ID)
	if model.FieldsOf(err)["deck"] != "err.deck_not_pdf" {
		t.Fatalf("not a PDF: %v", err)
	}
	if err := db.SaveDeck(ctx, &model.Deck{ProjectID: w.talentProject.ID, Content: pdf, Name: "pitch.pdf"}, w.deleg2.ID); !model.IsNotFound(err) {
		t.Fatalf("stranger: %v", err)
	}
	if p, _ := db.LoadProject(ctx, w.talentProject.ID); p.DeckFile != "" {
		t.Fatal("refused decks were kept")
	}
	if err := db.SaveDeck(ctx, &model.Deck{ProjectID: w.talentProject.ID, Content: pdf, Name: "pitch.pdf"}, w.tal.ID); err != nil {
		t.Fatal(err)
	}
	// A second upload replaces the first.
	pdf2 := append([]byte("%PDF-1.7\n"), pdf[9:]...)
	if err := db.SaveDeck(ctx, &model.Deck{ProjectID: w.talentProject.ID, Content: pdf2, Name: "pitch-v2.pdf"}, w.tal.ID); err != nil {
		t.Fatal(err)
	}
	d, err := db.Deck(ctx, w.talentProject.ID)
	if err != nil || d.Name != "pitch-v2.pdf" || string(d.Content) != string(pdf2) || d.Size != int64(len(pdf2)) {
		t.Fatalf("deck %q %d %v", d.Name, d.Size, err)
	}
	if p, _ := db.LoadProject(ctx, w.talentProject.ID); p.DeckFile != "db:"+d.SHA256 {
		t.Fatalf("deck_file %q", p.DeckFile)
	}
	if err := db.WithdrawProject(ctx, w.talentProject.ID, w.tal.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDeck(ctx, &model.Deck{ProjectID: w.talentProject.ID, Content: pdf}, w.tal.ID); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("withdrawn: %v", err)
	}
}

func testProjectCatalogue(t *testing.T, db *store.DB, w dockWorld) {
	// The world's two projects (CIS delegation's, a talent's) and more.
	add := func(p model.Project) model.Project {
		t.Helper()
		p.EditionID = w.ed.ID
		if err := db.CreateProject(ctx, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gd := add(model.Project{Source: model.SourceDelegation, OrgID: &w.otherOrg, Title: "Drug discovery", TitleZH: "新药研发", SummaryZH: "人工智能医药平台", Field: "Biomedicine", Stage: "prototype"})
	add(model.Project{Source: model.SourceTalent, OwnerUserID: &w.tal.ID, Title: "Stealth robotics", Field: "Robotics", Visibility: model.VisibilityPrivate})
	gone := add(model.Project{Source: model.SourceTalent, OwnerUserID: &w.tal.ID, Title: "Withdrawn drug idea", Field: "Biomedicine"})
	if err := db.WithdrawProject(ctx, gone.ID, w.tal.ID); err != nil {
		t.Fatal(err)
	}
	other := storetest.MustEdition(t, db, "ocs-2018")
	old := model.Project{EditionID: other.ID, Source: model.SourceTalent, OwnerUserID: &w.tal.ID, Title: "Drug of another year"}
	if err := db.CreateProject(ctx, &old); err != nil {
		t.Fatal(err)
	}
	ids := func(f store.ProjectSearch) []int64 {
		t.Helper()
		f.EditionID = w.ed.ID
		l, err := db.SearchProjects(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out := []int64{}
		for _, p := range l {
			out = append(out, p.ID)
		}
		return out
	}
	same := func(name string, got []int64, want ...int64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: got %v, want %v", name, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s: got %v, want %v", name, got, want)
			}
		}
	}
	same("all listed, newest first (no private, withdrawn or other edition's)", ids(store.ProjectSearch{}), gd.ID, w.talentProject.ID, w.project.ID)
	same("English word", ids(store.ProjectSearch{Query: "DRUG"}), gd.ID)
	same("Chinese title", ids(store.ProjectSearch{Query: "新药"}), gd.ID)
	same("two Chinese characters of a summary", ids(store.ProjectSearch{Query: "医药"}), gd.ID)
	same("two words, both needed", ids(store.ProjectSearch{Query: "drug satellite"}))
	same("LIKE wildcards are literal", ids(store.ProjectSearch{Query: "%"}))
	same("field", ids(store.ProjectSearch{Fields: []string{"biomedicine"}}), gd.ID)
	same("stage", ids(store.ProjectSearch{Stage: "prototype"}), gd.ID)
	same("source", ids(store.ProjectSearch{Source: model.SourceContest}), w.talentProject.ID)
	same("province", ids(store.ProjectSearch{Provinces: []string{"CIS"}}), w.project.ID)
	same("province and words", ids(store.ProjectSearch{Provinces: []string{"Guangdong"}, Query: "drug"}), gd.ID)
	same("paged", ids(store.ProjectSearch{Limit: 1, Offset: 1}), w.talentProject.ID)
	l, err := db.SearchProjects(ctx, store.ProjectSearch{EditionID: w.ed.ID, Provinces: []string{"CIS"}})
	if err != nil || len(l) != 1 || l[0].Province != "CIS" || l[0].OrgName == "" {
		t.Fatalf("the delegation's row: %+v %v", l, err)
	}
	// Made private, a project leaves the catalogue; public again, it is back.
	p, _ := db.LoadProject(ctx, gd.ID)
	p.Visibility = model.VisibilityPrivate
	if err := db.UpdateProject(ctx, &p, w.deleg2.ID); err != nil {
		t.Fatal(err)
	}
	same("made private", ids(store.ProjectSearch{Query: "drug"}))
	// A filter takes every spelling it is given (the caller's vocabulary
	// supplies them), case aside.
	park, _ := db.Organization(ctx, w.parkOrg)
	park.Province = "广东省"
	if err := db.UpdateOrganization(ctx, &park); err != nil {
		t.Fatal(err)
	}
	gene := add(model.Project{Source: model.SourceExpert, OrgID: &w.parkOrg, Title: "Gene therapy", Field: "生物医药"})
	p.Visibility = model.VisibilityPublic
	if err := db.UpdateProject(ctx, &p, w.deleg2.ID); err != nil {
		t.Fatal(err)
	}
	energy := add(model.Project{Source: model.SourceDelegation, OrgID: &w.cisOrg, Title: "Grid storage", Field: "NEW ENERGY"})
	same("fields in several spellings", ids(store.ProjectSearch{Fields: []string{"Biomedicine", "生物医药", " "}}), gene.ID, gd.ID)
	same("provinces in several spellings", ids(store.ProjectSearch{Provinces: []string{"guangdong", "广东省"}}), gene.ID, gd.ID)
	same("fields and provinces", ids(store.ProjectSearch{Fields: []string{"new energy"}, Provinces: []string{"CIS"}}), energy.ID)
	same("blank spellings filter nothing", ids(store.ProjectSearch{Fields: []string{""}}), energy.ID, gene.ID, gd.ID, w.talentProject.ID, w.project.ID)
	// Facets count listed projects per stored spelling; a private one is
	// not counted.
	p.Visibility = model.VisibilityPrivate
	if err := db.UpdateProject(ctx, &p, w.deleg2.ID); err != nil {
		t.Fatal(err)
	}
	fc, err := db.CatalogFacets(ctx, w.ed.ID)
	if err != nil {
		t.Fatal(err)
	}
	asMap := func(l []store.FacetCount) map[string]int {
		m := map[string]int{}
		for _, c := range l {
			m[c.Value] = c.N
		}
		return m
	}
	if got, want := asMap(fc.Fields), map[string]int{"Aerospace": 1, "New energy": 1, "NEW ENERGY": 1, "生物医药": 1}; !maps.Equal(got, want) || len(fc.Fields) != len(want) {
		t.Fatalf("field facets %+v, want %v", fc.Fields, want)
	}
	if got, want := asMap(fc.Provinces), map[string]int{"CIS": 2, "广东省": 1}; !maps.Equal(got, want) || len(fc.Provinces) != len(want) || fc.Provinces[0].Value != "CIS" {
		t.Fatalf("province facets %+v, want %v, most first", fc.Provinces, want)
	}
}

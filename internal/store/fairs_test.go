package store_test

import (
	"time"

	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestFairsConformance: posts, search, inbox and figures behave alike on
// SQLite and PostgreSQL.
func TestFairsConformance(t *testing.T) {
	storetest.RunWith(t, newFairWorld, storetest.With[fairWorld]{
		"EditPost":        testEditPost,
		"ImportAllOrNone": testImportAllOrNone,
		"Search":          testSearch,
		"PostLanguages":   testPostLanguages,
		"Inbox":           testInbox,
		"Figures":         testFigures,
	})
}

type fairWorld struct {
	edition      model.Edition
	fair, video  model.Fair
	orgA, orgB   int64
	talent       model.Talent
	talentUserID int64
}

func newFairWorld(t testing.TB, db *store.DB) fairWorld {
	t.Helper()
	var w fairWorld
	w.edition = model.Edition{Slug: "ocs-2017", Name: "OCS", City: "Guangzhou", StartDate: day(2017, 12, 17), EndDate: day(2017, 12, 18), TimeZone: "Asia/Shanghai", Current: true}
	if err := db.CreateEdition(ctx, &w.edition, 0); err != nil {
		t.Fatal(err)
	}
	w.fair = model.Fair{EditionID: w.edition.ID, Kind: model.FairOverseas, Name: "Overseas"}
	w.video = model.Fair{EditionID: w.edition.ID, Kind: model.FairVideo, Name: "Video"}
	for _, f := range []*model.Fair{&w.fair, &w.video} {
		if err := db.CreateFair(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	a := storetest.MustRegister(t, db, "a@ent.example", model.RoleEnterprise)
	b := storetest.MustRegister(t, db, "b@ent.example", model.RoleEnterprise)
	w.orgA, w.orgB = *a.OrgID, *b.OrgID
	// Talents apply only to approved organizations' posts.
	db.SetOrgStatus(ctx, w.orgA, model.OrgApproved, 0)
	db.SetOrgStatus(ctx, w.orgB, model.OrgApproved, 0)
	u := storetest.MustRegister(t, db, "li@talent.example", model.RoleTalent)
	w.talentUserID = u.ID
	w.talent, _ = db.TalentByUser(ctx, u.ID)
	w.talent.Degree, w.talent.Category, w.talent.CVFile = model.DegreePhD, model.TalentOverseas, "cv/1.pdf"
	if err := db.UpdateTalent(ctx, &w.talent); err != nil {
		t.Fatal(err)
	}
	return w
}

func mustPost(t *testing.T, db *store.DB, p model.Post) model.Post {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := db.CreatePost(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func testEditPost(t *testing.T, db *store.DB, w fairWorld) {
	p := mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "Chemist", City: "Guangzhou"})
	p.Title = "Senior chemist"
	if err := db.UpdatePost(ctx, &p); err != nil {
		t.Fatal(err)
	}
	other := p
	other.OrgID = w.orgB
	other.Title = "Stolen"
	if err := db.UpdatePost(ctx, &other); !model.IsNotFound(err) {
		t.Fatalf("another organization's update: %v, want not found", err)
	}
	if err := db.SetPostStatus(ctx, w.orgB, p.ID, model.PostClosed); !model.IsNotFound(err) {
		t.Fatalf("another organization's close: %v", err)
	}
	if err := db.SetPostStatus(ctx, w.orgA, p.ID, model.PostClosed); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Post(ctx, p.ID)
	if got.Title != "Senior chemist" || got.Status != model.PostClosed {
		t.Fatalf("post = %+v", got)
	}
	// The search index follows the edit.
	if l, _ := db.SearchPosts(ctx, store.PostSearch{Query: "senior"}); len(l) != 1 {
		t.Fatalf("search after edit = %d", len(l))
	}
	if l, _ := db.SearchPosts(ctx, store.PostSearch{Query: "stolen"}); len(l) != 0 {
		t.Fatalf("search found the refused edit")
	}
}

func testImportAllOrNone(t *testing.T, db *store.DB, w fairWorld) {
	good := model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "One"}
	good.Validate()
	bad := model.Post{OrgID: w.orgA, FairID: 999999, Title: "Two"}
	bad.Validate()
	if err := db.ImportPosts(ctx, []model.Post{good, bad}); err == nil {
		t.Fatal("import with a bad reference succeeded")
	}
	if l, _ := db.ListPosts(ctx, store.PostFilter{OrgID: w.orgA}); len(l) != 0 {
		t.Fatalf("a failed import left %d posts", len(l))
	}
	ps := []model.Post{good, good}
	ps[1].Title = "Two"
	if err := db.ImportPosts(ctx, ps); err != nil {
		t.Fatal(err)
	}
	if ps[0].ID == 0 || ps[1].ID == 0 {
		t.Fatal("ids not set")
	}
}

// testPostLanguages: a post's Chinese title and description are kept,
// edited and searched like the English ones (issue 12).
func testPostLanguages(t *testing.T, db *store.DB, w fairWorld) {
	p := mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "Data analyst", TitleZH: "数据分析师", Description: "Risk models", DescriptionZH: "负责风控模型"})
	got, err := db.Post(ctx, p.ID)
	if err != nil || got.TitleZH != "数据分析师" || got.DescriptionZH != "负责风控模型" || got.Title != "Data analyst" {
		t.Fatalf("post = %+v, %v", got, err)
	}
	search := func(q string) int {
		t.Helper()
		l, err := db.SearchPosts(ctx, store.PostSearch{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		return len(l)
	}
	for q, want := range map[string]int{"数据分析": 1, "风控模型": 1, "风控": 1, "risk": 1, "资深专家": 0} {
		if n := search(q); n != want {
			t.Errorf("search %q = %d, want %d", q, n, want)
		}
	}
	got.TitleZH, got.DescriptionZH = "高级数据科学家", ""
	if err := db.UpdatePost(ctx, &got); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"数据科学": 1, "数据分析": 0, "风控": 0} {
		if n := search(q); n != want {
			t.Errorf("after edit, search %q = %d, want %d", q, n, want)
		}
	}
	imp := []model.Post{{OrgID: w.orgB, FairID: w.fair.ID, Title: "嵌入式工程师", TitleZH: "嵌入式工程师", DescriptionZH: "固件开发"}}
	if err := imp[0].Validate(); err != nil {
		t.Fatal(err)
	}
	if err := db.ImportPosts(ctx, imp); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Post(ctx, imp[0].ID); got.TitleZH != "嵌入式工程师" || got.DescriptionZH != "固件开发" {
		t.Fatalf("imported post = %+v", got)
	}
	if n := search("固件开发"); n != 1 {
		t.Fatalf("search imported = %d", n)
	}
}

func testSearch(t *testing.T, db *store.DB, w fairWorld) {
	mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "生物医药研发工程师", Industry: "生物医药", City: "广州", MinDegree: model.DegreePhD, Skills: []string{"分子生物学"}})
	mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "Machine learning engineer", Industry: "AI", City: "Shenzhen", Skills: []string{"Python", "PyTorch"}, MinDegree: model.DegreeMaster})
	mustPost(t, db, model.Post{OrgID: w.orgB, FairID: w.video.ID, Title: "Embedded software engineer", Industry: "Electronics", City: "Guangzhou", Skills: []string{"C"}, Description: "Firmware for 医疗 devices"})
	closed := mustPost(t, db, model.Post{OrgID: w.orgB, FairID: w.fair.ID, Title: "Closed engineer post"})
	db.SetPostStatus(ctx, w.orgB, closed.ID, model.PostClosed)
	cases := []struct {
		name string
		f    store.PostSearch
		want []string
	}{
		{"chinese trigram", store.PostSearch{Query: "研发工程"}, []string{"生物医药研发工程师"}},
		{"chinese two characters", store.PostSearch{Query: "医药"}, []string{"生物医药研发工程师"}},
		{"chinese in description", store.PostSearch{Query: "医疗"}, []string{"Embedded software engineer"}},
		{"english word, any case", store.PostSearch{Query: "PYTORCH"}, []string{"Machine learning engineer"}},
		{"two words", store.PostSearch{Query: "engineer guangzhou", Status: model.PostOpen}, []string{"Embedded software engineer"}},
		{"fts syntax is text", store.PostSearch{Query: `"engineer" OR (NEAR`}, nil},
		{"fair filter", store.PostSearch{Query: "engineer", FairID: w.video.ID}, []string{"Embedded software engineer"}},
		{"industry filter", store.PostSearch{Industries: []string{"ai"}}, []string{"Machine learning engineer"}},
		{"city filter", store.PostSearch{Cities: []string{"广州"}}, []string{"生物医药研发工程师"}},
		{"city filter: any of its spellings, case aside", store.PostSearch{Cities: []string{"广州", " GUANGZHOU", ""}}, []string{"生物医药研发工程师", "Embedded software engineer"}},
		{"blank spellings filter nothing", store.PostSearch{Cities: []string{" "}, Query: "engineer", Status: model.PostOpen}, []string{"Machine learning engineer", "Embedded software engineer"}},
		{"degree filter: a master sees posts up to master", store.PostSearch{MinDegree: model.DegreeMaster, Status: model.PostOpen, Query: "engineer"}, []string{"Embedded software engineer", "Machine learning engineer"}},
		{"open only", store.PostSearch{Query: "closed", Status: model.PostOpen}, nil},
		{"edition", store.PostSearch{EditionID: w.edition.ID + 1}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := db.SearchPosts(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, p := range got {
				titles = append(titles, p.Title)
			}
			if len(titles) != len(c.want) {
				t.Fatalf("got %q, want %q", titles, c.want)
			}
			seen := map[string]bool{}
			for _, s := range titles {
				seen[s] = true
			}
			for _, s := range c.want {
				if !seen[s] {
					t.Fatalf("got %q, want %q", titles, c.want)
				}
			}
		})
	}
	if l, _ := db.SearchPosts(ctx, store.PostSearch{Limit: 2}); len(l) != 2 {
		t.Fatalf("limit: %d", len(l))
	}
	if l, _ := db.SearchPosts(ctx, store.PostSearch{Limit: 2, Offset: 2}); len(l) != 2 {
		t.Fatalf("second page: %d", len(l))
	}
	fc, err := db.SearchFacets(ctx, w.edition.ID)
	if err != nil || len(fc.Cities) != 3 || len(fc.Industries) != 3 {
		t.Fatalf("facets %+v %v", fc, err)
	}
	mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "Another", City: "Shenzhen"})
	fc, err = db.SearchFacets(ctx, w.edition.ID)
	if want := (store.FacetCount{Value: "Shenzhen", N: 2}); err != nil || len(fc.Cities) != 3 || fc.Cities[0] != want {
		t.Fatalf("cities %+v %v, want %+v first", fc.Cities, err, want)
	}
}

func testInbox(t *testing.T, db *store.DB, w fairWorld) {
	pa := mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "Chemist"})
	pb := mustPost(t, db, model.Post{OrgID: w.orgB, FairID: w.video.ID, Title: "Coder"})
	a1, _, err := db.Apply(ctx, w.talent.ID, pa.ID, model.ChannelScan)
	if err != nil {
		t.Fatal(err)
	}
	a2, _, _ := db.Apply(ctx, w.talent.ID, pb.ID, model.ChannelPC)
	rows, err := db.Inbox(ctx, store.InboxFilter{OrgID: w.orgA})
	if err != nil || len(rows) != 1 || rows[0].PostTitle != "Chemist" || !rows[0].TalentHasCV || rows[0].TalentDegree != model.DegreePhD {
		t.Fatalf("inbox A = %+v %v", rows, err)
	}
	for _, c := range []struct {
		name string
		f    store.InboxFilter
		n    int
	}{
		{"all", store.InboxFilter{}, 2},
		{"post", store.InboxFilter{PostID: pb.ID}, 1},
		{"fair", store.InboxFilter{FairID: w.video.ID}, 1},
		{"status", store.InboxFilter{Status: model.AppViewed}, 0},
		{"degree phd", store.InboxFilter{MinDegree: model.DegreePhD}, 2},
		{"from future", store.InboxFilter{From: a1.CreatedAt.AddDate(0, 0, 1)}, 0},
		{"to past", store.InboxFilter{To: a1.CreatedAt.AddDate(0, 0, -1)}, 0},
	} {
		if rows, err := db.Inbox(ctx, c.f); err != nil || len(rows) != c.n {
			t.Fatalf("%s: %d rows, %v; want %d", c.name, len(rows), err, c.n)
		}
	}
	// B cannot move A's application; nothing changes.
	if err := db.MoveApplications(ctx, w.orgB, []int64{a1.ID, a2.ID}, model.AppViewed, 0); model.ErrorCode(err) != model.Forbidden {
		t.Fatalf("B moves A's: %v", err)
	}
	if a, _ := db.Application(ctx, a2.ID); a.Status != model.AppApplied {
		t.Fatalf("a refused bulk move changed %v", a.Status)
	}
	steps := []struct {
		to   model.AppStatus
		code model.Code
	}{
		{model.AppViewed, ""}, {model.AppInterview, ""}, {model.AppViewed, model.Conflict}, {model.AppOffer, ""}, {model.AppHired, ""}, {model.AppRejected, model.Conflict},
		{model.AppApplied, model.Invalid},
	}
	for _, s := range steps {
		if err := db.MoveApplications(ctx, w.orgA, []int64{a1.ID}, s.to, 0); model.ErrorCode(err) != s.code {
			t.Fatalf("move to %s: %v, want %q", s.to, err, s.code)
		}
	}
	ev, err := db.ApplicationEvents(ctx, a1.ID)
	if err != nil || len(ev) != 4 || ev[0].From != model.AppApplied || ev[3].To != model.AppHired {
		t.Fatalf("history = %+v %v", ev, err)
	}
	ns, err := db.Notifications(ctx, w.talentUserID, 10)
	if err != nil || len(ns) != 4 || ns[0].Key != "note.app_status" || len(ns[0].Args) != 2 || ns[0].Args[0] != "Chemist" || ns[0].Args[1] != "app.hired" {
		t.Fatalf("notifications = %+v %v", ns, err)
	}
	ta, err := db.TalentApplications(ctx, w.talent.ID)
	if err != nil || len(ta) != 2 || ta[0].PostTitle != "Coder" || ta[1].Status != model.AppHired {
		t.Fatalf("talent applications %+v %v", ta, err)
	}
}

func testFigures(t *testing.T, db *store.DB, w fairWorld) {
	pa := mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "Chemist"})
	mustPost(t, db, model.Post{OrgID: w.orgA, FairID: w.fair.ID, Title: "Chemist 2"})
	pb := mustPost(t, db, model.Post{OrgID: w.orgB, FairID: w.video.ID, Title: "Coder"})
	db.Apply(ctx, w.talent.ID, pa.ID, model.ChannelScan)
	db.Apply(ctx, w.talent.ID, pb.ID, model.ChannelMobile)
	u := storetest.MustRegister(t, db, "wang@talent.example", model.RoleTalent)
	t2, _ := db.TalentByUser(ctx, u.ID)
	db.Apply(ctx, t2.ID, pa.ID, model.ChannelPC) // no CV
	all, err := db.EditionFigures(ctx, w.edition.ID)
	if err != nil || len(all) != 3 {
		t.Fatalf("figures %+v %v", all, err)
	}
	e, f1, f2 := all[0], all[1], all[2]
	if e.Posts != 3 || e.Enterprises != 2 || e.Applications != 3 || e.CVs != 1 || e.ByChannel[model.ChannelScan] != 1 || e.ByChannel[model.ChannelPC] != 1 {
		t.Fatalf("edition %+v", e)
	}
	if f1.FairID != w.fair.ID || f1.Posts != 2 || f1.Enterprises != 1 || f1.Applications != 2 || f1.CVs != 1 {
		t.Fatalf("fair %+v", f1)
	}
	if f2.Posts != 1 || f2.ByChannel[model.ChannelMobile] != 1 || f2.Visits != 0 {
		t.Fatalf("video fair %+v", f2)
	}
	if len(store.FigureNames()) != 6 {
		t.Fatal("figure names")
	}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

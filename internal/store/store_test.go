package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestConformance runs every store behaviour against every backend: the
// same assertions on SQLite and PostgreSQL.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Cases{
		"Register":             testRegister,
		"Sessions":             testSessions,
		"LoginFailures":        testLoginFailures,
		"Organizations":        testOrganizations,
		"Editions":             testEditions,
		"Fairs":                testFairs,
		"Talents":              testTalents,
		"PostsAndApply":        testPostsAndApply,
		"Constraints":          testConstraints,
		"ProjectsEventsCounts": testProjectsEventsCounts,
		"MigrateTwice":         testMigrateTwice,
	})
}

var ctx = context.Background()

func testRegister(t *testing.T, db *store.DB) {
	u := storetest.MustRegister(t, db, "li@example.com", model.RoleTalent)
	if u.ID == 0 || u.Role != model.RoleTalent || u.OrgID != nil {
		t.Fatalf("user = %+v", u)
	}
	if _, err := db.TalentByUser(ctx, u.ID); err != nil {
		t.Fatalf("talent profile not created: %v", err)
	}
	e := storetest.MustRegister(t, db, "hr@acme.example", model.RoleEnterprise)
	if e.OrgID == nil {
		t.Fatal("enterprise has no organization")
	}
	o, err := db.Organization(ctx, *e.OrgID)
	if err != nil || o.Status != model.OrgPending || o.Kind != model.OrgEnterprise {
		t.Fatalf("org = %+v, %v; want pending enterprise", o, err)
	}
	got, hash, err := db.UserByEmail(ctx, "hr@acme.example")
	if err != nil || got.ID != e.ID || hash != "hash" {
		t.Fatalf("UserByEmail = %+v %q %v", got, hash, err)
	}
	// A taken address is a conflict naming the field, and creates nothing.
	r := &model.Registration{Email: "li@example.com", Name: "X", Password: "0123456789", Role: model.RoleEnterprise, Org: &model.Organization{Name: "Dup"}}
	r.Validate()
	_, err = db.Register(ctx, r, "h")
	if model.ErrorCode(err) != model.Conflict {
		t.Fatalf("duplicate email: err = %v, want conflict", err)
	}
	orgs, _ := db.ListOrganizations(ctx, store.OrgFilter{Query: "Dup"})
	if len(orgs) != 0 {
		t.Fatalf("failed registration left an organization: %+v", orgs)
	}
	if _, _, err := db.UserByEmail(ctx, "nobody@example.com"); !model.IsNotFound(err) {
		t.Fatalf("unknown email: err = %v, want not found", err)
	}
	if err := db.SetLocale(ctx, u.ID, "en"); err != nil {
		t.Fatal(err)
	}
	if u2, _ := db.User(ctx, u.ID); u2.Locale != "en" {
		t.Fatalf("locale = %q", u2.Locale)
	}
	if err := db.SetLocale(ctx, u.ID, "fr"); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("SetLocale(fr) = %v", err)
	}
}

func testSessions(t *testing.T, db *store.DB) {
	u := storetest.MustRegister(t, db, "s@example.com", model.RoleTalent)
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	if err := db.CreateSession(ctx, "h1", u.ID, time.Hour); err != nil {
		t.Fatal(err)
	}
	got, err := db.SessionUser(ctx, "h1")
	tal, _ := db.TalentByUser(ctx, u.ID)
	if err != nil || got.ID != u.ID || got.TalentID == 0 || got.TalentID != tal.ID {
		t.Fatalf("SessionUser = %+v, %v; want user %d with talent %d", got, err, u.ID, tal.ID)
	}
	if _, err := db.SessionUser(ctx, "nope"); !model.IsNotFound(err) {
		t.Fatalf("unknown session: %v", err)
	}
	now = now.Add(61 * time.Minute)
	if _, err := db.SessionUser(ctx, "h1"); !model.IsNotFound(err) {
		t.Fatalf("expired session still valid: %v", err)
	}
	if n, err := db.PurgeSessions(ctx); err != nil || n != 1 {
		t.Fatalf("purge = %d, %v", n, err)
	}
	db.CreateSession(ctx, "h2", u.ID, time.Hour)
	if err := db.DeleteSession(ctx, "h2"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionUser(ctx, "h2"); !model.IsNotFound(err) {
		t.Fatalf("deleted session still valid: %v", err)
	}
}

func testLoginFailures(t *testing.T, db *store.DB) {
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	w := 15 * time.Minute
	for i := 0; i < 3; i++ {
		if err := db.RecordLoginFailure(ctx, "ip:1", w); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := db.LoginFailures(ctx, "ip:1", w); n != 3 {
		t.Fatalf("failures = %d, want 3", n)
	}
	now = now.Add(16 * time.Minute)
	if n, _ := db.LoginFailures(ctx, "ip:1", w); n != 0 {
		t.Fatalf("after window failures = %d, want 0", n)
	}
	db.RecordLoginFailure(ctx, "ip:1", w)
	if n, _ := db.LoginFailures(ctx, "ip:1", w); n != 1 {
		t.Fatalf("new window failures = %d, want 1", n)
	}
	db.ClearLoginFailures(ctx, "ip:1")
	if n, _ := db.LoginFailures(ctx, "ip:1", w); n != 0 {
		t.Fatalf("cleared failures = %d", n)
	}
}

func testOrganizations(t *testing.T, db *store.DB) {
	a := storetest.MustRegister(t, db, "a@corp.example", model.RoleEnterprise)
	d := storetest.MustRegister(t, db, "d@gd.example", model.RoleDelegation)
	boss := model.User{Email: "boss@convene.example", Name: "Boss", Role: model.RoleOrganizer, Locale: "en"}
	if err := db.CreateUser(ctx, &boss, "h"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetOrgStatus(ctx, *a.OrgID, model.OrgApproved, boss.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SetOrgStatus(ctx, 99999, model.OrgApproved, boss.ID); !model.IsNotFound(err) {
		t.Fatalf("approve unknown org: %v", err)
	}
	if err := db.SetOrgStatus(ctx, *a.OrgID, "maybe", boss.ID); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("bad status: %v", err)
	}
	pending, _ := db.ListOrganizations(ctx, store.OrgFilter{Status: model.OrgPending})
	if len(pending) != 1 || pending[0].ID != *d.OrgID || pending[0].Kind != model.OrgDelegation {
		t.Fatalf("pending = %+v", pending)
	}
	found, _ := db.ListOrganizations(ctx, store.OrgFilter{Query: "CORP"})
	if len(found) != 1 || found[0].ID != *a.OrgID {
		t.Fatalf("search CORP = %+v", found)
	}
	// LIKE wildcards in a query are literal.
	if found, _ := db.ListOrganizations(ctx, store.OrgFilter{Query: "%"}); len(found) != 0 {
		t.Fatalf("search %% matched %d", len(found))
	}
	audit, _ := db.AuditEntries(ctx, 10)
	if len(audit) != 1 || audit[0].Action != "org.approved" || audit[0].UserID == nil || *audit[0].UserID != boss.ID {
		t.Fatalf("audit = %+v", audit)
	}
	o, _ := db.Organization(ctx, *a.OrgID)
	o.NameZH, o.Global500 = "阿克米", true
	if err := db.UpdateOrganization(ctx, &o); err != nil {
		t.Fatal(err)
	}
	if o2, _ := db.Organization(ctx, o.ID); o2.NameZH != "阿克米" || !o2.Global500 || o2.Status != model.OrgApproved {
		t.Fatalf("updated org = %+v", o2)
	}
}

func testEditions(t *testing.T, db *store.DB) {
	e1 := storetest.MustEdition(t, db, "ocs-2016")
	e2 := storetest.MustEdition(t, db, "ocs-2017")
	cur, err := db.CurrentEdition(ctx)
	if err != nil || cur.ID != e1.ID {
		t.Fatalf("current = %+v, %v; the first edition is current", cur, err)
	}
	e2.Current = true
	e2.City = "广州"
	if err := db.UpdateEdition(ctx, &e2, 0); err != nil {
		t.Fatal(err)
	}
	cur, _ = db.CurrentEdition(ctx)
	if cur.ID != e2.ID || cur.City != "广州" || !cur.StartDate.Equal(e2.StartDate) || cur.TimeZone != "Asia/Shanghai" {
		t.Fatalf("current = %+v", cur)
	}
	all, _ := db.ListEditions(ctx)
	if len(all) != 2 {
		t.Fatalf("editions = %d", len(all))
	}
	dup := e1
	dup.ID = 0
	if err := db.CreateEdition(ctx, &dup, 0); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("duplicate slug: %v", err)
	}
	if _, err := db.Edition(ctx, 424242); !model.IsNotFound(err) {
		t.Fatalf("unknown edition: %v", err)
	}
	v := model.Venue{EditionID: e2.ID, Name: "Canton Fair Complex", AreaM2: 30000}
	if err := db.CreateVenue(ctx, &v); err != nil {
		t.Fatal(err)
	}
	v.AreaM2 = 35000
	if err := db.UpdateVenue(ctx, &v); err != nil {
		t.Fatal(err)
	}
	vs, _ := db.ListVenues(ctx, e2.ID)
	if len(vs) != 1 || vs[0].AreaM2 != 35000 {
		t.Fatalf("venues = %+v", vs)
	}
	h := model.Hall{VenueID: v.ID, Name: "A"}
	db.CreateHall(ctx, &h)
	a := model.Area{HallID: h.ID, Kind: model.AreaProvince, Name: "Sichuan"}
	if err := db.CreateArea(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := db.CreateBooth(ctx, &model.Booth{AreaID: a.ID, Code: fmt.Sprintf("A-%d", i), AreaM2: 9}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateBooth(ctx, &model.Booth{AreaID: a.ID, Code: "A-0", AreaM2: 9}); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("duplicate booth code: %v", err)
	}
	sum, _ := db.BoothSummaries(ctx, e2.ID)
	if len(sum) != 1 || sum[0].Booths != 3 || sum[0].AreaM2 != 27 {
		t.Fatalf("booth summary = %+v", sum)
	}
}

func testFairs(t *testing.T, db *store.DB) {
	e := storetest.MustEdition(t, db, "ocs-2017")
	on := model.Fair{EditionID: e.ID, Kind: model.FairOverseas, Name: "Overseas talent fair"}
	video := model.Fair{EditionID: e.ID, Kind: model.FairVideo, Name: "Video job fair", NameZH: "视频招聘会"}
	for _, f := range []*model.Fair{&on, &video} {
		if err := db.CreateFair(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2017, 12, 17, 1, 0, 0, 0, time.UTC)
	s := model.RemoteSession{FairID: video.ID, Location: "Singapore", TimeZone: "Asia/Singapore", StartsAt: start, EndsAt: start.Add(3 * time.Hour)}
	if err := db.CreateRemoteSession(ctx, &s); err != nil {
		t.Fatal(err)
	}
	bad := model.RemoteSession{FairID: on.ID, Location: "Tokyo", TimeZone: "Asia/Tokyo", StartsAt: start, EndsAt: start.Add(time.Hour)}
	if err := db.CreateRemoteSession(ctx, &bad); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("remote session on a non-video fair: %v", err)
	}
	ss, _ := db.ListRemoteSessions(ctx, video.ID)
	if len(ss) != 1 || ss[0].Location != "Singapore" || !ss[0].StartsAt.Equal(start) {
		t.Fatalf("sessions = %+v", ss)
	}
	video.Name = "Video fair"
	if err := db.UpdateFair(ctx, &video); err != nil {
		t.Fatal(err)
	}
	fs, _ := db.ListFairs(ctx, e.ID)
	if len(fs) != 2 || fs[1].Name != "Video fair" || fs[1].NameZH != "视频招聘会" {
		t.Fatalf("fairs = %+v", fs)
	}
}

func testTalents(t *testing.T, db *store.DB) {
	u := storetest.MustRegister(t, db, "t@example.com", model.RoleTalent)
	tal, _ := db.TalentByUser(ctx, u.ID)
	tal.Degree, tal.Discipline = model.DegreePhD, "Biomedicine"
	tal.Skills = []string{"CRISPR", "机器学习"}
	tal.PreferredCities = []string{"Guangzhou", "深圳"}
	if err := tal.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateTalent(ctx, &tal); err != nil {
		t.Fatal(err)
	}
	got, err := db.Talent(ctx, tal.ID)
	if err != nil || got.Degree != model.DegreePhD || len(got.Skills) != 2 || got.Skills[1] != "机器学习" || got.PreferredCities[1] != "深圳" {
		t.Fatalf("talent = %+v, %v", got, err)
	}
	found, _ := db.ListTalents(ctx, store.TalentFilter{Query: "crispr", Degree: model.DegreePhD})
	if len(found) != 1 {
		t.Fatalf("search = %d", len(found))
	}
	none, _ := db.ListTalents(ctx, store.TalentFilter{Degree: model.DegreeMaster})
	if len(none) != 0 {
		t.Fatalf("master filter = %d", len(none))
	}
}

func testPostsAndApply(t *testing.T, db *store.DB) {
	f, ent := storetest.FairWithEnterprise(t, db)
	p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Senior Go engineer", Skills: []string{"Go", "PostgreSQL"}, City: "Guangzhou", MinDegree: model.DegreeMaster}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := db.CreatePost(ctx, &p); err != nil {
		t.Fatal(err)
	}
	closed := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Closed", Status: model.PostClosed}
	closed.Validate()
	closed.Status = model.PostClosed
	db.CreatePost(ctx, &closed)

	dp, do, df, err := db.PostDetail(ctx, p.ID)
	if err != nil || dp.ID != p.ID || dp.Skills[1] != "PostgreSQL" || do.ID != *ent.OrgID || do.Name == "" || df.ID != f.ID || df.Name != f.Name {
		t.Fatalf("PostDetail = %+v, %+v, %+v, %v", dp, do, df, err)
	}
	if _, _, _, err := db.PostDetail(ctx, 987654); !model.IsNotFound(err) {
		t.Fatalf("PostDetail of an unknown post: %v", err)
	}

	u := storetest.MustRegister(t, db, "talent@example.com", model.RoleTalent)
	tal, _ := db.TalentByUser(ctx, u.ID)
	a, created, err := db.Apply(ctx, tal.ID, p.ID, model.ChannelScan)
	if err != nil || !created || a.Status != model.AppApplied || a.Channel != model.ChannelScan {
		t.Fatalf("apply = %+v %v %v", a, created, err)
	}
	again, created, err := db.Apply(ctx, tal.ID, p.ID, model.ChannelPC)
	if err != nil || created || again.ID != a.ID || again.Channel != model.ChannelScan {
		t.Fatalf("second apply = %+v %v %v; want the first one back", again, created, err)
	}
	if _, _, err := db.Apply(ctx, tal.ID, closed.ID, model.ChannelPC); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("apply to closed post: %v", err)
	}
	if _, _, err := db.Apply(ctx, tal.ID, 987654, model.ChannelPC); !model.IsNotFound(err) {
		t.Fatalf("apply to unknown post: %v", err)
	}
	if _, _, err := db.Apply(ctx, tal.ID, p.ID, "fax"); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("bad channel: %v", err)
	}
	if m, err := db.AppliedPosts(ctx, tal.ID); err != nil || len(m) != 1 || m[p.ID] != model.AppApplied {
		t.Fatalf("AppliedPosts = %v, %v", m, err)
	}
	mine, _ := db.ApplicationsOfTalent(ctx, tal.ID)
	inbox, _ := db.ApplicationsOfOrg(ctx, *ent.OrgID, 0, 0)
	if len(mine) != 1 || len(inbox) != 1 {
		t.Fatalf("talent sees %d, enterprise sees %d; want 1 and 1", len(mine), len(inbox))
	}
	open, _ := db.ListPosts(ctx, store.PostFilter{Status: model.PostOpen, EditionID: f.EditionID})
	if len(open) != 1 || open[0].ID != p.ID || open[0].Skills[0] != "Go" {
		t.Fatalf("open posts = %+v", open)
	}
	if hits, _ := db.ListPosts(ctx, store.PostFilter{Query: "postgresql"}); len(hits) != 1 {
		t.Fatalf("query hits = %d", len(hits))
	}
}

// testConstraints checks the schema refuses what the code should never
// send: the database is the last line of defence.
func testConstraints(t *testing.T, db *store.DB) {
	f, ent := storetest.FairWithEnterprise(t, db)
	bad := []struct {
		name string
		p    model.Post
		want model.Code
	}{
		{"unknown fair", model.Post{OrgID: *ent.OrgID, FairID: 9999, Title: "x", MinDegree: model.DegreeNone, Headcount: 1, Status: model.PostOpen}, model.Invalid},
		{"bad degree", model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "x", MinDegree: "wizard", Headcount: 1, Status: model.PostOpen}, model.Invalid},
		{"zero headcount", model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "x", MinDegree: model.DegreeNone, Headcount: 0, Status: model.PostOpen}, model.Invalid},
		{"salary inverted", model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "x", MinDegree: model.DegreeNone, Headcount: 1, SalaryMin: 9, SalaryMax: 5, Status: model.PostOpen}, model.Invalid},
	}
	for _, c := range bad {
		p := c.p
		if err := db.CreatePost(ctx, &p); model.ErrorCode(err) != c.want {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.want)
		}
	}
	if n, _ := db.ListPosts(ctx, store.PostFilter{}); len(n) != 0 {
		t.Fatalf("refused posts were stored: %d", len(n))
	}
	// An event whose end precedes its start is refused by a CHECK.
	e, _ := db.CurrentEdition(ctx)
	at := time.Date(2017, 12, 17, 2, 0, 0, 0, time.UTC)
	ev := model.Event{EditionID: e.ID, Kind: model.EventForum, Title: "x", StartsAt: at, EndsAt: at.Add(-time.Hour)}
	if err := db.CreateEvent(ctx, &ev); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("inverted event: %v", err)
	}
}

func testProjectsEventsCounts(t *testing.T, db *store.DB) {
	f, ent := storetest.FairWithEnterprise(t, db)
	e, _ := db.Edition(ctx, f.EditionID)
	p := model.Project{EditionID: e.ID, Source: model.SourceDelegation, OrgID: ent.OrgID, Title: "Graphene anodes", Field: "new materials", FundingSought: 3_000_000}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	orphan := model.Project{EditionID: e.ID, Source: model.SourceTalent, Title: "No owner"}
	if err := db.CreateProject(ctx, &orphan); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("project without owner: %v", err)
	}
	at := time.Date(2017, 12, 17, 2, 0, 0, 0, time.UTC)
	ev := model.Event{EditionID: e.ID, Kind: model.EventSummit, Title: "Opening summit", Topics: []string{"AI"}, StartsAt: at, EndsAt: at.Add(2 * time.Hour), Capacity: 800}
	if err := db.CreateEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	evs, _ := db.ListEvents(ctx, e.ID)
	if len(evs) != 1 || evs[0].Topics[0] != "AI" || !evs[0].StartsAt.Equal(at) {
		t.Fatalf("events = %+v", evs)
	}
	ps, _ := db.ListProjects(ctx, store.ProjectFilter{EditionID: e.ID, OrgID: *ent.OrgID})
	if len(ps) != 1 || ps[0].FundingSought != 3_000_000 {
		t.Fatalf("projects = %+v", ps)
	}
	c, err := db.Counts(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Enterprises != 1 || c.Projects != 1 || c.Events != 1 || c.Posts != 0 {
		t.Fatalf("counts = %+v", c)
	}
}

func testMigrateTwice(t *testing.T, db *store.DB) {
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	v, err := db.Version(ctx)
	if err != nil || v < 1 {
		t.Fatalf("version = %d, %v", v, err)
	}
}

package storetest

// Fixtures shared by the store's conformance suite and the services built
// on the store (internal/scheduling): the same world on both databases.

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

var ctx = context.Background()

func MustRegister(t testing.TB, db *store.DB, email string, role model.Role) model.User {
	t.Helper()
	r := &model.Registration{Email: email, Name: "N " + email, Password: "correct horse battery", Role: role}
	if role != model.RoleTalent {
		r.Org = &model.Organization{Name: "Org of " + email, Province: "Guangdong"}
	}
	if err := r.Validate(); err != nil {
		t.Fatalf("validate: %v", err)
	}
	u, err := db.Register(ctx, r, "hash")
	if err != nil {
		t.Fatalf("register %s: %v", email, err)
	}
	return u
}

func MustEdition(t testing.TB, db *store.DB, slug string) model.Edition {
	t.Helper()
	e := model.Edition{Slug: slug, Name: "OCS " + slug, NameZH: "æµ·äº¤ä¼", City: "Guangzhou",
		StartDate: time.Date(2017, 12, 17, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2017, 12, 18, 0, 0, 0, 0, time.UTC), TimeZone: "Asia/Shanghai"}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateEdition(ctx, &e, 0); err != nil {
		t.Fatalf("create edition: %v", err)
	}
	return e
}

// FairWithEnterprise builds an edition, a fair and an approved enterprise.
func FairWithEnterprise(t testing.TB, db *store.DB) (model.Fair, model.User) {
	e := MustEdition(t, db, "ocs-2017")
	f := model.Fair{EditionID: e.ID, Kind: model.FairOverseas, Name: "Overseas"}
	db.CreateFair(ctx, &f)
	ent := MustRegister(t, db, "hr@corp.example", model.RoleEnterprise)
	db.SetOrgStatus(ctx, *ent.OrgID, model.OrgApproved, 0)
	return f, ent
}

// PostAndTalent builds FairWithEnterprise with a post open in the fair and
// a talent (signed up as email) who may apply to it.
func PostAndTalent(t testing.TB, db *store.DB, email string) (model.User, model.Post, model.Talent) {
	t.Helper()
	f, ent := FairWithEnterprise(t, db)
	p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Go engineer", City: "Guangzhou", MinDegree: model.DegreeMaster}
	p.Validate()
	if err := db.CreatePost(ctx, &p); err != nil {
		t.Fatal(err)
	}
	u := MustRegister(t, db, email, model.RoleTalent)
	tal, err := db.TalentByUser(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ent, p, tal
}

type MeetWorld struct {
	Edition            model.Edition
	Ent, Ent2, Tal, X  model.User
	App                model.Application
	Venue              model.Venue
	SlotStart, SlotEnd time.Time
}

func NewMeetWorld(t testing.TB, db *store.DB) MeetWorld {
	t.Helper()
	f, ent := FairWithEnterprise(t, db)
	e, _ := db.Edition(ctx, f.EditionID)
	ent2 := model.User{Email: "hr2@corp.example", Name: "Second recruiter", Role: model.RoleEnterprise, OrgID: ent.OrgID, Locale: "en"}
	if err := db.CreateUser(ctx, &ent2, "hash"); err != nil {
		t.Fatal(err)
	}
	p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Go engineer"}
	p.Validate()
	if err := db.CreatePost(ctx, &p); err != nil {
		t.Fatal(err)
	}
	tal := MustRegister(t, db, "talent@example.com", model.RoleTalent)
	x := MustRegister(t, db, "other@example.com", model.RoleTalent)
	tt, _ := db.TalentByUser(ctx, tal.ID)
	a, _, err := db.Apply(ctx, tt.ID, p.ID, model.ChannelPC)
	if err != nil {
		t.Fatal(err)
	}
	v := model.Venue{EditionID: e.ID, Name: "Pazhou Hall"}
	if err := db.CreateVenue(ctx, &v); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2017, 12, 17, 1, 0, 0, 0, time.UTC) // 09:00 in Guangzhou
	return MeetWorld{Edition: e, Ent: ent, Ent2: ent2, Tal: tal, X: x, App: a, Venue: v, SlotStart: start, SlotEnd: start.Add(4 * time.Hour)}
}

func AddSlotsAndTable(t testing.TB, db *store.DB, w MeetWorld) []model.Slot {
	t.Helper()
	plan := model.SlotPlan{Day: w.SlotStart, Start: 9 * time.Hour, End: 12*time.Hour + 30*time.Minute, Length: 30 * time.Minute, Gap: 10 * time.Minute,
		Breaks: [][2]time.Duration{{10*time.Hour + 30*time.Minute, 11 * time.Hour}}}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	n, err := db.AddSlots(ctx, w.Edition.ID, plan.Slots(loc))
	if err != nil || n != 4 { // 9:00, 9:40, (10:20 crosses the break) 11:00, 11:40
		sl, _ := db.ListSlots(ctx, w.Edition.ID)
		t.Fatalf("slots added %d (%v): %+v", n, err, sl)
	}
	if again, _ := db.AddSlots(ctx, w.Edition.ID, plan.Slots(loc)); again != 0 {
		t.Fatalf("slots added twice: %d", again)
	}
	tb := model.Table{EditionID: w.Edition.ID, VenueID: &w.Venue.ID, Code: "A1"}
	if err := db.CreateMeetingTable(ctx, &tb, ""); err != nil {
		t.Fatal(err)
	}
	dup := model.Table{EditionID: w.Edition.ID, VenueID: &w.Venue.ID, Code: "A1"}
	if err := db.CreateMeetingTable(ctx, &dup, ""); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("duplicate table code: %v", err)
	}
	room := model.Table{EditionID: w.Edition.ID, Code: "V1", Video: true}
	if err := db.CreateMeetingTable(ctx, &room, "Mars/Olympus"); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("room in a zone that does not exist: %v", err)
	}
	sl, _ := db.ListSlots(ctx, w.Edition.ID)
	return sl
}

package store_test

import (
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

func TestMeetingsConformance(t *testing.T) {
	cases := []struct {
		name string
		fn   func(t *testing.T, db *store.DB, w meetWorld)
	}{
		{"RequestsAndAccess", testMeetingRequests},
		{"Availability", testAvailability},
		{"ScheduleAndPublish", testScheduleAndPublish},
		{"Negotiation", testNegotiation},
	}
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					db := b.Open(t)
					c.fn(t, db, newMeetWorld(t, db))
				})
			}
		})
	}
}

type meetWorld struct {
	edition            model.Edition
	ent, ent2, tal, x  model.User
	app                model.Application
	venue              model.Venue
	slotStart, slotEnd time.Time
}

func newMeetWorld(t *testing.T, db *store.DB) meetWorld {
	t.Helper()
	f, ent := fairWithEnterprise(t, db)
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
	tal := mustRegister(t, db, "talent@example.com", model.RoleTalent)
	x := mustRegister(t, db, "other@example.com", model.RoleTalent)
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
	return meetWorld{edition: e, ent: ent, ent2: ent2, tal: tal, x: x, app: a, venue: v, slotStart: start, slotEnd: start.Add(4 * time.Hour)}
}

func testMeetingRequests(t *testing.T, db *store.DB, w meetWorld) {
	bad := []struct {
		name  string
		in    store.MeetingRequestInput
		field string
	}{
		{"unknown application", store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.ent.ID, ApplicationID: 999}, "application_id"},
		{"not a side", store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.x.ID, ApplicationID: w.app.ID}, "application_id"},
		{"bad kind", store.MeetingRequestInput{Kind: "lunch", ByUserID: w.ent.ID, ApplicationID: w.app.ID}, "kind"},
		{"bad priority", store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.ent.ID, ApplicationID: w.app.ID, Priority: 99}, "priority"},
		{"unknown project", store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.ent.ID, ProjectID: 999}, "project_id"},
	}
	for _, c := range bad {
		_, err := db.CreateMeetingRequest(ctx, c.in)
		if model.FieldsOf(err)[c.field] == "" {
			t.Fatalf("%s: err %v, want a problem on %s", c.name, err, c.field)
		}
	}
	if l, _ := db.MeetingRequestsOf(ctx, w.ent.ID); len(l) != 0 {
		t.Fatalf("bad requests saved: %d", len(l))
	}
	// A talent asks; any member of the enterprise may answer, and the one
	// who accepts becomes the participant.
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.tal.ID, ApplicationID: w.app.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.tal.ID, ApplicationID: w.app.ID}); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("second open request: %v", err)
	}
	if _, err := db.MeetingRequest(ctx, r.ID, w.x.ID); !model.IsNotFound(err) {
		t.Fatalf("outsider sees request: %v", err)
	}
	for _, u := range []model.User{w.x, w.tal} {
		if err := db.AnswerMeetingRequest(ctx, r.ID, u.ID, true); err == nil {
			t.Fatalf("%s accepted a request not addressed to them", u.Email)
		}
	}
	if v, err := db.MeetingRequest(ctx, r.ID, w.ent2.ID); err != nil || v.Subject != "Go engineer" {
		t.Fatalf("colleague sees request: %+v %v", v, err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.ent2.ID, true); err != nil {
		t.Fatal(err)
	}
	v, _ := db.MeetingRequest(ctx, r.ID, w.tal.ID)
	if v.Status != model.RequestAccepted || v.ToUserID != w.ent2.ID {
		t.Fatalf("after accept: %+v", v)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.ent2.ID, false); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("answer twice: %v", err)
	}
	if _, err := db.MeetingRequest(ctx, r.ID, w.ent.ID); !model.IsNotFound(err) {
		t.Fatalf("colleague still sees an accepted request: %v", err)
	}
	n, _ := db.MeetingNotices(ctx, w.tal.ID, 10)
	if len(n) != 1 || n[0].Key != "meetings.notice.accepted" || n[0].Args[1] != "Second recruiter" {
		t.Fatalf("talent notices: %+v", n)
	}
}

func testAvailability(t *testing.T, db *store.DB, w meetWorld) {
	h := func(n int) time.Time { return w.slotStart.Add(time.Duration(n) * time.Hour) }
	bad := []struct {
		name  string
		ws    []model.Availability
		field string
	}{
		{"inverted", []model.Availability{{StartsAt: h(2), EndsAt: h(1)}}, "windows.0.ends_at"},
		{"overlap", []model.Availability{{StartsAt: h(0), EndsAt: h(2)}, {StartsAt: h(1), EndsAt: h(3)}}, "windows.1.starts_at"},
	}
	for _, c := range bad {
		err := db.SetAvailability(ctx, w.tal.ID, c.ws)
		if model.FieldsOf(err)[c.field] == "" {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	good := []model.Availability{{StartsAt: h(3), EndsAt: h(4)}, {StartsAt: h(0), EndsAt: h(2)}}
	if err := db.SetAvailability(ctx, w.tal.ID, good); err != nil {
		t.Fatal(err)
	}
	l, _ := db.AvailabilityOf(ctx, w.tal.ID)
	if len(l) != 2 || !l[0].StartsAt.Equal(h(0)) || !l[1].EndsAt.Equal(h(4)) {
		t.Fatalf("availability: %+v", l)
	}
}

func addSlotsAndTable(t *testing.T, db *store.DB, w meetWorld) []model.Slot {
	t.Helper()
	plan := model.SlotPlan{Day: w.slotStart, Start: 9 * time.Hour, End: 12*time.Hour + 30*time.Minute, Length: 30 * time.Minute, Gap: 10 * time.Minute,
		Breaks: [][2]time.Duration{{10*time.Hour + 30*time.Minute, 11 * time.Hour}}}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	n, err := db.AddSlots(ctx, w.edition.ID, plan.Slots(loc))
	if err != nil || n != 4 { // 9:00, 9:40, (10:20 crosses the break) 11:00, 11:40
		sl, _ := db.ListSlots(ctx, w.edition.ID)
		t.Fatalf("slots added %d (%v): %+v", n, err, sl)
	}
	if again, _ := db.AddSlots(ctx, w.edition.ID, plan.Slots(loc)); again != 0 {
		t.Fatalf("slots added twice: %d", again)
	}
	tb := model.Table{EditionID: w.edition.ID, VenueID: &w.venue.ID, Code: "A1"}
	if err := db.CreateMeetingTable(ctx, &tb, ""); err != nil {
		t.Fatal(err)
	}
	dup := model.Table{EditionID: w.edition.ID, VenueID: &w.venue.ID, Code: "A1"}
	if err := db.CreateMeetingTable(ctx, &dup, ""); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("duplicate table code: %v", err)
	}
	room := model.Table{EditionID: w.edition.ID, Code: "V1", Video: true}
	if err := db.CreateMeetingTable(ctx, &room, "Mars/Olympus"); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("room in a zone that does not exist: %v", err)
	}
	sl, _ := db.ListSlots(ctx, w.edition.ID)
	return sl
}

func testScheduleAndPublish(t *testing.T, db *store.DB, w meetWorld) {
	slots := addSlotsAndTable(t, db, w)
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.ent.ID, ApplicationID: w.app.ID, Priority: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.tal.ID, true); err != nil {
		t.Fatal(err)
	}
	// Only the second slot suits both.
	db.SetAvailability(ctx, w.tal.ID, []model.Availability{{StartsAt: slots[1].StartsAt, EndsAt: slots[3].EndsAt}})
	db.SetAvailability(ctx, w.ent.ID, []model.Availability{{StartsAt: slots[0].StartsAt, EndsAt: slots[1].EndsAt}})
	run, err := db.RunSchedule(ctx, w.edition.ID, "interview", w.ent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if run.Placed != 1 || run.Requests != 1 || len(run.Unplaced) != 0 {
		t.Fatalf("run: %+v", run)
	}
	if a, _ := db.AgendaOf(ctx, w.tal.ID); len(a) != 0 {
		t.Fatalf("drafts on the agenda: %+v", a)
	}
	run2, err := db.RunSchedule(ctx, w.edition.ID, "both", 0)
	if err != nil || run2.Placed != 1 {
		t.Fatalf("re-run: %+v %v", run2, err)
	}
	if _, err := db.PublishScheduleRun(ctx, run.ID, 0); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("publishing a replaced run: %v", err)
	}
	if n, err := db.PublishScheduleRun(ctx, run2.ID, 0); err != nil || n != 1 {
		t.Fatalf("publish: %d %v", n, err)
	}
	at, _ := db.AgendaOf(ctx, w.tal.ID)
	ae, _ := db.AgendaOf(ctx, w.ent.ID)
	if len(at) != 1 || len(ae) != 1 || !at[0].StartsAt.Equal(slots[1].StartsAt) || at[0].TableCode != "A1" || ae[0].TableCode != "A1" ||
		at[0].With != w.ent.Name || ae[0].With != w.tal.Name || at[0].EditionZone != "Asia/Shanghai" || at[0].VenueName != "Pazhou Hall" {
		t.Fatalf("agendas: %+v / %+v", at, ae)
	}
	// A later run keeps the published meeting where it is, even when
	// availability changed; a new meeting is placed around it.
	db.SetAvailability(ctx, w.tal.ID, []model.Availability{{StartsAt: slots[2].StartsAt, EndsAt: slots[3].EndsAt}})
	run3, err := db.RunSchedule(ctx, w.edition.ID, "both", 0)
	if err != nil || run3.Placed != 0 || run3.Requests != 0 {
		t.Fatalf("run after publishing: %+v %v", run3, err)
	}
	if at, _ := db.AgendaOf(ctx, w.tal.ID); len(at) != 1 || !at[0].StartsAt.Equal(slots[1].StartsAt) {
		t.Fatalf("published meeting moved: %+v", at)
	}
	cards, _ := db.TableCards(ctx, w.edition.ID)
	if len(cards) != 1 || len(cards[0].Rows) != 1 || !cards[0].Rows[0].Published {
		t.Fatalf("table cards: %+v", cards)
	}
	// The talent cancels: the meeting leaves both agendas and the
	// enterprise is told.
	if err := db.CancelMeetingRequest(ctx, r.ID, w.x.ID); !model.IsNotFound(err) {
		t.Fatalf("outsider cancels: %v", err)
	}
	if err := db.CancelMeetingRequest(ctx, r.ID, w.tal.ID); err != nil {
		t.Fatal(err)
	}
	if ae, _ := db.AgendaOf(ctx, w.ent.ID); len(ae) != 0 {
		t.Fatalf("cancelled meeting on agenda: %+v", ae)
	}
	n, _ := db.MeetingNotices(ctx, w.ent.ID, 10)
	if len(n) == 0 || n[0].Key != "meetings.notice.cancelled" {
		t.Fatalf("enterprise notices: %+v", n)
	}
	// Unplaceable: the two are never free at the same time.
	db.SetAvailability(ctx, w.ent2.ID, []model.Availability{{StartsAt: slots[0].StartsAt, EndsAt: slots[0].EndsAt}})
	r2, _ := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.ent2.ID, ApplicationID: w.app.ID})
	db.AnswerMeetingRequest(ctx, r2.ID, w.tal.ID, true)
	run4, err := db.RunSchedule(ctx, w.edition.ID, "interview", 0)
	if err != nil || len(run4.Unplaced) != 1 || run4.Unplaced[0].Code != "no_common_slot" || run4.Unplaced[0].RequestID != r2.ID {
		t.Fatalf("unplaced: %+v %v", run4, err)
	}
	if got, _ := db.LatestScheduleRun(ctx, w.edition.ID); got.ID != run4.ID || len(got.Unplaced) != 1 {
		t.Fatalf("latest run: %+v", got)
	}
}

func testNegotiation(t *testing.T, db *store.DB, w meetWorld) {
	owner := w.tal.ID
	p := model.Project{EditionID: w.edition.ID, Source: model.SourceTalent, OwnerUserID: &owner, Title: "Battery recycling", Stage: "prototype"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.tal.ID, ProjectID: p.ID, OrgID: 999}); err == nil {
		t.Fatal("negotiation with an unknown organization saved")
	}
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.tal.ID, ProjectID: p.ID, OrgID: *w.ent.OrgID})
	if err != nil || r.DockingID == nil {
		t.Fatalf("negotiation: %+v %v", r, err)
	}
	// The enterprise asking about the same project reuses the docking.
	r2, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.ent.ID, ProjectID: p.ID})
	if err != nil || r2.DockingID == nil || *r2.DockingID != *r.DockingID || r2.ToUserID != w.tal.ID {
		t.Fatalf("negotiation from the enterprise: %+v %v", r2, err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.ent.ID, true); err != nil {
		t.Fatal(err)
	}
	v, _ := db.MeetingRequest(ctx, r.ID, w.tal.ID)
	if v.Subject != "Battery recycling" || v.Status != model.RequestAccepted {
		t.Fatalf("negotiation view: %+v", v)
	}
}

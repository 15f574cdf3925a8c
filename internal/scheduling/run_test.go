package scheduling_test

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/scheduling"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

var ctx = context.Background()

// TestScheduleAndPublish runs the scheduler over the store on both
// databases: a run keeps drafts, a re-run replaces them, publishing puts
// them on agendas, a later run leaves published meetings where they are.
func TestScheduleAndPublish(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			testScheduleAndPublish(t, db, storetest.NewMeetWorld(t, db))
		})
	}
}

func testScheduleAndPublish(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	slots := storetest.AddSlotsAndTable(t, db, w)
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Ent.ID, ApplicationID: w.App.ID, Priority: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.Tal.ID, true); err != nil {
		t.Fatal(err)
	}
	// Only the second slot suits both.
	db.SetAvailability(ctx, w.Tal.ID, []model.Availability{{StartsAt: slots[1].StartsAt, EndsAt: slots[3].EndsAt}})
	db.SetAvailability(ctx, w.Ent.ID, []model.Availability{{StartsAt: slots[0].StartsAt, EndsAt: slots[1].EndsAt}})
	run, err := scheduling.Run(ctx, db, w.Edition.ID, "interview", w.Ent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if run.Placed != 1 || run.Requests != 1 || len(run.Unplaced) != 0 {
		t.Fatalf("run: %+v", run)
	}
	if a, _ := db.AgendaOf(ctx, w.Tal.ID); len(a) != 0 {
		t.Fatalf("drafts on the agenda: %+v", a)
	}
	run2, err := scheduling.Run(ctx, db, w.Edition.ID, "both", 0)
	if err != nil || run2.Placed != 1 {
		t.Fatalf("re-run: %+v %v", run2, err)
	}
	if _, err := db.PublishScheduleRun(ctx, run.ID, 0); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("publishing a replaced run: %v", err)
	}
	if n, err := db.PublishScheduleRun(ctx, run2.ID, 0); err != nil || n != 1 {
		t.Fatalf("publish: %d %v", n, err)
	}
	at, _ := db.AgendaOf(ctx, w.Tal.ID)
	ae, _ := db.AgendaOf(ctx, w.Ent.ID)
	if len(at) != 1 || len(ae) != 1 || !at[0].StartsAt.Equal(slots[1].StartsAt) || at[0].TableCode != "A1" || ae[0].TableCode != "A1" ||
		at[0].With != w.Ent.Name || ae[0].With != w.Tal.Name || at[0].EditionZone != "Asia/Shanghai" || at[0].VenueName != "Pazhou Hall" {
		t.Fatalf("agendas: %+v / %+v", at, ae)
	}
	// A later run keeps the published meeting where it is, even when
	// availability changed; a new meeting is placed around it.
	db.SetAvailability(ctx, w.Tal.ID, []model.Availability{{StartsAt: slots[2].StartsAt, EndsAt: slots[3].EndsAt}})
	run3, err := scheduling.Run(ctx, db, w.Edition.ID, "both", 0)
	if err != nil || run3.Placed != 0 || run3.Requests != 0 {
		t.Fatalf("run after publishing: %+v %v", run3, err)
	}
	if at, _ := db.AgendaOf(ctx, w.Tal.ID); len(at) != 1 || !at[0].StartsAt.Equal(slots[1].StartsAt) {
		t.Fatalf("published meeting moved: %+v", at)
	}
	cards, _ := db.TableCards(ctx, w.Edition.ID)
	if len(cards) != 1 || len(cards[0].Rows) != 1 || !cards[0].Rows[0].Published {
		t.Fatalf("table cards: %+v", cards)
	}
	// The talent cancels: the meeting leaves both agendas and the
	// enterprise is told.
	if err := db.CancelMeetingRequest(ctx, r.ID, w.X.ID); !model.IsNotFound(err) {
		t.Fatalf("outsider cancels: %v", err)
	}
	if err := db.CancelMeetingRequest(ctx, r.ID, w.Tal.ID); err != nil {
		t.Fatal(err)
	}
	if ae, _ := db.AgendaOf(ctx, w.Ent.ID); len(ae) != 0 {
		t.Fatalf("cancelled meeting on agenda: %+v", ae)
	}
	n, _ := db.MeetingNotices(ctx, w.Ent.ID, 10)
	if len(n) == 0 || n[0].Key != "meetings.notice.cancelled" {
		t.Fatalf("enterprise notices: %+v", n)
	}
	// Unplaceable: the two are never free at the same time.
	db.SetAvailability(ctx, w.Ent2.ID, []model.Availability{{StartsAt: slots[0].StartsAt, EndsAt: slots[0].EndsAt}})
	r2, _ := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Ent2.ID, ApplicationID: w.App.ID})
	db.AnswerMeetingRequest(ctx, r2.ID, w.Tal.ID, true)
	run4, err := scheduling.Run(ctx, db, w.Edition.ID, "interview", 0)
	if err != nil || len(run4.Unplaced) != 1 || run4.Unplaced[0].Code != "no_common_slot" || run4.Unplaced[0].RequestID != r2.ID {
		t.Fatalf("unplaced: %+v %v", run4, err)
	}
	if got, _ := db.LatestScheduleRun(ctx, w.Edition.ID); got.ID != run4.ID || len(got.Unplaced) != 1 {
		t.Fatalf("latest run: %+v", got)
	}
}

// TestVideoInSessionHours: a remote session's video room takes meetings
// only in the session's hours; a room whose session holds no slot takes
// none (the request is left unplaced, with its reason).
func TestVideoInSessionHours(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			// Tokyo's session covers the last two slots only.
			db, w, rs, run := videoSessionRun(t, b.Open(t), 2, 3)
			if run.Placed != 1 {
				t.Fatalf("run %+v", run)
			}
			if _, err := db.PublishScheduleRun(ctx, run.ID, 0); err != nil {
				t.Fatal(err)
			}
			at, _ := db.AgendaOf(ctx, w.Tal.ID)
			if len(at) != 1 || at[0].TableCode != "TOKYO-1" || at[0].StartsAt.Before(rs.StartsAt) {
				t.Fatalf("placed outside Tokyo's hours: %+v (session from %v)", at, rs.StartsAt)
			}
			// A session that ends before the first slot: nowhere to go.
			_, _, _, run = videoSessionRun(t, b.Open(t), -1, -1)
			if run.Placed != 0 || len(run.Unplaced) != 1 {
				t.Fatalf("run with no slot in the session's hours: %+v", run)
			}
		})
	}
}

// videoSessionRun sets up a video interview whose only room belongs to a
// remote session from slot first to slot last (-1: the hour before the
// first slot) and runs the scheduler.
func videoSessionRun(t *testing.T, db *store.DB, first, last int) (*store.DB, storetest.MeetWorld, model.RemoteSession, store.ScheduleRun) {
	t.Helper()
	w := storetest.NewMeetWorld(t, db)
	slots := storetest.AddSlotsAndTable(t, db, w)
	fair := model.Fair{EditionID: w.Edition.ID, Kind: model.FairVideo, Name: "Video fair"}
	if err := db.CreateFair(ctx, &fair); err != nil {
		t.Fatal(err)
	}
	rs := model.RemoteSession{FairID: fair.ID, Location: "Tokyo", TimeZone: "Asia/Tokyo"}
	if first < 0 {
		rs.StartsAt, rs.EndsAt = slots[0].StartsAt.Add(-time.Hour), slots[0].StartsAt.Add(-time.Minute)
	} else {
		rs.StartsAt, rs.EndsAt = slots[first].StartsAt, slots[last].EndsAt
	}
	if err := db.CreateRemoteSession(ctx, &rs); err != nil {
		t.Fatal(err)
	}
	room := model.Table{EditionID: w.Edition.ID, Code: "TOKYO-1", Video: true, SessionID: &rs.ID}
	if err := db.CreateMeetingTable(ctx, &room, "Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Ent.ID, ApplicationID: w.App.ID, Video: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.Tal.ID, true); err != nil {
		t.Fatal(err)
	}
	run, err := scheduling.Run(ctx, db, w.Edition.ID, "interview", 0)
	if err != nil {
		t.Fatal(err)
	}
	return db, w, rs, run
}

package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestVideoConformance: video rooms, signaling, chat and presence behave
// alike on SQLite and PostgreSQL.
func TestVideoConformance(t *testing.T) {
	storetest.Run(t, storetest.Cases{
		"Room":            testVideoRoom,
		"Signals":         testVideoSignals,
		"ChatAndPresence": testVideoChatPresence,
		"Figures":         testVideoFigures,
	})
}

// videoMeeting publishes an interview between the world's enterprise and
// talent in a video room at 09:00 Guangzhou time.
func videoMeeting(t *testing.T, db *store.DB) (storetest.MeetWorld, model.MeetingRequest, model.Table) {
	t.Helper()
	w := storetest.NewMeetWorld(t, db)
	req, room, run := draftVideoMeeting(t, db, w)
	if _, err := db.VideoRoomOf(ctx, req.ID); !model.IsNotFound(err) {
		t.Fatalf("a draft meeting has a room: %v", err)
	}
	if _, err := db.PublishScheduleRun(ctx, run.ID, 0); err != nil {
		t.Fatal(err)
	}
	return w, req, room
}

// draftVideoMeeting places that interview in a schedule run not yet
// published.
func draftVideoMeeting(t *testing.T, db *store.DB, w storetest.MeetWorld) (model.MeetingRequest, model.Table, store.ScheduleRun) {
	t.Helper()
	req, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Ent.ID, ApplicationID: w.App.ID, Video: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerMeetingRequest(ctx, req.ID, w.Tal.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddSlots(ctx, w.Edition.ID, []model.Slot{{EditionID: w.Edition.ID, StartsAt: w.SlotStart, EndsAt: w.SlotStart.Add(30 * time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	slots, _ := db.ListSlots(ctx, w.Edition.ID)
	room := model.Table{EditionID: w.Edition.ID, Code: "V1", Video: true}
	if err := db.CreateMeetingTable(ctx, &room, "Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	run := store.ScheduleRun{EditionID: w.Edition.ID, Kind: "interview", Requests: 1}
	if err := db.SaveScheduleRun(ctx, &run, 0, nil, []store.Placement{{RequestID: req.ID, SlotID: slots[0].ID, TableID: room.ID}}); err != nil {
		t.Fatal(err)
	}
	return req, room, run
}

func testVideoRoom(t *testing.T, db *store.DB) {
	w, req, room := videoMeeting(t, db)
	r, err := db.VideoRoomOf(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Sides[0].UserID != w.Ent.ID || r.Sides[1].UserID != w.Tal.ID || r.Side(w.Tal.ID) != 1 || r.Side(w.X.ID) != -1 {
		t.Fatalf("sides %+v", r.Sides)
	}
	if !r.StartsAt.Equal(w.SlotStart) || r.RoomZone != "Asia/Tokyo" || r.TableCode != "V1" || r.ExternalURL != "" || r.Subject != "Go engineer" {
		t.Fatalf("room %+v", r)
	}
	if err := db.SetVideoLink(ctx, room.ID, "https://meet.example.com/abc"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetVideoLink(ctx, room.ID, "https://meet.example.com/def"); err != nil {
		t.Fatal(err)
	}
	if r, _ = db.VideoRoomOf(ctx, req.ID); r.ExternalURL != "https://meet.example.com/def" {
		t.Fatalf("external url %q", r.ExternalURL)
	}
	if err := db.SetVideoLink(ctx, room.ID, ""); err != nil {
		t.Fatal(err)
	}
	if r, _ = db.VideoRoomOf(ctx, req.ID); r.ExternalURL != "" {
		t.Fatalf("external url kept: %q", r.ExternalURL)
	}
	if err := db.SetVideoLink(ctx, 999999, "https://x.example"); !model.IsNotFound(err) {
		t.Fatalf("link on a missing room: %v", err)
	}
	if _, err := db.VideoRoomOf(ctx, 999999); !model.IsNotFound(err) {
		t.Fatalf("missing room: %v", err)
	}
	if err := db.CancelMeetingRequest(ctx, req.ID, w.Tal.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.VideoRoomOf(ctx, req.ID); !model.IsNotFound(err) {
		t.Fatalf("a cancelled meeting keeps its room: %v", err)
	}
}

func testVideoSignals(t *testing.T, db *store.DB) {
	w, req, _ := videoMeeting(t, db)
	// Both sides write at once: every message is kept once, in id order.
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := w.Ent.ID
			if i%2 == 1 {
				from = w.Tal.ID
			}
			s := store.VideoSignal{RequestID: req.ID, FromUserID: from, Kind: "candidate", Body: `{"n":1}`}
			if err := db.AddVideoSignal(ctx, &s); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, err := db.VideoSignalsAfter(ctx, req.ID, w.Tal.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 20 {
		t.Fatalf("talent reads %d messages, want the enterprise's 20", len(got))
	}
	for i, s := range got {
		if s.FromUserID != w.Ent.ID || (i > 0 && s.ID <= got[i-1].ID) {
			t.Fatalf("message %d: %+v", i, s)
		}
	}
	last, _ := db.LastVideoSignal(ctx, req.ID)
	if more, _ := db.VideoSignalsAfter(ctx, req.ID, w.Tal.ID, last, 100); len(more) != 0 {
		t.Fatalf("after the last: %d", len(more))
	}
	bad := store.VideoSignal{RequestID: req.ID, FromUserID: w.Ent.ID, Kind: "shout", Body: "{}"}
	if err := db.AddVideoSignal(ctx, &bad); model.ErrorCode(err) != model.Invalid {
		t.Fatalf("unknown kind: %v", err)
	}
	if n, err := db.PruneVideoSignals(ctx, time.Now().Add(time.Hour)); err != nil || n != 40 {
		t.Fatalf("pruned %d, %v", n, err)
	}
}

func testVideoChatPresence(t *testing.T, db *store.DB) {
	w, req, _ := videoMeeting(t, db)
	for _, c := range []store.VideoChat{{UserID: w.Ent.ID, Body: "你好"}, {UserID: w.Tal.ID, Body: "Hello"}} {
		c.RequestID = req.ID
		if err := db.AddVideoChat(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	l, err := db.VideoChatAfter(ctx, req.ID, 0, 50)
	if err != nil || len(l) != 2 || l[0].Body != "你好" || l[1].Name != w.Tal.Name {
		t.Fatalf("chat %+v %v", l, err)
	}
	if err := db.TouchVideoPresence(ctx, req.ID, w.Tal.ID, "Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	if err := db.TouchVideoPresence(ctx, req.ID, w.Tal.ID, ""); err != nil {
		t.Fatal(err)
	}
	ps, err := db.VideoPresenceOf(ctx, req.ID)
	if err != nil || len(ps) != 1 || ps[0].UserID != w.Tal.ID || ps[0].TimeZone != "Asia/Tokyo" || ps[0].LastSeen.Before(ps[0].FirstSeen) {
		t.Fatalf("presence %+v %v", ps, err)
	}
}

func testVideoFigures(t *testing.T, db *store.DB) {
	w, req, _ := videoMeeting(t, db)
	figs := func(now time.Time) store.VideoFigure {
		t.Helper()
		l, err := db.VideoFigures(ctx, w.Edition.ID, now, 15*time.Minute)
		if err != nil || len(l) != 1 {
			t.Fatalf("figures %+v %v", l, err)
		}
		return l[0]
	}
	// Before the slot: upcoming; after it with nobody there: a no-show.
	if f := figs(w.SlotStart.Add(-time.Hour)); f.Meetings != 1 || f.Upcoming != 1 || f.Session != "Asia/Tokyo" {
		t.Fatalf("before: %+v", f)
	}
	if f := figs(w.SlotStart.Add(2 * time.Hour)); f.NoShows != 1 || f.Held != 0 {
		t.Fatalf("nobody came: %+v", f)
	}
	// One side only is still a no-show; both sides: held.
	db.TouchVideoPresence(ctx, req.ID, w.Tal.ID, "Asia/Tokyo")
	if f := figs(w.SlotStart.Add(2 * time.Hour)); f.NoShows != 1 {
		t.Fatalf("one side came: %+v", f)
	}
	db.TouchVideoPresence(ctx, req.ID, w.Ent.ID, "")
	time.Sleep(5 * time.Millisecond)
	db.TouchVideoPresence(ctx, req.ID, w.Tal.ID, "")
	db.TouchVideoPresence(ctx, req.ID, w.Ent.ID, "")
	if f := figs(w.SlotStart.Add(2 * time.Hour)); f.Held != 1 || f.NoShows != 0 || f.Minutes <= 0 {
		t.Fatalf("both came: %+v", f)
	}
}

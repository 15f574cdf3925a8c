package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestEventsConformance: registration, waitlist and holds behave alike on
// SQLite and PostgreSQL, including under 2,000 concurrent registrations.
func TestEventsConformance(t *testing.T) {
	storetest.Run(t, storetest.Cases{
		"SaveEvent":               testSaveEvent,
		"WaitlistAndHolds":        testWaitlistAndHolds,
		"ConcurrentRegistrations": testConcurrentRegistrations,
	})
}

func mustEvent(t *testing.T, db *store.DB, editionID int64, capacity int) store.EventInfo {
	t.Helper()
	start := time.Date(2017, 12, 17, 6, 0, 0, 0, time.UTC)
	e := store.EventInfo{Event: model.Event{EditionID: editionID, Kind: model.EventForum, Title: "Forum", Room: "Room 201",
		StartsAt: start, EndsAt: start.Add(3 * time.Hour), Capacity: capacity}, Audience: "all", HoldSeconds: 3600}
	if err := db.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// mustUsers adds n talents' accounts in one bulk load: one by one, the
// 2,000 of the concurrency test cost 2,000 commits before the race began.
func mustUsers(t *testing.T, db *store.DB, n int, prefix string) []int64 {
	t.Helper()
	ids := make([]int64, n)
	err := db.BulkLoad(ctx, func(b *store.Bulk) error {
		max, err := b.MaxIDs()
		if err != nil {
			return err
		}
		us := make([]model.User, n)
		for i := range us {
			ids[i] = max.Users + int64(i) + 1
			us[i] = model.User{ID: ids[i], Email: fmt.Sprintf("%s%d@example.com", prefix, i), Name: fmt.Sprintf("%s %d", prefix, i),
				Role: model.RoleTalent, Locale: "en", CreatedAt: time.Now().UTC()}
		}
		return b.Users(us, "hash")
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func testSaveEvent(t *testing.T, db *store.DB) {
	ed := storetest.MustEdition(t, db, "ocs")
	e := mustEvent(t, db, ed.ID, 10)
	e.Abstract, e.Capacity = "About", 12
	if err := db.SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	got, err := db.EventInfo(ctx, e.ID)
	if err != nil || got.Abstract != "About" || got.Capacity != 12 || got.HoldSeconds != 3600 {
		t.Fatalf("%+v %v", got, err)
	}
	bad := e
	bad.EndsAt = bad.StartsAt
	if err := db.SaveEvent(ctx, &bad); model.FieldsOf(err)["ends_at"] == "" {
		t.Fatalf("inverted times saved: %v", err)
	}
}

func status(t *testing.T, db *store.DB, ev, u int64) string {
	t.Helper()
	r, err := db.RegistrationOf(ctx, ev, u)
	if err != nil {
		t.Fatal(err)
	}
	return r.Status
}

func testWaitlistAndHolds(t *testing.T, db *store.DB) {
	now := time.Date(2017, 12, 10, 8, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	ed := storetest.MustEdition(t, db, "ocs")
	e := mustEvent(t, db, ed.ID, 2)
	u := mustUsers(t, db, 5, "p")
	for i, want := range []string{"registered", "registered", "waitlisted", "waitlisted", "waitlisted"} {
		r, err := db.RegisterForEvent(ctx, e.ID, u[i])
		if err != nil || r.Status != want {
			t.Fatalf("user %d: %+v %v, want %s", i, r, err, want)
		}
	}
	if _, err := db.RegisterForEvent(ctx, e.ID, u[0]); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("second registration: %v", err)
	}
	if r, _ := db.RegistrationOf(ctx, e.ID, u[4]); r.Position != 3 {
		t.Fatalf("position %d, want 3", r.Position)
	}
	// A cancellation offers the seat to the first in line, held for an hour.
	if err := db.CancelRegistration(ctx, e.ID, u[0]); err != nil {
		t.Fatal(err)
	}
	if s := status(t, db, e.ID, u[2]); s != "offered" {
		t.Fatalf("next in line: %s", s)
	}
	// Nobody jumps the queue while the seat is held.
	late := mustUsers(t, db, 1, "late")[0]
	if r, _ := db.RegisterForEvent(ctx, e.ID, late); r.Status != "waitlisted" || r.Position != 3 {
		t.Fatalf("late registrant: %+v", r)
	}
	// The hold ends: the seat passes to the next.
	now = now.Add(61 * time.Minute)
	if err := db.AcceptOffer(ctx, e.ID, u[2]); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("accepting an expired offer: %v", err)
	}
	if s := status(t, db, e.ID, u[2]); s != "expired" {
		t.Fatalf("expired hold: %s", s)
	}
	if s := status(t, db, e.ID, u[3]); s != "offered" {
		t.Fatalf("next after expiry: %s", s)
	}
	if err := db.AcceptOffer(ctx, e.ID, u[3]); err != nil {
		t.Fatal(err)
	}
	if s := status(t, db, e.ID, u[3]); s != "registered" {
		t.Fatalf("accepted: %s", s)
	}
	// The sweeper passes on an ended hold without anyone asking.
	if err := db.CancelRegistration(ctx, e.ID, u[1]); err != nil {
		t.Fatal(err)
	}
	if s := status(t, db, e.ID, u[4]); s != "offered" {
		t.Fatalf("offer after second cancel: %s", s)
	}
	now = now.Add(2 * time.Hour)
	if n, err := db.SettleHolds(ctx, 0); err != nil || n != 1 {
		t.Fatalf("sweep: %d %v", n, err)
	}
	if s := status(t, db, e.ID, late); s != "offered" {
		t.Fatalf("late registrant after sweep: %s", s)
	}
	if n, _ := db.SettleHolds(ctx, 0); n != 0 {
		t.Fatalf("second sweep offered %d", n)
	}
	info, _ := db.EventInfo(ctx, e.ID)
	if info.Registered != 2 || info.Waitlisted != 0 {
		t.Fatalf("counts %+v", info)
	}
}

// testConcurrentRegistrations: 2,000 people register at once for 300
// seats: exactly 300 get one, the rest wait in arrival (id) order with
// positions 1..1700.
func testConcurrentRegistrations(t *testing.T, db *store.DB) {
	ed := storetest.MustEdition(t, db, "ocs")
	e := mustEvent(t, db, ed.ID, 300)
	users := mustUsers(t, db, 2000, "c")
	var wg sync.WaitGroup
	errs := make(chan error, len(users))
	start := make(chan struct{})
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := db.RegisterForEvent(ctx, e.ID, u); err != nil {
				errs <- err
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	regs, err := db.Registrations(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	seated, waiting := 0, 0
	var lastID int64
	for _, r := range regs {
		switch r.Status {
		case "registered":
			seated++
		case "waitlisted":
			waiting++
			if r.Position != waiting || r.ID <= lastID {
				t.Fatalf("waitlist out of order at %d: %+v", waiting, r)
			}
			lastID = r.ID
		default:
			t.Fatalf("status %s", r.Status)
		}
	}
	if seated != 300 || waiting != 1700 {
		t.Fatalf("seated %d, waiting %d", seated, waiting)
	}
	// Every seated registration arrived before every waitlisted one.
	var maxSeated int64
	for _, r := range regs {
		if r.Status == "registered" && r.ID > maxSeated {
			maxSeated = r.ID
		}
	}
	if regs[len(regs)-1700].ID < maxSeated {
		t.Fatal("a waitlisted registration arrived before a seated one")
	}
}

package store_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

type boothWorld struct {
	edition model.Edition
	area    model.Area
	booths  []model.Booth
	orgs    []int64
	users   []model.User // one member of each organization
}

func newBoothWorld(t *testing.T, db *store.DB, nBooths, nOrgs int) boothWorld {
	t.Helper()
	var w boothWorld
	w.edition = storetest.MustEdition(t, db, "ocs-booths")
	v := model.Venue{EditionID: w.edition.ID, Name: "Pazhou", AreaM2: 30000}
	if err := db.CreateVenue(ctx, &v); err != nil {
		t.Fatal(err)
	}
	h := model.Hall{VenueID: v.ID, Name: "Hall 1"}
	if err := db.CreateHall(ctx, &h); err != nil {
		t.Fatal(err)
	}
	w.area = model.Area{HallID: h.ID, Kind: model.AreaProvince, Name: "Guangdong"}
	if err := db.CreateArea(ctx, &w.area); err != nil {
		t.Fatal(err)
	}
	for i := range nBooths {
		b := model.Booth{AreaID: w.area.ID, Code: fmt.Sprintf("P01-%03d", i+1), AreaM2: 9, X: 3 * (i % 40), Y: 3 * (i / 40)}
		if err := db.CreateBooth(ctx, &b); err != nil {
			t.Fatal(err)
		}
		w.booths = append(w.booths, b)
	}
	for i := range nOrgs {
		u := storetest.MustRegister(t, db, fmt.Sprintf("d%d@gov.example", i), model.RoleDelegation)
		w.orgs = append(w.orgs, *u.OrgID)
		w.users = append(w.users, u)
	}
	return w
}

// withDeadline opens the world's exhibition with a request deadline.
func withDeadline(t *testing.T, db *store.DB, w boothWorld, deadline time.Time) time.Time {
	t.Helper()
	if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: w.edition.ID, Seed: 1, HoldSeconds: 3600, RequestDeadline: &deadline}, 0); err != nil {
		t.Fatal(err)
	}
	return deadline
}

func TestBoothsConformance(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			t.Run("Lifecycle", func(t *testing.T) { testBoothLifecycle(t, b.Open(t)) })
			t.Run("QuotaSum", func(t *testing.T) { testBoothQuotaSum(t, b.Open(t)) })
			t.Run("ImportAllOrNothing", func(t *testing.T) { testBoothImport(t, b.Open(t)) })
			t.Run("ConcurrentBooking", func(t *testing.T) { testBoothRace(t, b.Open(t)) })
			t.Run("RequestDeadline", func(t *testing.T) { testBoothDeadline(t, b.Open(t)) })
			t.Run("Priority", func(t *testing.T) { testBoothPriority(t, b.Open(t)) })
			t.Run("Withdraw", func(t *testing.T) { testBoothWithdraw(t, b.Open(t)) })
			t.Run("Audited", func(t *testing.T) { testBoothAudited(t, b.Open(t)) })
			t.Run("Competitors", func(t *testing.T) { testBoothCompetitors(t, b.Open(t)) })
		})
	}
}

// Run → publish → confirm → release → the first on the waitlist is
// offered the booth with a hold, accepts within it; an offer that runs out
// passes to the next.
func testBoothLifecycle(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 3, 4)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: w.edition.ID, Seed: 42, HoldSeconds: 3600}, 0); err != nil {
		t.Fatal(err)
	}
	var reqs []store.BoothRequest
	for i, org := range w.orgs {
		r := store.BoothRequest{EditionID: w.edition.ID, OrgID: org, AreaID: w.area.ID, Count: 1, Group: "GD", Priority: 4 - i}
		if err := db.CreateBoothRequest(ctx, &r); err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, r)
	}
	bad := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1, M2: 9}
	if err := db.CreateBoothRequest(ctx, &bad); model.AsError(err) == nil {
		t.Fatalf("count and m² both accepted: %v", err)
	}
	// A run: requests 0..2 get booths 0..2, request 3 waitlisted first.
	var drafts []store.BoothDraft
	var outs []store.BoothOutcome
	for i := range 3 {
		drafts = append(drafts, store.BoothDraft{BoothID: w.booths[i].ID, OrgID: w.orgs[i], RequestID: reqs[i].ID})
		outs = append(outs, store.BoothOutcome{RequestID: reqs[i].ID, Status: "assigned", Outcome: "{}"})
	}
	outs = append(outs, store.BoothOutcome{RequestID: reqs[3].ID, Status: "waitlisted", Waitlist: 1, Outcome: "{}"})
	if err := db.SaveBoothRun(ctx, w.edition.ID, drafts, outs, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmBooth(ctx, w.orgs[0], w.booths[0].ID); model.AsError(err) == nil {
		t.Fatal("a draft was confirmed before publication")
	}
	// The delegation's figures count its request, and its m² once published
	// (a draft is not yet the delegation's).
	boothFigures := func() (int, float64) {
		t.Helper()
		fs, err := db.DelegationsFigures(ctx, w.edition.ID, w.orgs[0])
		if err != nil || len(fs) != 1 {
			t.Fatalf("figures %+v %v", fs, err)
		}
		return fs[0].BoothAsks, fs[0].BoothM2
	}
	if n, m2 := boothFigures(); n != 1 || m2 != 0 {
		t.Fatalf("before publication: %d requests, %v m²", n, m2)
	}
	if err := db.PublishBooths(ctx, w.edition.ID, now.Add(48*time.Hour), 0); err != nil {
		t.Fatal(err)
	}
	if n, m2 := boothFigures(); n != 1 || m2 != 9 {
		t.Fatalf("after publication: %d requests, %v m²", n, m2)
	}
	// Every organization that asked is told: booths to confirm, or its place in line.
	told := func(u model.User, key string) []string {
		t.Helper()
		ns, err := db.Notifications(ctx, u.ID, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			if n.Key == key {
				return n.Args
			}
		}
		t.Fatalf("%s has no %s among %+v", u.Email, key, ns)
		return nil
	}
	if args := told(w.users[0], "booths.notice.assigned"); len(args) != 2 || args[0] != "1" || args[1] != "2026-12-06 10:00 UTC" {
		t.Fatalf("assigned notice %q", args)
	}
	if args := told(w.users[3], "booths.notice.waitlisted"); len(args) != 1 || args[0] != "1" {
		t.Fatalf("waitlisted notice %q", args)
	}
	if err := db.PublishBooths(ctx, w.edition.ID, now, 0); model.AsError(err) == nil {
		t.Fatal("published twice")
	}
	if err := db.SaveBoothRun(ctx, w.edition.ID, nil, nil, 0); model.AsError(err) == nil {
		t.Fatal("a run replaced a published allocation")
	}
	if err := db.ConfirmBooth(ctx, w.orgs[0], w.booths[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmBooth(ctx, w.orgs[1], w.booths[0].ID); model.AsError(err) == nil {
		t.Fatal("confirmed someone else's booth")
	}
	// Org 1 releases: org 3 (first on the waitlist) is offered it.
	next, err := db.ReleaseBooth(ctx, w.edition.ID, w.orgs[1], w.booths[1].ID)
	if err != nil || next != w.orgs[3] {
		t.Fatalf("release offered to %d, %v; want %d", next, err, w.orgs[3])
	}
	if args := told(w.users[3], "booths.notice.offered"); len(args) != 2 || args[0] != "P01-002" {
		t.Fatalf("offer notice %q", args)
	}
	plan, err := db.PlanBooths(ctx, w.edition.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, b := range plan {
		states[b.Code] = b.State
	}
	if states["P01-001"] != store.BoothAssigned || states["P01-002"] != store.BoothHeld {
		t.Fatalf("states %v", states)
	}
	// Within the hold: accepted.
	now = now.Add(30 * time.Minute)
	if err := db.ConfirmBooth(ctx, w.orgs[3], w.booths[1].ID); err != nil {
		t.Fatal(err)
	}
	// Org 2 releases; nobody left waiting → available.
	if next, err := db.ReleaseBooth(ctx, w.edition.ID, w.orgs[2], w.booths[2].ID); err != nil || next != 0 {
		t.Fatalf("release: %d, %v", next, err)
	}
	_, fromWait, err := db.BoothFigures(ctx, w.edition.ID)
	if err != nil || fromWait != 1 {
		t.Fatalf("figures: from waitlist %d, %v", fromWait, err)
	}
	// An offer that runs out passes on.
	next, err = db.ReleaseBooth(ctx, w.edition.ID, w.orgs[3], w.booths[1].ID)
	if err != nil || next != 0 {
		t.Fatalf("second release: %d, %v", next, err)
	}
	n, err := db.ExpireBoothHolds(ctx, w.edition.ID)
	if err != nil || n != 0 {
		t.Fatalf("expire: %d, %v", n, err)
	}
}

// Expiry: an offer past its hold is not accepted and goes to the next.
func TestBoothHoldExpires(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			w := newBoothWorld(t, db, 1, 3)
			now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
			db.SetClock(func() time.Time { return now })
			if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: w.edition.ID, Seed: 1, HoldSeconds: 600}, 0); err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, org := range w.orgs {
				r := store.BoothRequest{EditionID: w.edition.ID, OrgID: org, AreaID: w.area.ID, Count: 1}
				if err := db.CreateBoothRequest(ctx, &r); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, r.ID)
			}
			if err := db.SaveBoothRun(ctx, w.edition.ID, []store.BoothDraft{{BoothID: w.booths[0].ID, OrgID: w.orgs[0], RequestID: ids[0]}},
				[]store.BoothOutcome{{RequestID: ids[0], Status: "assigned", Outcome: "{}"}, {RequestID: ids[1], Status: "waitlisted", Waitlist: 1, Outcome: "{}"},
					{RequestID: ids[2], Status: "waitlisted", Waitlist: 2, Outcome: "{}"}}, 0); err != nil {
				t.Fatal(err)
			}
			if err := db.PublishBooths(ctx, w.edition.ID, now.Add(time.Hour), 0); err != nil {
				t.Fatal(err)
			}
			if next, err := db.ReleaseBooth(ctx, w.edition.ID, w.orgs[0], w.booths[0].ID); err != nil || next != w.orgs[1] {
				t.Fatalf("offered to %d, %v", next, err)
			}
			now = now.Add(11 * time.Minute)
			if err := db.ConfirmBooth(ctx, w.orgs[1], w.booths[0].ID); model.AsError(err) == nil {
				t.Fatal("accepted after the hold")
			}
			if n, err := db.ExpireBoothHolds(ctx, w.edition.ID); err != nil || n != 1 {
				t.Fatalf("expired %d, %v", n, err)
			}
			if err := db.ConfirmBooth(ctx, w.orgs[2], w.booths[0].ID); err != nil {
				t.Fatalf("the next in line could not accept: %v", err)
			}
		})
	}
}

func testBoothQuotaSum(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 1, 0)
	if err := db.SetBoothQuota(ctx, w.edition.ID, store.BoothQuota{Group: "GD", AreaID: w.area.ID, Percent: 60}, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.SetBoothQuota(ctx, w.edition.ID, store.BoothQuota{Group: "HN", AreaID: w.area.ID, Percent: 50}, 0); model.AsError(err) == nil {
		t.Fatal("quotas over 100% accepted")
	}
	if err := db.SetBoothQuota(ctx, w.edition.ID, store.BoothQuota{Group: "GD", AreaID: w.area.ID, Percent: 40}, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.SetBoothQuota(ctx, w.edition.ID, store.BoothQuota{Group: "HN", AreaID: w.area.ID, Percent: 50}, 0); err != nil {
		t.Fatal(err)
	}
	qs, err := db.BoothQuotas(ctx, w.edition.ID)
	if err != nil || len(qs) != 2 {
		t.Fatalf("quotas %v, %v", qs, err)
	}
}

func testBoothImport(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 1, 0)
	vs, _ := db.ListVenues(ctx, w.edition.ID)
	rows := []store.PlanRow{
		{Line: 2, Hall: "Hall 9", Area: "Hunan", AreaKind: model.AreaProvince, Code: "H-001", M2: 9, W: 3, D: 3, Kind: "standard"},
		{Line: 3, Hall: "Hall 9", Area: "Hunan", AreaKind: model.AreaProvince, Code: "P01-001", M2: 9, X: 3, W: 3, D: 3, Kind: "standard"},
	}
	if _, err := db.ImportPlan(ctx, vs[0].ID, rows, 0); model.AsError(err) == nil {
		t.Fatalf("a code taken in the venue was imported: %v", err)
	}
	plan, _ := db.PlanBooths(ctx, w.edition.ID, time.Now())
	if len(plan) != 1 {
		t.Fatalf("a refused import saved %d booths", len(plan)-1)
	}
	rows[1].Code = "H-002"
	if n, err := db.ImportPlan(ctx, vs[0].ID, rows, 0); err != nil || n != 2 {
		t.Fatalf("import: %d, %v", n, err)
	}
}

// 1,000 clients race for 100 booths: exactly 100 bookings, no booth twice.
func testBoothRace(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 100, 1)
	if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: w.edition.ID, Seed: 7, HoldSeconds: 60, SelfService: true}, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.BookBooth(ctx, w.edition.ID, w.orgs[0], w.booths[0].ID); model.AsError(err) == nil {
		t.Fatal("booked before publication")
	}
	if err := db.SaveBoothRun(ctx, w.edition.ID, nil, nil, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.PublishBooths(ctx, w.edition.ID, time.Now().Add(time.Hour), 0); err != nil {
		t.Fatal(err)
	}
	var wins, lost atomic.Int64
	var wg sync.WaitGroup
	for i := range 1000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.BookBooth(ctx, w.edition.ID, w.orgs[0], w.booths[(i*37)%100].ID)
			if err == nil {
				wins.Add(1)
			} else if e := model.AsError(err); e != nil && e.Key == "booths.err_taken" {
				lost.Add(1)
			} else {
				t.Errorf("booking: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 100 || lost.Load() != 900 {
		t.Fatalf("%d bookings, %d refused; want 100 and 900", wins.Load(), lost.Load())
	}
	plan, err := db.PlanBooths(ctx, w.edition.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range plan {
		if b.State != store.BoothAssigned || b.Status != "booked" {
			t.Fatalf("booth %s is %s/%s after the race", b.Code, b.State, b.Status)
		}
	}
}

// The request deadline: before it an exhibitor files; from it on nothing is
// filed (and nothing written); the organizer still adjusts and runs;
// removing the deadline opens requests again.
func testBoothDeadline(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 2, 2)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	deadline := withDeadline(t, db, w, now.Add(time.Hour))
	ex, err := db.BoothExhibition(ctx, w.edition.ID)
	if err != nil || ex.RequestDeadline == nil || !ex.RequestDeadline.Equal(deadline) || ex.RequestsClosed(now) || !ex.RequestsClosed(deadline) {
		t.Fatalf("deadline read back %v, %v", ex.RequestDeadline, err)
	}
	first := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1}
	if err := db.CreateBoothRequest(ctx, &first); err != nil {
		t.Fatalf("before the deadline: %v", err)
	}
	count := func() int {
		t.Helper()
		rs, err := db.BoothRequests(ctx, w.edition.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	now = deadline // the deadline itself is late
	late := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[1], AreaID: w.area.ID, Count: 1}
	if err := db.CreateBoothRequest(ctx, &late); model.AsError(err) == nil || model.AsError(err).Key != "booths.err_deadline" {
		t.Fatalf("at the deadline: %v", err)
	}
	if n := count(); n != 1 || late.ID != 0 {
		t.Fatalf("a late request was saved: %d requests, id %d", n, late.ID)
	}
	// The organizer is not bound by it: a hand assignment and a run.
	if err := db.AssignBoothByHand(ctx, w.edition.ID, w.booths[0].ID, first.ID, 0); err != nil {
		t.Fatalf("organizer's assignment after the deadline: %v", err)
	}
	if err := db.SaveBoothRun(ctx, w.edition.ID, []store.BoothDraft{{BoothID: w.booths[0].ID, OrgID: w.orgs[0], RequestID: first.ID, Locked: true}},
		[]store.BoothOutcome{{RequestID: first.ID, Status: "assigned", Outcome: "{}"}}, 0); err != nil {
		t.Fatalf("organizer's run after the deadline: %v", err)
	}
	// Moved later, or removed: open again.
	if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: w.edition.ID, Seed: 1, HoldSeconds: 3600}, 0); err != nil {
		t.Fatal(err)
	}
	if ex, _ := db.BoothExhibition(ctx, w.edition.ID); ex.RequestDeadline != nil {
		t.Fatalf("deadline not removed: %v", ex.RequestDeadline)
	}
	if err := db.CreateBoothRequest(ctx, &late); err != nil || count() != 2 {
		t.Fatalf("without a deadline: %v", err)
	}
}

// Priorities: the organizer sets them in range before publication, each
// change audited; anything else is refused and changes nothing.
func testBoothPriority(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 1, 1)
	r := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1}
	if err := db.CreateBoothRequest(ctx, &r); err != nil {
		t.Fatal(err)
	}
	org := model.User{Email: "organizer@ocs.example", Name: "The organizer", Role: model.RoleOrganizer, Locale: "en"}
	if err := db.CreateUser(ctx, &org, "hash"); err != nil {
		t.Fatal(err)
	}
	prio := func() int {
		t.Helper()
		rs, err := db.BoothRequests(ctx, w.edition.ID, 0)
		if err != nil || len(rs) != 1 {
			t.Fatalf("%v %v", rs, err)
		}
		return rs[0].Priority
	}
	if err := db.SetBoothPriority(ctx, w.edition.ID, r.ID, 3, org.ID); err != nil || prio() != 3 {
		t.Fatalf("set: %v, priority %d", err, prio())
	}
	for _, c := range []struct {
		edition, req int64
		p            int
	}{{w.edition.ID, r.ID, -1}, {w.edition.ID, r.ID, store.MaxBoothPriority + 1}, {w.edition.ID, r.ID + 1000, 1}, {w.edition.ID + 1000, r.ID, 1}} {
		if err := db.SetBoothPriority(ctx, c.edition, c.req, c.p, org.ID); model.AsError(err) == nil {
			t.Fatalf("%+v accepted: %v", c, err)
		}
	}
	if p := prio(); p != 3 {
		t.Fatalf("a refused priority changed it to %d", p)
	}
	audit, err := db.AuditEntries(ctx, 10)
	if err != nil || len(audit) == 0 || audit[0].Action != "booth.priority" || audit[0].Detail != "0→3" || audit[0].UserID == nil || *audit[0].UserID != org.ID {
		t.Fatalf("audit %+v %v", audit, err)
	}
	if err := db.SaveBoothRun(ctx, w.edition.ID, []store.BoothDraft{{BoothID: w.booths[0].ID, OrgID: w.orgs[0], RequestID: r.ID}},
		[]store.BoothOutcome{{RequestID: r.ID, Status: "assigned", Outcome: "{}"}}, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.PublishBooths(ctx, w.edition.ID, time.Now().Add(time.Hour), 0); err != nil {
		t.Fatal(err)
	}
	if err := db.SetBoothPriority(ctx, w.edition.ID, r.ID, 5, org.ID); model.AsError(err) == nil || prio() != 3 {
		t.Fatalf("after publication: %v, priority %d", err, prio())
	}
}

// An exhibitor withdraws its own request while requests are open: the
// booths a run drafted for it go back to the plan; another organization's
// request, a second withdrawal, or one after the deadline changes nothing.
func testBoothWithdraw(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 2, 2)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	deadline := withDeadline(t, db, w, now.Add(time.Hour))
	mine := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1}
	other := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[1], AreaID: w.area.ID, Count: 1}
	for _, q := range []*store.BoothRequest{&mine, &other} {
		if err := db.CreateBoothRequest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveBoothRun(ctx, w.edition.ID, []store.BoothDraft{{BoothID: w.booths[0].ID, OrgID: w.orgs[0], RequestID: mine.ID}},
		[]store.BoothOutcome{{RequestID: mine.ID, Status: "assigned", Outcome: "{}"}, {RequestID: other.ID, Status: "waitlisted", Outcome: "{}"}}, 0); err != nil {
		t.Fatal(err)
	}
	key := func(err error) string {
		if e := model.AsError(err); e != nil {
			return e.Key
		}
		return fmt.Sprint(err)
	}
	requests := func() map[int64]string {
		t.Helper()
		rs, err := db.BoothRequests(ctx, w.edition.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		m := map[int64]string{}
		for _, r := range rs {
			m[r.ID] = r.Status
		}
		return m
	}
	if err := db.WithdrawBoothRequest(ctx, w.edition.ID, w.orgs[1], mine.ID); key(err) != "err.not_found.booth_request" {
		t.Fatalf("another organization's request: %v", err)
	}
	if err := db.WithdrawBoothRequest(ctx, w.edition.ID, w.orgs[0], mine.ID); err != nil {
		t.Fatal(err)
	}
	if rs := requests(); len(rs) != 1 || rs[other.ID] != "waitlisted" {
		t.Fatalf("after withdrawing: %v", rs)
	}
	pb, err := db.PlanBooths(ctx, w.edition.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range pb {
		if b.State != store.BoothAvailable {
			t.Fatalf("booth %s still %s after its request was withdrawn", b.Code, b.State)
		}
	}
	if err := db.WithdrawBoothRequest(ctx, w.edition.ID, w.orgs[0], mine.ID); key(err) != "err.not_found.booth_request" {
		t.Fatalf("withdrawn twice: %v", err)
	}
	now = deadline
	if err := db.WithdrawBoothRequest(ctx, w.edition.ID, w.orgs[1], other.ID); key(err) != "booths.err_deadline" {
		t.Fatalf("at the deadline: %v", err)
	}
	if rs := requests(); rs[other.ID] != "waitlisted" {
		t.Fatalf("a refused withdrawal changed the request: %v", rs)
	}
}

// Every organizer action on the exhibition is in the audit log, with who
// did it, in the change's transaction: a refused one leaves no entry.
func testBoothAudited(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 2, 1)
	org := w.users[0] // who acts is the caller's business (routes admit organizers only)
	if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: w.edition.ID, Seed: 7, HoldSeconds: 3600}, org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SetBoothQuota(ctx, w.edition.ID, store.BoothQuota{Group: "Guangdong", AreaID: w.area.ID, Percent: 50}, org.ID); err != nil {
		t.Fatal(err)
	}
	q := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1}
	if err := db.CreateBoothRequest(ctx, &q); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBoothRun(ctx, w.edition.ID, nil, []store.BoothOutcome{{RequestID: q.ID, Status: "waitlisted", Outcome: "{}"}}, org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.AssignBoothByHand(ctx, w.edition.ID, w.booths[1].ID, q.ID, org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.PublishBooths(ctx, w.edition.ID, time.Now().Add(time.Hour), org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.PublishBooths(ctx, w.edition.ID, time.Now().Add(time.Hour), org.ID); model.AsError(err) == nil {
		t.Fatalf("published twice: %v", err)
	}
	es, err := db.AuditEntries(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		if !strings.HasPrefix(e.Action, "booth.") {
			continue
		}
		if e.UserID == nil || *e.UserID != org.ID {
			t.Errorf("%s recorded for %v, want user %d", e.Action, e.UserID, org.ID)
		}
		got = append(got, e.Action)
	}
	if s := strings.Join(got, " "); s != "booth.settings booth.quota booth.run booth.assign booth.publish" {
		t.Fatalf("audited %q", s)
	}
}

// A request names competitors among the edition's exhibiting
// organizations; itself, an organization not exhibiting, or an unknown id
// is refused and nothing is saved.
func testBoothCompetitors(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 4, 3)
	e := w.edition.ID
	rival := store.BoothRequest{EditionID: e, OrgID: w.orgs[1], AreaID: w.area.ID, Count: 1}
	if err := db.CreateBoothRequest(ctx, &rival); err != nil {
		t.Fatal(err)
	}
	orgs, err := db.ExhibitingOrgs(ctx, e, w.orgs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 1 || orgs[0].ID != w.orgs[1] || orgs[0].Name == "" {
		t.Fatalf("exhibiting orgs for org 0: %+v", orgs)
	}
	count := func() int {
		t.Helper()
		rs, err := db.BoothRequests(ctx, e, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	for name, c := range map[string]struct {
		avoid []int64
		key   string
	}{
		"itself":         {[]int64{w.orgs[0]}, "booths.err_avoid_self"},
		"not exhibiting": {[]int64{w.orgs[1], w.orgs[2]}, "booths.err_avoid_unknown"},
		"unknown":        {[]int64{987654}, "booths.err_avoid_unknown"},
	} {
		q := store.BoothRequest{EditionID: e, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1}
		for _, id := range c.avoid {
			q.Avoid = append(q.Avoid, store.BoothOrg{ID: id})
		}
		err := db.CreateBoothRequest(ctx, &q)
		if got := model.FieldsOf(err)["avoid"]; got != c.key {
			t.Fatalf("%s: field avoid %q, want %q (%v)", name, got, c.key, err)
		}
		if n := count(); n != 1 {
			t.Fatalf("%s: %d requests saved, want the rival's alone", name, n)
		}
	}
	many := store.BoothRequest{EditionID: e, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1}
	for i := range store.MaxAvoid + 1 {
		many.Avoid = append(many.Avoid, store.BoothOrg{ID: int64(100000 + i)})
	}
	if err := db.CreateBoothRequest(ctx, &many); model.FieldsOf(err)["avoid"] != "booths.err_avoid_many" {
		t.Fatalf("too many: %v", err)
	}
	mine := store.BoothRequest{EditionID: e, OrgID: w.orgs[0], AreaID: w.area.ID, Count: 1,
		Avoid: []store.BoothOrg{{ID: w.orgs[1]}, {ID: w.orgs[1]}}}
	if err := db.CreateBoothRequest(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	rs, err := db.BoothRequests(ctx, e, w.orgs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].Avoid) != 1 || rs[0].Avoid[0].ID != w.orgs[1] || rs[0].Avoid[0].Name != orgs[0].Name {
		t.Fatalf("read back: %+v", rs)
	}
	// The rival's own list has no competitors; the rival now sees org 0.
	all, err := db.BoothRequests(ctx, e, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		if q.ID == rival.ID && len(q.Avoid) != 0 {
			t.Fatalf("rival's request names %+v", q.Avoid)
		}
	}
	if orgs, err := db.ExhibitingOrgs(ctx, e, w.orgs[1]); err != nil || len(orgs) != 1 || orgs[0].ID != w.orgs[0] {
		t.Fatalf("exhibiting orgs for org 1: %+v %v", orgs, err)
	}
}

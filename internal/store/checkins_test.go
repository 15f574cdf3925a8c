package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/seating"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestCheckinsConformance: badges, gates and scans behave alike on SQLite
// and PostgreSQL, including replayed and concurrent syncs.
func TestCheckinsConformance(t *testing.T) {
	cases := []struct {
		name string
		fn   func(t *testing.T, db *store.DB, w gateWorld)
	}{
		{"Badges", testBadges},
		{"ScansOnceEach", testScansOnceEach},
		{"ConcurrentSyncs", testConcurrentSyncs},
		{"BigBatchesAndOnline", testBigBatchesAndOnline},
		{"EventDoor", testEventDoor},
		{"CoachGate", testCoachGate},
	}
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					db := b.Open(t)
					c.fn(t, db, newGateWorld(t, db))
				})
			}
		})
	}
}

type gateWorld struct {
	ed     model.Edition
	a, b   store.Gate
	people []int64
	badges []store.Badge
}

var (
	nbf = time.Date(2017, 12, 16, 0, 0, 0, 0, time.UTC)
	naf = time.Date(2017, 12, 19, 0, 0, 0, 0, time.UTC)
)

func newGateWorld(t *testing.T, db *store.DB) gateWorld {
	w := gateWorld{ed: storetest.MustEdition(t, db, "ocs")}
	w.a = store.Gate{EditionID: w.ed.ID, Name: "North"}
	w.b = store.Gate{EditionID: w.ed.ID, Name: "South"}
	for _, g := range []*store.Gate{&w.a, &w.b} {
		if err := db.CreateGate(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	w.people = mustUsers(t, db, 3, "g")
	for _, p := range w.people {
		b := store.Badge{EditionID: w.ed.ID, UserID: p, Role: "talent", NotBefore: nbf, NotAfter: naf}
		if err := db.IssueBadge(ctx, &b); err != nil {
			t.Fatal(err)
		}
		w.badges = append(w.badges, b)
	}
	return w
}

func scan(w gateWorld, person int, nonce string, at time.Time) store.ScanIn {
	b := w.badges[person]
	return store.ScanIn{Nonce: nonce, Hash: "h-" + nonce, BadgeID: b.ID, UserID: b.UserID, ScannedAt: at, Day: at.Format("2006-01-02"), DeviceResult: "admitted"}
}

func testBadges(t *testing.T, db *store.DB, w gateWorld) {
	b := store.Badge{EditionID: w.ed.ID, UserID: w.people[0], Role: "talent", NotBefore: nbf, NotAfter: naf}
	if err := db.IssueBadge(ctx, &b); err != nil || b.ID != w.badges[0].ID {
		t.Fatalf("issuing twice made a second badge: %+v %v", b, err)
	}
	nb, err := db.ReissueBadge(ctx, w.ed.ID, w.people[0])
	if err != nil || nb.ID == b.ID {
		t.Fatalf("reissue: %+v %v", nb, err)
	}
	rev, _ := db.RevokedBadges(ctx, w.ed.ID)
	if len(rev) != 1 || rev[0] != b.ID {
		t.Fatalf("revocation list %v", rev)
	}
	n, err := db.IssueBadges(ctx, w.ed.ID, map[model.Role]string{model.RoleTalent: "talent"}, nbf, naf)
	if err != nil || n != 0 {
		t.Fatalf("everyone has one: issued %d %v", n, err)
	}
}

func testScansOnceEach(t *testing.T, db *store.DB, w gateWorld) {
	at := time.Date(2017, 12, 17, 2, 0, 0, 0, time.UTC)
	batch := []store.ScanIn{scan(w, 0, "n1", at), scan(w, 1, "n2", at.Add(time.Second)), scan(w, 0, "n3", at.Add(2*time.Second)),
		{Nonce: "n4", Hash: "h-n4", Refused: "signature", ScannedAt: at, Day: "2017-12-17"}}
	out, err := db.RecordScans(ctx, w.a.ID, "dev1", 4, batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"admitted", "admitted", "already", "refused"}
	for i, o := range out {
		if o.Sync != store.SyncCreated || o.Result != want[i] {
			t.Fatalf("scan %d: %+v, want %s", i, o, want[i])
		}
	}
	if !out[0].FirstEntry || out[2].FirstEntry || !out[2].Duplicate || out[0].Duplicate {
		t.Fatalf("first/duplicate flags: %+v", out)
	}
	// The same batch again: nothing new.
	again, err := db.RecordScans(ctx, w.a.ID, "dev1", 0, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range again {
		if o.Sync != store.SyncReplayed || o.Result != want[i] {
			t.Fatalf("replay %d: %+v", i, o)
		}
	}
	// A nonce reused with other content is refused and stores nothing.
	forged := scan(w, 2, "n1", at)
	forged.Hash = "other content"
	c, err := db.RecordScans(ctx, w.a.ID, "dev1", 0, []store.ScanIn{forged})
	if err != nil || c[0].Sync != store.SyncConflict || c[0].Result != store.ScanRefused {
		t.Fatalf("reused nonce: %+v %v", c, err)
	}
	// Person 0 at the other gate the same day: its first there, a duplicate
	// all the same, refused as already in.
	o, _ := db.RecordScans(ctx, w.b.ID, "dev2", 0, []store.ScanIn{scan(w, 0, "n5", at.Add(time.Minute))})
	if o[0].Result != store.ScanAlready || o[0].OtherGate != "North" || !o[0].FirstEntry || !o[0].Duplicate {
		t.Fatalf("other gate: %+v", o[0])
	}
	// A revoked badge is refused.
	if err := db.RevokeBadge(ctx, w.badges[2].ID); err != nil {
		t.Fatal(err)
	}
	o, _ = db.RecordScans(ctx, w.b.ID, "dev2", 0, []store.ScanIn{scan(w, 2, "n6", at)})
	if o[0].Result != store.ScanRefused || o[0].Reason != "revoked" {
		t.Fatalf("revoked: %+v", o[0])
	}
	stats, err := db.GateStats(ctx, w.ed.ID)
	if err != nil || len(stats) != 2 {
		t.Fatal(stats, err)
	}
	north := stats[0]
	if north.Scans != 4 || north.FirstEntries != 2 || north.Duplicates != 1 || north.Refused != 1 || north.LastQueue != 0 || north.LastSyncAt == nil {
		t.Fatalf("north: %+v", north)
	}
	dups, _ := db.RecentCheckins(ctx, w.ed.ID, true, 10)
	if len(dups) != 2 {
		t.Fatalf("duplicates %+v", dups)
	}
}

// statsAfter waits for the scans running under wg, fails on any error they
// sent, and reads the edition's gate figures.
func statsAfter(t *testing.T, db *store.DB, w gateWorld, wg *sync.WaitGroup, errs chan error) []store.GateStat {
	t.Helper()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	stats, err := db.GateStats(ctx, w.ed.ID)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

// testConcurrentSyncs: two devices send overlapping batches at once (the
// same queued scans, as after a retried sync, plus new ones for the same
// person): every nonce is stored once and the person has one first entry.
func testConcurrentSyncs(t *testing.T, db *store.DB, w gateWorld) {
	at := time.Date(2017, 12, 17, 2, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for k := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			batch := []store.ScanIn{scan(w, 0, "shared-1", at), scan(w, 1, "shared-2", at)}
			for j := range 5 {
				batch = append(batch, scan(w, j%2, fmt.Sprintf("own-%d-%d", k, j), at.Add(time.Duration(j)*time.Second)))
			}
			if _, err := db.RecordScans(ctx, w.a.ID, fmt.Sprint("dev", k), 0, batch); err != nil {
				errs <- err
			}
		}()
	}
	stats := statsAfter(t, db, w, &wg, errs)
	north := stats[0]
	if north.Scans != 2+20*5 || north.FirstEntries != 2 || north.Duplicates != 100 {
		t.Fatalf("north after concurrent syncs: %+v", north)
	}
}

// An event's door admits the registered, then walk-ins while seats remain
// (capacity less the registered and the walk-ins already in), refuses the
// rest as full; its entries are its own (a venue gate's entry the same
// day is no duplicate). After the event: attended, walk-ins, no-shows.
func testEventDoor(t *testing.T, db *store.DB, w gateWorld) {
	people := mustUsers(t, db, 5, "door")
	var badges []store.Badge
	for _, p := range people {
		b := store.Badge{EditionID: w.ed.ID, UserID: p, Role: "talent", NotBefore: nbf, NotAfter: naf}
		if err := db.IssueBadge(ctx, &b); err != nil {
			t.Fatal(err)
		}
		badges = append(badges, b)
	}
	at := time.Date(2017, 12, 17, 9, 0, 0, 0, time.UTC)
	ev := store.EventInfo{Event: model.Event{EditionID: w.ed.ID, Kind: model.EventForum, Title: "Forum", Room: "Room 201",
		StartsAt: at, EndsAt: at.Add(3 * time.Hour), Capacity: 4}, Audience: "all", HoldSeconds: 3600}
	if err := db.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	for _, p := range people[:2] { // two registered: two seats for walk-ins
		if _, err := db.RegisterForEvent(ctx, ev.ID, p); err != nil {
			t.Fatal(err)
		}
	}
	door := store.Gate{EditionID: w.ed.ID, Name: "Room 201 door", EventID: &ev.ID}
	if err := db.CreateGate(ctx, &door); err != nil {
		t.Fatal(err)
	}
	n := 0
	one := func(gate int64, person int) store.ScanOut {
		t.Helper()
		n++
		nonce := fmt.Sprintf("door-%d", n)
		b := badges[person]
		o, err := db.RecordScans(ctx, gate, "door", 0, []store.ScanIn{{Nonce: nonce, Hash: "h-" + nonce, BadgeID: b.ID, UserID: b.UserID,
			ScannedAt: at.Add(time.Duration(n) * time.Minute), Day: "2017-12-17", DeviceResult: "admitted"}})
		if err != nil || len(o) != 1 {
			t.Fatalf("scan %d: %v", n, err)
		}
		return o[0]
	}
	for i, c := range []struct {
		gate   int64
		person int
		result string
		reason string
	}{
		{w.a.ID, 0, store.ScanAdmitted, ""},          // the venue's gate first
		{door.ID, 0, store.ScanAdmitted, ""},         // registered: in, not a duplicate of the venue entry
		{door.ID, 2, store.ScanAdmitted, "walk_in"},  // a seat left
		{door.ID, 2, store.ScanAlready, "same_gate"}, // the same walk-in again
		{door.ID, 3, store.ScanAdmitted, "walk_in"},  // the last seat
		{door.ID, 4, store.ScanRefused, "full"},      // none left
		{door.ID, 4, store.ScanRefused, "full"},
	} {
		if o := one(c.gate, c.person); o.Result != c.result || o.Reason != c.reason {
			t.Fatalf("scan %d (person %d): %s %q, want %s %q", i+1, c.person, o.Result, o.Reason, c.result, c.reason)
		}
	}
	e, err := db.EventInfo(ctx, ev.ID)
	l := []store.EventInfo{e}
	if err == nil {
		err = db.FillAttendance(ctx, l)
	}
	if err != nil {
		t.Fatal(err)
	}
	e = l[0]
	if e.Attended != 1 || e.WalkIns != 2 || e.NoShows(at) != -1 || e.NoShows(ev.EndsAt) != 1 {
		t.Fatalf("attended %d, walk-ins %d, no-shows during %d, after %d; want 1, 2, -1, 1", e.Attended, e.WalkIns, e.NoShows(at), e.NoShows(ev.EndsAt))
	}
	// An invitation-only event takes no walk-ins.
	ev.Audience = "invitation"
	if err := db.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	if o := one(door.ID, 4); o.Result != store.ScanRefused || o.Reason != "not_registered" {
		t.Fatalf("invitation-only: %s %q", o.Result, o.Reason)
	}
}

// testBigBatchesAndOnline: gates syncing batches bigger than one
// transaction (the queue stores them in chunks) while single online scans
// arrive: every nonce is stored once, each person has one first entry per
// gate and day, and a batch sent again is answered as stored, result for
// result.
func testBigBatchesAndOnline(t *testing.T, db *store.DB, w gateWorld) {
	at := time.Date(2017, 12, 17, 2, 0, 0, 0, time.UTC)
	gates := []int64{w.a.ID, w.b.ID}
	batches := make([][]store.ScanIn, 4)
	for k := range batches {
		for j := range 150 {
			batches[k] = append(batches[k], scan(w, (k+j)%3, fmt.Sprintf("big-%d-%d", k, j), at.Add(time.Duration(j)*time.Second)))
		}
	}
	outs := make([][]store.ScanOut, len(batches))
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for k := range batches {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o, err := db.RecordScans(ctx, gates[k%2], fmt.Sprint("big", k), 0, batches[k])
			if err != nil {
				errs <- err
			}
			outs[k] = o
		}()
	}
	for k := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := db.RecordScans(ctx, gates[k%2], "online", 0, []store.ScanIn{scan(w, k%3, fmt.Sprint("one-", k), at)}); err != nil {
				errs <- err
			}
		}()
	}
	stats := statsAfter(t, db, w, &wg, errs)
	for _, g := range stats {
		if g.Scans != 2*150+20 || g.FirstEntries != 3 {
			t.Fatalf("gate %s: %+v", g.Name, g)
		}
	}
	// Over both gates: six first entries, one of each person's two a
	// duplicate (the other gate was first).
	if stats[0].FirstEntries+stats[1].FirstEntries != 6 || stats[0].Duplicates+stats[1].Duplicates != 2*(2*150+20)-3 {
		t.Fatalf("first entries / duplicates: %+v", stats)
	}
	again, err := db.RecordScans(ctx, gates[0], "big0", 0, batches[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range again {
		if o.Sync != store.SyncReplayed || o.Result != outs[0][i].Result || o.FirstEntry != outs[0][i].FirstEntry {
			t.Fatalf("replayed scan %d: %+v, first answer %+v", i, o, outs[0][i])
		}
	}
}

// testCoachGate: a field study's gate for one coach boards the people the
// boarding list puts on that coach; someone on another coach is refused
// and told which to board; someone not registered is refused. A coach's
// gate needs a field study with that many coaches.
func testCoachGate(t *testing.T, db *store.DB, w gateWorld) {
	at := time.Date(2017, 12, 17, 1, 0, 0, 0, time.UTC)
	ev := store.EventInfo{Event: model.Event{EditionID: w.ed.ID, Kind: model.EventFieldStudy, Title: "Park visit", Room: "Science park",
		StartsAt: at, EndsAt: at.Add(5 * time.Hour), Capacity: 4}, Audience: "all", HoldSeconds: 3600, Coaches: 2, CoachSeats: 2}
	if err := db.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	for _, p := range w.people { // three registered; a fourth person is not
		if _, err := db.RegisterForEvent(ctx, ev.ID, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []store.Gate{
		{EditionID: w.ed.ID, Name: "Coach 3", EventID: &ev.ID, Coach: 3},
		{EditionID: w.ed.ID, Name: "No event", Coach: 1},
	} {
		if err := db.CreateGate(ctx, &bad); model.AsError(err) == nil {
			t.Fatalf("gate %q: %v, want invalid", bad.Name, err)
		}
	}
	gates := make([]store.Gate, 2)
	for i := range gates {
		gates[i] = store.Gate{EditionID: w.ed.ID, Name: fmt.Sprint("Coach ", i+1), EventID: &ev.ID, Coach: i + 1}
		if err := db.CreateGate(ctx, &gates[i]); err != nil {
			t.Fatal(err)
		}
	}
	if g, _ := db.GateByID(ctx, gates[1].ID); g.Coach != 2 {
		t.Fatalf("gate read back: %+v", g)
	}
	// The boarding list as the organizer sees it.
	bs, err := db.Boarders(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	lists, _ := seating.Coaches(store.BoardingGroups(bs), 2, 2)
	coachOf := map[int64]int{}
	for i, l := range lists {
		for _, u := range l {
			coachOf[u] = i + 1
		}
	}
	if len(coachOf) != 3 || len(lists[0]) == 0 || len(lists[1]) == 0 {
		t.Fatalf("boarding lists %v", lists)
	}
	outsider := mustUsers(t, db, 1, "coach")[0]
	ob := store.Badge{EditionID: w.ed.ID, UserID: outsider, Role: "talent", NotBefore: nbf, NotAfter: naf}
	if err := db.IssueBadge(ctx, &ob); err != nil {
		t.Fatal(err)
	}
	n := 0
	one := func(gate store.Gate, b store.Badge) store.ScanOut {
		t.Helper()
		n++
		nonce := fmt.Sprintf("coach-%d", n)
		o, err := db.RecordScans(ctx, gate.ID, "coach", 0, []store.ScanIn{{Nonce: nonce, Hash: "h-" + nonce, BadgeID: b.ID, UserID: b.UserID,
			ScannedAt: at.Add(time.Duration(n) * time.Minute), Day: "2017-12-17", DeviceResult: "admitted"}})
		if err != nil || len(o) != 1 {
			t.Fatalf("scan %d: %v", n, err)
		}
		return o[0]
	}
	for i, b := range w.badges {
		c := coachOf[b.UserID]
		if o := one(gates[c-1], b); o.Result != store.ScanAdmitted || !o.FirstEntry {
			t.Fatalf("person %d at coach %d's gate: %+v", i, c, o)
		}
		if o := one(gates[c-1], b); o.Result != store.ScanAlready || o.Reason != "same_gate" {
			t.Fatalf("person %d again: %+v", i, o)
		}
		other := gates[2-c]
		if o := one(other, b); o.Result != store.ScanRefused || o.Reason != "board_coach" || o.Coach != c || o.FirstEntry {
			t.Fatalf("person %d (coach %d) at %s: %+v", i, c, other.Name, o)
		}
	}
	if o := one(gates[0], ob); o.Result != store.ScanRefused || o.Reason != "not_registered" {
		t.Fatalf("not registered: %+v", o)
	}
}

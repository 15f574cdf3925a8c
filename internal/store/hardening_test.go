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

// TestConcurrentTransitions runs every state transition from several
// goroutines at once, on both databases: only legal histories, one winner
// where one is the rule, and notifications only for the winner. SQLite
// passes them by having one writer; PostgreSQL needs the conditional
// updates and unique indexes (issue 11, item 1).
func TestConcurrentTransitions(t *testing.T) {
	storetest.RunWith(t, storetest.NewMeetWorld, storetest.With[storetest.MeetWorld]{
		"MoveRace":            testMoveRace,
		"ViewedOnce":          testViewedOnce,
		"AnswerOnce":          testAnswerOnce,
		"CancelOnce":          testCancelOnce,
		"CreateRequestOnce":   testCreateRequestOnce,
		"NegotiationOnce":     testNegotiationOnce,
		"PublishOnce":         testPublishOnce,
		"OrgStatusOnce":       testOrgStatusOnce,
		"AvailabilityReplace": testAvailabilityReplace,
	})
}

// together runs each fn in its own goroutine, released at once, and
// returns their errors in order.
func together(fns ...func() error) []error {
	errs := make([]error, len(fns))
	var start, done sync.WaitGroup
	start.Add(1)
	for i, fn := range fns {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = fn()
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

func wins(errs []error, t *testing.T, allowed ...model.Code) int {
	t.Helper()
	n := 0
	for _, err := range errs {
		if err == nil {
			n++
			continue
		}
		ok := false
		for _, c := range allowed {
			ok = ok || model.ErrorCode(err) == c
		}
		if !ok {
			t.Fatalf("unexpected error: %v", err)
		}
	}
	return n
}

// raceApp is an application of a talent made for one race.
type raceApp struct {
	model.Application
	User model.User
}

// freshApps applies n new talents to the world's post.
func freshApps(t *testing.T, db *store.DB, w storetest.MeetWorld, n int) []raceApp {
	t.Helper()
	var out []raceApp
	for i := range n {
		u := storetest.MustRegister(t, db, fmt.Sprintf("race%d@example.com", i), model.RoleTalent)
		tt, _ := db.TalentByUser(ctx, u.ID)
		a, _, err := db.Apply(ctx, tt.ID, w.App.PostID, model.ChannelPC)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, raceApp{a, u})
	}
	return out
}

const rounds = 8

// legalHistory checks an application's events chain from applied by legal
// moves to its current status.
func legalHistory(t *testing.T, db *store.DB, id int64) []model.AppEvent {
	t.Helper()
	ev, err := db.ApplicationEvents(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := db.Application(ctx, id)
	at := model.AppApplied
	for _, e := range ev {
		if e.From != at || !e.From.CanMove(e.To) {
			t.Fatalf("application %d: illegal history %+v (status %s)", id, ev, a.Status)
		}
		at = e.To
	}
	if at != a.Status {
		t.Fatalf("application %d: history ends at %s, status %s", id, at, a.Status)
	}
	return ev
}

func testMoveRace(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	org := *w.Ent.OrgID
	for _, a := range freshApps(t, db, w, 10) {
		errs := together(
			func() error { return db.MoveApplications(ctx, org, []int64{a.ID}, model.AppRejected, w.Ent.ID) },
			func() error { return db.MoveApplications(ctx, org, []int64{a.ID}, model.AppInterview, w.Ent2.ID) },
		)
		n := wins(errs, t, model.Conflict)
		ev := legalHistory(t, db, a.ID)
		if n == 0 || len(ev) != n {
			t.Fatalf("application %d: %d moves succeeded, %d events: %v", a.ID, n, len(ev), errs)
		}
	}
}

func testViewedOnce(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	org := *w.Ent.OrgID
	for _, a := range freshApps(t, db, w, rounds) {
		var fns []func() error
		for i := range 6 {
			by := w.Ent.ID
			if i%2 == 1 {
				by = w.Ent2.ID
			}
			fns = append(fns, func() error { return db.MoveApplications(ctx, org, []int64{a.ID}, model.AppViewed, by) })
		}
		wins(together(fns...), t, model.Conflict)
		if ev := legalHistory(t, db, a.ID); len(ev) != 1 || ev[0].To != model.AppViewed {
			t.Fatalf("viewed events: %+v", ev)
		}
		n, _ := db.Notifications(ctx, a.User.ID, 50)
		if len(n) != 1 {
			t.Fatalf("talent notified %d times: %+v", len(n), n)
		}
	}
}

func testAnswerOnce(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	for _, a := range freshApps(t, db, w, rounds) {
		r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: a.User.ID, ApplicationID: a.ID})
		if err != nil {
			t.Fatal(err)
		}
		errs := together(
			func() error { return db.AnswerMeetingRequest(ctx, r.ID, w.Ent.ID, true) },
			func() error { return db.AnswerMeetingRequest(ctx, r.ID, w.Ent2.ID, false) },
			func() error { return db.AnswerMeetingRequest(ctx, r.ID, w.Ent.ID, false) },
			func() error { return db.AnswerMeetingRequest(ctx, r.ID, w.Ent2.ID, true) },
		)
		if n := wins(errs, t, model.Conflict, model.NotFound); n != 1 {
			t.Fatalf("%d answers succeeded: %v", n, errs)
		}
		n, _ := db.MeetingNotices(ctx, a.User.ID, 20)
		if len(n) != 1 {
			t.Fatalf("talent notified %d times: %+v", len(n), n)
		}
	}
}

func testCancelOnce(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	for _, a := range freshApps(t, db, w, rounds) {
		r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Ent.ID, ApplicationID: a.ID})
		if err != nil {
			t.Fatal(err)
		}
		var fns []func() error
		for range 4 {
			fns = append(fns, func() error { return db.CancelMeetingRequest(ctx, r.ID, w.Ent.ID) })
		}
		if n := wins(together(fns...), t, model.Conflict); n != 1 {
			t.Fatalf("%d cancels succeeded", n)
		}
		if n, _ := db.MeetingNotices(ctx, a.User.ID, 20); len(n) != 2 { // requested, cancelled
			t.Fatalf("talent notices: %+v", n)
		}
	}
}

func testCreateRequestOnce(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	for _, a := range freshApps(t, db, w, rounds) {
		var fns []func() error
		for range 6 {
			fns = append(fns, func() error {
				_, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: a.User.ID, ApplicationID: a.ID})
				return err
			})
		}
		errs := together(fns...)
		if n := wins(errs, t, model.Conflict); n != 1 {
			t.Fatalf("%d requests created: %v", n, errs)
		}
		if l, _ := db.MeetingRequestsOf(ctx, a.User.ID); len(l) != 1 {
			t.Fatalf("%d requests stored", len(l))
		}
	}
	if _, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Tal.ID, ApplicationID: w.App.ID}); err != nil {
		t.Fatal(err)
	}
	// A declined one frees the pair for a new request.
	l, _ := db.MeetingRequestsOf(ctx, w.Tal.ID)
	if err := db.AnswerMeetingRequest(ctx, l[0].ID, w.Ent.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Tal.ID, ApplicationID: w.App.ID}); err != nil {
		t.Fatalf("request after a decline: %v", err)
	}
}

func testNegotiationOnce(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	owner := w.Tal.ID
	p := model.Project{EditionID: w.Edition.ID, Source: model.SourceTalent, OwnerUserID: &owner, Title: "Battery recycling", Stage: "prototype"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	var fns []func() error
	for i := range 6 {
		by := w.Ent.ID
		if i%2 == 1 {
			by = w.Ent2.ID
		}
		fns = append(fns, func() error {
			_, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: by, ProjectID: p.ID})
			return err
		})
	}
	errs := together(fns...)
	if n := wins(errs, t, model.Conflict); n != 2 { // one per member
		t.Fatalf("%d negotiation requests created: %v", n, errs)
	}
	l, _ := db.MeetingRequestsOf(ctx, w.Tal.ID)
	if len(l) != 2 || *l[0].DockingID != *l[1].DockingID {
		t.Fatalf("requests: %+v", l)
	}
}

func testPublishOnce(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	run := store.ScheduleRun{EditionID: w.Edition.ID, Kind: "interview"}
	if err := db.SaveScheduleRun(ctx, &run, w.Ent.ID, nil, nil); err != nil {
		t.Fatal(err)
	}
	var fns []func() error
	for range 4 {
		fns = append(fns, func() error { _, err := db.PublishScheduleRun(ctx, run.ID, 0); return err })
	}
	if n := wins(together(fns...), t, model.Conflict); n != 1 {
		t.Fatalf("%d publishes succeeded", n)
	}
}

// testOrgStatusOnce: rejecting closes the organization's posts in the same
// transaction, so no application lands after the rejection.
func testOrgStatusOnce(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	org := *w.Ent.OrgID
	if err := db.SetOrgStatus(ctx, org, model.OrgRejected, 0); err != nil {
		t.Fatal(err)
	}
	p, err := db.Post(ctx, w.App.PostID)
	if err != nil || p.Status != model.PostClosed {
		t.Fatalf("post after rejection: %+v %v", p, err)
	}
	u := storetest.MustRegister(t, db, "late@example.com", model.RoleTalent)
	tt, _ := db.TalentByUser(ctx, u.ID)
	if _, _, err := db.Apply(ctx, tt.ID, p.ID, model.ChannelPC); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("apply to a rejected organization: %v", err)
	}
	if err := db.SetPostStatus(ctx, org, p.ID, model.PostOpen); model.ErrorCode(err) != model.Forbidden {
		t.Fatalf("reopen a rejected organization's post: %v", err)
	}
}

// TestThrottleAndSessions: attempts are counted before the work they
// guard, atomically (items 2–4), and sessions end everywhere at once (6).
func TestThrottleAndSessions(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			t.Run("ConcurrentAttempts", func(t *testing.T) { testConcurrentAttempts(t, b.Open(t)) })
			t.Run("Backoff", func(t *testing.T) { testBackoff(t, b.Open(t)) })
			t.Run("SignOutEverywhere", func(t *testing.T) { testSignOutEverywhere(t, b.Open(t)) })
		})
	}
}

func testConcurrentAttempts(t *testing.T, db *store.DB) {
	for _, th := range []store.Throttle{{Window: time.Hour, Free: 5}, {Window: time.Hour, Free: 5, Backoff: time.Minute}} {
		key := fmt.Sprintf("acct:%v", th.Backoff)
		var fns []func() error
		for range 40 {
			fns = append(fns, func() error {
				ok, _, err := db.AdmitAttempt(ctx, key, th)
				if err == nil && !ok {
					err = model.Errorf(model.TooMany, "err.too_many_logins")
				}
				return err
			})
		}
		if n := wins(together(fns...), t, model.TooMany); n != 5 {
			t.Fatalf("%+v: %d of 40 concurrent attempts admitted, want 5", th, n)
		}
	}
}

func testBackoff(t *testing.T, db *store.DB) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	th := store.Throttle{Window: time.Hour, Free: 2, Backoff: time.Second}
	admit := func() (bool, time.Duration) {
		ok, retry, err := db.AdmitAttempt(ctx, "acct:x", th)
		if err != nil {
			t.Fatal(err)
		}
		return ok, retry
	}
	for i := range 2 {
		if ok, _ := admit(); !ok {
			t.Fatalf("free attempt %d refused", i)
		}
	}
	// Back-off, not a lock: 1 s, then 2 s, then 4 s.
	for _, wait := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		if ok, retry := admit(); ok || retry != wait {
			t.Fatalf("within back-off: ok %v retry %v, want %v", ok, retry, wait)
		}
		now = now.Add(wait)
		if ok, _ := admit(); !ok {
			t.Fatalf("after %v: refused", wait)
		}
	}
	// A new window starts afresh.
	now = now.Add(time.Hour)
	if ok, _ := admit(); !ok {
		t.Fatal("new window refused")
	}
	// A hard limit ends with its window.
	hard := store.Throttle{Window: time.Minute, Free: 1}
	db.AdmitAttempt(ctx, "reg:all", hard)
	if ok, retry, _ := db.AdmitAttempt(ctx, "reg:all", hard); ok || retry != time.Minute {
		t.Fatalf("hard limit: %v %v", ok, retry)
	}
}

func testSignOutEverywhere(t *testing.T, db *store.DB) {
	u := storetest.MustRegister(t, db, "li@example.com", model.RoleTalent)
	for _, h := range []string{"a", "b", "c"} {
		if err := db.CreateSession(ctx, h, u.ID, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if who, live, err := db.SessionAccess(ctx, "a"); err != nil || !live || who.Role != model.RoleTalent || who.OrgID != nil {
		t.Fatalf("access %+v %v %v", who, live, err)
	}
	ent := storetest.MustRegister(t, db, "hr@example.com", model.RoleEnterprise)
	db.CreateSession(ctx, "e", ent.ID, time.Hour)
	if who, live, err := db.SessionAccess(ctx, "e"); err != nil || !live || who.Role != model.RoleEnterprise || who.OrgID == nil || *who.OrgID != *ent.OrgID {
		t.Fatalf("enterprise access %+v %v %v", who, live, err)
	}
	if n, err := db.DeleteUserSessions(ctx, u.ID, "a"); err != nil || n != 2 {
		t.Fatalf("deleted %d, %v", n, err)
	}
	for h, want := range map[string]bool{"a": true, "b": false, "c": false} {
		if live, _ := db.SessionLive(ctx, h); live != want {
			t.Fatalf("session %s live %v", h, live)
		}
	}
	db.CreateSession(ctx, "d", u.ID, time.Hour)
	if err := db.ChangePassword(ctx, u.ID, "stale", "new", "a"); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("change against a stale hash: %v", err)
	}
	if err := db.ChangePassword(ctx, u.ID, "hash", "new", "a"); err != nil {
		t.Fatal(err)
	}
	if live, _ := db.SessionLive(ctx, "d"); live {
		t.Fatal("other session survived a password change")
	}
	if h, _ := db.PasswordHash(ctx, u.ID); h != "new" {
		t.Fatalf("hash %q", h)
	}
}

// TestOwnOrganizationRename: members of an approved organization cannot
// rename it; a pending one can (issue 11, item 8).
func TestOwnOrganizationRename(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			u := storetest.MustRegister(t, db, "hr@x.example", model.RoleEnterprise)
			o, _ := db.Organization(ctx, *u.OrgID)
			o.Name = "Renamed while pending"
			if err := db.UpdateOwnOrganization(ctx, &o); err != nil {
				t.Fatal(err)
			}
			db.SetOrgStatus(ctx, o.ID, model.OrgApproved, 0)
			o.Industry = "biomedicine"
			if err := db.UpdateOwnOrganization(ctx, &o); err != nil {
				t.Fatalf("approved organization's other fields: %v", err)
			}
			o.Name = "Evil Corp"
			if err := db.UpdateOwnOrganization(ctx, &o); model.FieldsOf(err)["name"] != "err.org_rename_locked" {
				t.Fatalf("rename after approval: %v", err)
			}
			if got, _ := db.Organization(ctx, o.ID); got.Name != "Renamed while pending" || got.Industry != "biomedicine" {
				t.Fatalf("org = %+v", got)
			}
		})
	}
}

// testAvailabilityReplace: saving one's windows from two tabs at once
// leaves one of the two sets, not both.
func testAvailabilityReplace(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	h := func(n int) time.Time { return w.SlotStart.Add(time.Duration(n) * time.Hour) }
	for range rounds {
		sets := [][]model.Availability{
			{{StartsAt: h(0), EndsAt: h(1)}, {StartsAt: h(2), EndsAt: h(3)}},
			{{StartsAt: h(1), EndsAt: h(2)}, {StartsAt: h(3), EndsAt: h(4)}},
		}
		wins(together(
			func() error { return db.SetAvailability(ctx, w.Tal.ID, sets[0]) },
			func() error { return db.SetAvailability(ctx, w.Tal.ID, sets[1]) },
		), t)
		if l, _ := db.AvailabilityOf(ctx, w.Tal.ID); len(l) != 2 {
			t.Fatalf("%d windows after two concurrent saves of 2: %+v", len(l), l)
		}
	}
}

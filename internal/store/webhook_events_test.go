package store_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// The outbox triggers of migration 0015: each change writes its event, in
// its own transaction, for the organizations it concerns and no other;
// drafts and unchanged rows write nothing.
func TestWebhookEventsConformance(t *testing.T) {
	storetest.Run(t, storetest.Cases{
		"DockingStage":     testDockingStageEvent,
		"BoothAssigned":    testBoothAssignedEvent,
		"ContestPublished": testContestPublishedEvent,
		"MeetingScheduled": testMeetingScheduledEvent,
		"CheckinAdmitted":  testCheckinAdmittedEvent,
	})
}

// subscribe gives org an endpoint for one event type.
func subscribe(t *testing.T, db *store.DB, org int64, event string) store.WebhookEndpoint {
	t.Helper()
	ep := store.WebhookEndpoint{OrgID: org, URL: "https://crm.example/hook", Events: []string{event}, Secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
	if err := db.CreateWebhookEndpoint(ctx, &ep); err != nil {
		t.Fatal(err)
	}
	return ep
}

// events are an endpoint's deliveries' payloads, oldest first, checking
// the type of each.
func events(t *testing.T, db *store.DB, ep store.WebhookEndpoint, typ string) []map[string]any {
	t.Helper()
	ds, err := db.WebhookDeliveries(ctx, ep.OrgID, ep.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].EventType != typ {
			t.Fatalf("delivery %+v, want %s", ds[i], typ)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(ds[i].Payload), &m); err != nil {
			t.Fatalf("payload %q: %v", ds[i].Payload, err)
		}
		out = append(out, m)
	}
	return out
}

func testDockingStageEvent(t *testing.T, db *store.DB) {
	w := newDockWorld(t, db)
	park := subscribe(t, db, w.parkOrg, "docking.stage_changed")
	owner := subscribe(t, db, w.cisOrg, "docking.stage_changed")
	other := subscribe(t, db, w.otherOrg, "docking.stage_changed")
	id := negotiate(t, db, w.deleg, w.project.ID, w.parkOrg, w.park)
	v, _ := db.Docking(ctx, id, w.park.ID)
	before := len(events(t, db, park, "docking.stage_changed"))
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.park.ID, Version: v.Version, Stage: "preliminary_agreement"}); err != nil {
		t.Fatal(err)
	}
	if n := len(events(t, db, park, "docking.stage_changed")); n != before {
		t.Fatalf("a proposal wrote %d events; only a confirmed stage is a change", n-before)
	}
	if err := db.ConfirmStage(ctx, id, w.deleg.ID, v.Version+1); err != nil {
		t.Fatal(err)
	}
	for _, ep := range []store.WebhookEndpoint{park, owner} {
		es := events(t, db, ep, "docking.stage_changed")
		last := es[len(es)-1]
		if len(es) != before+1 || last["to"] != "preliminary_agreement" || last["from"] != "negotiation" ||
			last["project_title"] != "Satellite imaging" || last["docking_id"] != float64(id) {
			t.Fatalf("org %d: events %+v", ep.OrgID, es)
		}
	}
	if es := events(t, db, other, "docking.stage_changed"); len(es) != 0 {
		t.Fatalf("an outsider heard %+v", es)
	}
}

func testBoothAssignedEvent(t *testing.T, db *store.DB) {
	w := newBoothWorld(t, db, 2, 2)
	if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: w.edition.ID, Seed: 1, HoldSeconds: 3600}, 0); err != nil {
		t.Fatal(err)
	}
	eps := []store.WebhookEndpoint{subscribe(t, db, w.orgs[0], "booth.assigned"), subscribe(t, db, w.orgs[1], "booth.assigned")}
	var drafts []store.BoothDraft
	var outs []store.BoothOutcome
	for i := range 2 {
		r := store.BoothRequest{EditionID: w.edition.ID, OrgID: w.orgs[i], AreaID: w.area.ID, Count: 1, Group: "GD"}
		if err := db.CreateBoothRequest(ctx, &r); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, store.BoothOutcome{RequestID: r.ID, Status: "waitlisted", Waitlist: 1, Outcome: "{}"})
		if i == 0 {
			drafts = append(drafts, store.BoothDraft{BoothID: w.booths[0].ID, OrgID: w.orgs[0], RequestID: r.ID})
			outs[0] = store.BoothOutcome{RequestID: r.ID, Status: "assigned", Outcome: "{}"}
		}
	}
	if err := db.SaveBoothRun(ctx, w.edition.ID, drafts, outs, 0); err != nil {
		t.Fatal(err)
	}
	if es := events(t, db, eps[0], "booth.assigned"); len(es) != 0 {
		t.Fatalf("a draft was announced: %+v", es)
	}
	if err := db.PublishBooths(ctx, w.edition.ID, time.Now().Add(48*time.Hour), 0); err != nil {
		t.Fatal(err)
	}
	es := events(t, db, eps[0], "booth.assigned")
	if len(es) != 1 || es[0]["code"] != w.booths[0].Code || es[0]["status"] != "assigned" || es[0]["booth_id"] != float64(w.booths[0].ID) {
		t.Fatalf("published: %+v", es)
	}
	if err := db.ConfirmBooth(ctx, w.orgs[0], w.booths[0].ID); err != nil {
		t.Fatal(err)
	}
	if es := events(t, db, eps[0], "booth.assigned"); len(es) != 1 {
		t.Fatalf("confirming its own booth told the organization again: %+v", es)
	}
	if es := events(t, db, eps[1], "booth.assigned"); len(es) != 0 {
		t.Fatalf("the waitlisted organization heard %+v", es)
	}
}

func testContestPublishedEvent(t *testing.T, db *store.DB) {
	w := newContestWorld(t, db)
	// A delegation's project and a talent's (who has no organization).
	deleg := storetest.MustRegister(t, db, "lead@deleg.example", model.RoleDelegation)
	p := model.Project{EditionID: w.edition.ID, Source: model.SourceDelegation, OrgID: deleg.OrgID, Title: "Drone delivery", Field: "AI", Stage: "prototype"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	var es []model.Entry
	for _, x := range []struct{ project, owner int64 }{{p.ID, deleg.ID}, {w.project.ID, w.owner.ID}} {
		e, err := db.EnterContest(ctx, w.contest.ID, x.project, x.owner, "ai")
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	ep := subscribe(t, db, *deleg.OrgID, "contest.result_published")
	if err := db.SaveAssignment(ctx, w.contest.ID, []store.Pair{{es[0].ID, w.judges[0].ID}}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Select(ctx, w.contest.ID, []int64{es[0].ID}, w.org.ID, ""); err != nil {
		t.Fatal(err)
	}
	if got := events(t, db, ep, "contest.result_published"); len(got) != 0 {
		t.Fatalf("a decision was announced before publishing: %+v", got)
	}
	if err := db.PublishScores(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	got := events(t, db, ep, "contest.result_published")
	if len(got) != 1 || got[0]["entry_id"] != float64(es[0].ID) || got[0]["status"] != "selected" || got[0]["contest_name"] != "Chunhui Cup" {
		t.Fatalf("published: %+v", got)
	}
	if _, ok := got[0]["grant_eligible"].(bool); !ok {
		t.Fatalf("grant_eligible is not a boolean: %+v", got[0])
	}
}

func testMeetingScheduledEvent(t *testing.T, db *store.DB) {
	w := storetest.NewMeetWorld(t, db)
	ep := subscribe(t, db, *w.Ent.OrgID, "meeting.scheduled")
	req, _, run := draftVideoMeeting(t, db, w)
	if got := events(t, db, ep, "meeting.scheduled"); len(got) != 0 {
		t.Fatalf("a draft schedule was announced: %+v", got)
	}
	if _, err := db.PublishScheduleRun(ctx, run.ID, 0); err != nil {
		t.Fatal(err)
	}
	got := events(t, db, ep, "meeting.scheduled")
	if len(got) != 1 || got[0]["meeting_id"] != float64(req.ID) || got[0]["table"] != "V1" || got[0]["video"] != true ||
		got[0]["application_id"] != float64(w.App.ID) || got[0]["kind"] != "interview" {
		t.Fatalf("published: %+v", got)
	}
}

func testCheckinAdmittedEvent(t *testing.T, db *store.DB) {
	w := newGateWorld(t, db)
	// A member of an enterprise, badged; the world's talents have no
	// organization to tell.
	ent := storetest.MustRegister(t, db, "hr@badged.example", model.RoleEnterprise)
	b := store.Badge{EditionID: w.ed.ID, UserID: ent.ID, Role: "enterprise", NotBefore: nbf, NotAfter: naf}
	if err := db.IssueBadge(ctx, &b); err != nil {
		t.Fatal(err)
	}
	ep := subscribe(t, db, *ent.OrgID, "checkin.admitted")
	at := time.Date(2017, 12, 17, 2, 0, 0, 0, time.UTC)
	in := func(nonce string, at time.Time) store.ScanIn {
		return store.ScanIn{Nonce: nonce, Hash: "h-" + nonce, BadgeID: b.ID, UserID: ent.ID, ScannedAt: at, Day: at.Format("2006-01-02"), DeviceResult: "admitted"}
	}
	// Admitted, then scanned again (already in), then the batch replayed:
	// one event.
	batch := []store.ScanIn{in("e1", at), in("e2", at.Add(time.Minute)), scan(w, 0, "t1", at)}
	for range 2 {
		if _, err := db.RecordScans(ctx, w.a.ID, "dev1", 0, batch); err != nil {
			t.Fatal(err)
		}
	}
	got := events(t, db, ep, "checkin.admitted")
	if len(got) != 1 || got[0]["gate"] != "North" || got[0]["user_id"] != float64(ent.ID) || got[0]["day"] != "2017-12-17" || got[0]["offline"] != false {
		t.Fatalf("events %+v", got)
	}
}

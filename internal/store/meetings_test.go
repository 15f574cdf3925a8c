package store_test

import (
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

func TestMeetingsConformance(t *testing.T) {
	storetest.RunWith(t, storetest.NewMeetWorld, storetest.With[storetest.MeetWorld]{
		"RequestsAndAccess": testMeetingRequests,
		"Availability":      testAvailability,
		"Negotiation":       testNegotiation,
	})
}

func testMeetingRequests(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	bad := []struct {
		name  string
		in    store.MeetingRequestInput
		field string
	}{
		{"unknown application", store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Ent.ID, ApplicationID: 999}, "application_id"},
		{"not a side", store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.X.ID, ApplicationID: w.App.ID}, "application_id"},
		{"bad kind", store.MeetingRequestInput{Kind: "lunch", ByUserID: w.Ent.ID, ApplicationID: w.App.ID}, "kind"},
		{"bad priority", store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Ent.ID, ApplicationID: w.App.ID, Priority: 99}, "priority"},
		{"unknown project", store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.Ent.ID, ProjectID: 999}, "project_id"},
	}
	for _, c := range bad {
		_, err := db.CreateMeetingRequest(ctx, c.in)
		if model.FieldsOf(err)[c.field] == "" {
			t.Fatalf("%s: err %v, want a problem on %s", c.name, err, c.field)
		}
	}
	if l, _ := db.MeetingRequestsOf(ctx, w.Ent.ID); len(l) != 0 {
		t.Fatalf("bad requests saved: %d", len(l))
	}
	// A talent asks; any member of the enterprise may answer, and the one
	// who accepts becomes the participant.
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Tal.ID, ApplicationID: w.App.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: w.Tal.ID, ApplicationID: w.App.ID}); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("second open request: %v", err)
	}
	if _, err := db.MeetingRequest(ctx, r.ID, w.X.ID); !model.IsNotFound(err) {
		t.Fatalf("outsider sees request: %v", err)
	}
	for _, u := range []model.User{w.X, w.Tal} {
		if err := db.AnswerMeetingRequest(ctx, r.ID, u.ID, true); err == nil {
			t.Fatalf("%s accepted a request not addressed to them", u.Email)
		}
	}
	if v, err := db.MeetingRequest(ctx, r.ID, w.Ent2.ID); err != nil || v.Subject != "Go engineer" {
		t.Fatalf("colleague sees request: %+v %v", v, err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.Ent2.ID, true); err != nil {
		t.Fatal(err)
	}
	v, _ := db.MeetingRequest(ctx, r.ID, w.Tal.ID)
	if v.Status != model.RequestAccepted || v.ToUserID != w.Ent2.ID {
		t.Fatalf("after accept: %+v", v)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.Ent2.ID, false); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("answer twice: %v", err)
	}
	if _, err := db.MeetingRequest(ctx, r.ID, w.Ent.ID); !model.IsNotFound(err) {
		t.Fatalf("colleague still sees an accepted request: %v", err)
	}
	n, _ := db.MeetingNotices(ctx, w.Tal.ID, 10)
	if len(n) != 1 || n[0].Key != "meetings.notice.accepted" || n[0].Args[1] != "Second recruiter" {
		t.Fatalf("talent notices: %+v", n)
	}
}

func testAvailability(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	h := func(n int) time.Time { return w.SlotStart.Add(time.Duration(n) * time.Hour) }
	bad := []struct {
		name  string
		ws    []model.Availability
		field string
	}{
		{"inverted", []model.Availability{{StartsAt: h(2), EndsAt: h(1)}}, "windows.0.ends_at"},
		{"overlap", []model.Availability{{StartsAt: h(0), EndsAt: h(2)}, {StartsAt: h(1), EndsAt: h(3)}}, "windows.1.starts_at"},
	}
	for _, c := range bad {
		err := db.SetAvailability(ctx, w.Tal.ID, c.ws)
		if model.FieldsOf(err)[c.field] == "" {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	good := []model.Availability{{StartsAt: h(3), EndsAt: h(4)}, {StartsAt: h(0), EndsAt: h(2)}}
	if err := db.SetAvailability(ctx, w.Tal.ID, good); err != nil {
		t.Fatal(err)
	}
	l, _ := db.AvailabilityOf(ctx, w.Tal.ID)
	if len(l) != 2 || !l[0].StartsAt.Equal(h(0)) || !l[1].EndsAt.Equal(h(4)) {
		t.Fatalf("availability: %+v", l)
	}
}

func testNegotiation(t *testing.T, db *store.DB, w storetest.MeetWorld) {
	owner := w.Tal.ID
	p := model.Project{EditionID: w.Edition.ID, Source: model.SourceTalent, OwnerUserID: &owner, Title: "Battery recycling", Stage: "prototype"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.Tal.ID, ProjectID: p.ID, OrgID: 999}); err == nil {
		t.Fatal("negotiation with an unknown organization saved")
	}
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.Tal.ID, ProjectID: p.ID, OrgID: *w.Ent.OrgID})
	if err != nil || r.DockingID == nil {
		t.Fatalf("negotiation: %+v %v", r, err)
	}
	// The enterprise asking about the same project reuses the docking.
	r2, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.Ent.ID, ProjectID: p.ID})
	if err != nil || r2.DockingID == nil || *r2.DockingID != *r.DockingID || r2.ToUserID != w.Tal.ID {
		t.Fatalf("negotiation from the enterprise: %+v %v", r2, err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, w.Ent.ID, true); err != nil {
		t.Fatal(err)
	}
	v, _ := db.MeetingRequest(ctx, r.ID, w.Tal.ID)
	if v.Subject != "Battery recycling" || v.Status != model.RequestAccepted {
		t.Fatalf("negotiation view: %+v", v)
	}
}

package schedule_test

import (
	"errors"
	"testing"
	"time"

	"github.com/convene/convene/internal/schedule"
)

// base is a valid instance the cases below break one field at a time.
func base() schedule.Instance {
	return schedule.Instance{
		Slots:        slots(3),
		Resources:    []schedule.Resource{table("t1", "north"), {ID: "v1", Kind: schedule.KindVideo, Slots: []string{"s1"}}},
		Participants: []schedule.Participant{person("a", win(0, 2)), person("b"), person("c")},
		Requests:     []schedule.Request{req("r1", 1, "a", "b"), req("r2", 2, "b", "c")},
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*schedule.Instance)
		code  schedule.ErrorCode
		field string
	}{
		{"valid", func(*schedule.Instance) {}, "", ""},
		{"empty slot id", func(in *schedule.Instance) { in.Slots[1].ID = "" }, schedule.CodeInvalid, "slots[1].id"},
		{"duplicate slot", func(in *schedule.Instance) { in.Slots[2].ID = "s0" }, schedule.CodeConflict, "slots[2].id"},
		{"inverted slot", func(in *schedule.Instance) { in.Slots[0].End = in.Slots[0].Start }, schedule.CodeInvalid, "slots[0].end"},
		{"zero slot time", func(in *schedule.Instance) { in.Slots[0].Start = time.Time{} }, schedule.CodeInvalid, "slots[0]"},
		{"duplicate resource", func(in *schedule.Instance) { in.Resources[1].ID = "t1" }, schedule.CodeConflict, "resources[1].id"},
		{"bad kind", func(in *schedule.Instance) { in.Resources[0].Kind = "sofa" }, schedule.CodeInvalid, "resources[0].kind"},
		{"resource in unknown slot", func(in *schedule.Instance) { in.Resources[1].Slots = []string{"s9"} }, schedule.CodeNotFound, "resources[1].slots[0]"},
		{"duplicate participant", func(in *schedule.Instance) { in.Participants[2].ID = "a" }, schedule.CodeConflict, "participants[2].id"},
		{"negative limit", func(in *schedule.Instance) { in.Participants[0].MaxMeetings = -1 }, schedule.CodeInvalid, "participants[0].max_meetings"},
		{"inverted window", func(in *schedule.Instance) { in.Participants[0].Available = []schedule.Interval{win(2, 1)} }, schedule.CodeInvalid, "participants[0].available[0]"},
		{"overlapping windows", func(in *schedule.Instance) {
			in.Participants[1].Available = []schedule.Interval{win(2, 3), win(0, 1), win(0, 2)}
		}, schedule.CodeConflict, "participants[1].available[2]"},
		{"touching windows are fine", func(in *schedule.Instance) {
			in.Participants[1].Available = []schedule.Interval{win(1, 2), win(0, 1)}
		}, "", ""},
		{"duplicate request", func(in *schedule.Instance) { in.Requests[1].ID = "r1" }, schedule.CodeConflict, "requests[1].id"},
		{"one participant", func(in *schedule.Instance) { in.Requests[0].Participants = []string{"a"} }, schedule.CodeInvalid, "requests[0].participants"},
		{"unknown participant", func(in *schedule.Instance) { in.Requests[1].Participants[1] = "zed" }, schedule.CodeNotFound, "requests[1].participants[1]"},
		{"same participant twice", func(in *schedule.Instance) { in.Requests[0].Participants = []string{"a", "b", "a"} }, schedule.CodeConflict, "requests[0].participants[2]"},
		{"zero priority", func(in *schedule.Instance) { in.Requests[0].Priority = 0 }, schedule.CodeInvalid, "requests[0].priority"},
		{"unknown venue", func(in *schedule.Instance) { in.Requests[0].Venue = "south" }, schedule.CodeNotFound, "requests[0].venue"},
		{"negative travel", func(in *schedule.Instance) { in.Options.TravelMinutes = -5 }, schedule.CodeInvalid, "options.travel_minutes"},
		{"lock of unknown request", func(in *schedule.Instance) { in.Locked = []schedule.Assignment{at3("r9", "s0", "t1")} }, schedule.CodeNotFound, "locked[0].request"},
		{"lock in unknown slot", func(in *schedule.Instance) { in.Locked = []schedule.Assignment{at3("r1", "s9", "t1")} }, schedule.CodeNotFound, "locked[0].slot"},
		{"lock on unknown resource", func(in *schedule.Instance) { in.Locked = []schedule.Assignment{at3("r1", "s0", "t9")} }, schedule.CodeNotFound, "locked[0].resource"},
		{"lock twice", func(in *schedule.Instance) {
			in.Locked = []schedule.Assignment{at3("r1", "s0", "t1"), at3("r1", "s1", "t1")}
		}, schedule.CodeConflict, "locked[1].request"},
		{"lock of wrong kind", func(in *schedule.Instance) { in.Locked = []schedule.Assignment{at3("r1", "s1", "v1")} }, schedule.CodeConflict, "locked[0].resource"},
		{"lock where resource is absent", func(in *schedule.Instance) {
			in.Requests[0].Kind = schedule.KindVideo
			in.Locked = []schedule.Assignment{at3("r1", "s0", "v1")}
		}, schedule.CodeConflict, "locked[0].slot"},
		{"lock when unavailable", func(in *schedule.Instance) { in.Locked = []schedule.Assignment{at3("r1", "s2", "t1")} }, schedule.CodeConflict, "locked[0].slot"},
		{"two locks on one table", func(in *schedule.Instance) {
			in.Participants = append(in.Participants, person("d"))
			in.Requests[1].Participants = []string{"c", "d"}
			in.Locked = []schedule.Assignment{at3("r1", "s0", "t1"), at3("r2", "s0", "t1")}
		}, schedule.CodeConflict, "locked[1].resource"},
		{"person locked twice at once", func(in *schedule.Instance) {
			in.Resources = append(in.Resources, table("t2", "north"))
			in.Locked = []schedule.Assignment{at3("r1", "s0", "t1"), at3("r2", "s0", "t2")}
		}, schedule.CodeConflict, "locked[1].slot"},
		{"locks over the limit", func(in *schedule.Instance) {
			in.Participants[1].MaxMeetings = 1
			in.Locked = []schedule.Assignment{at3("r1", "s0", "t1"), at3("r2", "s1", "t1")}
		}, schedule.CodeConflict, "locked[1].request"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inst := base()
			tc.edit(&inst)
			err := schedule.Validate(inst)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				run(t, inst)
				return
			}
			var e *schedule.Error
			if !errors.As(err, &e) {
				t.Fatalf("Validate = %v, want a *schedule.Error", err)
			}
			if e.Code != tc.code || e.Field != tc.field {
				t.Fatalf("got %s at %s (%s), want %s at %s", e.Code, e.Field, e.Message, tc.code, tc.field)
			}
			if e.Message == "" {
				t.Fatal("empty message")
			}
			// Schedule and WriteLP refuse the same input with the same error.
			if _, err := schedule.Schedule(inst); err == nil || err.Error() != e.Error() {
				t.Fatalf("Schedule error = %v, want %v", err, e)
			}
		})
	}
}

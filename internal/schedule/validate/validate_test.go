package validate_test

import (
	"testing"
	"time"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/validate"
)

var day = time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)

func at(i int) time.Time { return day.Add(time.Duration(i) * 30 * time.Minute) }

func at3(req, slot, res string) schedule.Assignment {
	return schedule.Assignment{Request: req, Slot: slot, Resource: res}
}

func instance() schedule.Instance {
	return schedule.Instance{
		Slots: []schedule.Slot{{ID: "s0", Start: at(0), End: at(1)}, {ID: "s1", Start: at(1), End: at(2)},
			{ID: "s2", Start: at(2), End: at(3)}, {ID: "x", Start: at(0).Add(15 * time.Minute), End: at(1).Add(15 * time.Minute)}},
		Resources: []schedule.Resource{{ID: "n1", Kind: schedule.KindTable, Venue: "north"}, {ID: "n2", Kind: schedule.KindTable, Venue: "north"},
			{ID: "s1t", Kind: schedule.KindTable, Venue: "south"}, {ID: "v", Kind: schedule.KindVideo, Slots: []string{"s1"}}},
		Participants: []schedule.Participant{
			{ID: "a", Available: []schedule.Interval{{Start: at(0), End: at(1)}, {Start: at(1), End: at(2)}}},
			{ID: "b", MaxMeetings: 1}, {ID: "c"}, {ID: "d"}},
		Requests: []schedule.Request{
			{ID: "r1", Participants: []string{"a", "b"}, Priority: 2, Kind: schedule.KindTable},
			{ID: "r2", Participants: []string{"a", "c"}, Priority: 1, Kind: schedule.KindTable},
			{ID: "r3", Participants: []string{"c", "d"}, Priority: 1, Kind: schedule.KindVideo},
			{ID: "r4", Participants: []string{"b", "d"}, Priority: 1, Kind: schedule.KindTable, Venue: "south"},
			{ID: "r5", Participants: []string{"c", "d"}, Priority: 1, Kind: schedule.KindTable},
		},
		Options: schedule.Options{BufferBetweenVenues: true},
	}
}

func TestAssignments(t *testing.T) {
	cases := []struct {
		name   string
		as     []schedule.Assignment
		locked []schedule.Assignment
		rule   string // "" = valid
	}{
		{"valid", []schedule.Assignment{at3("r1", "s0", "n1"), at3("r2", "s1", "n1"), at3("r5", "s2", "n2")}, nil, ""},
		{"video room", []schedule.Assignment{at3("r3", "s1", "v")}, nil, ""},
		{"window spanning two touching intervals", []schedule.Assignment{at3("r2", "x", "n1")}, nil, ""},
		{"unknown id", []schedule.Assignment{at3("r9", "s0", "n1")}, nil, "unknown_id"},
		{"request twice", []schedule.Assignment{at3("r1", "s0", "n1"), at3("r1", "s1", "n1")}, nil, "request_twice"},
		{"kind", []schedule.Assignment{at3("r3", "s1", "n1")}, nil, "kind"},
		{"venue", []schedule.Assignment{at3("r4", "s0", "n1")}, nil, "venue"},
		{"resource absent", []schedule.Assignment{at3("r3", "s0", "v")}, nil, "resource_absent"},
		{"unavailable", []schedule.Assignment{at3("r1", "s2", "n1")}, nil, "unavailable"},
		{"resource double booked", []schedule.Assignment{at3("r1", "s0", "n1"), at3("r5", "s0", "n1")}, nil, "resource_double_booked"},
		{"resource in overlapping slots", []schedule.Assignment{at3("r1", "s0", "n1"), at3("r5", "x", "n1")}, nil, "resource_double_booked"},
		{"person double booked", []schedule.Assignment{at3("r1", "s0", "n1"), at3("r2", "s0", "n2")}, nil, "person_double_booked"},
		{"person in overlapping slots", []schedule.Assignment{at3("r1", "s0", "n1"), at3("r2", "x", "n2")}, nil, "person_double_booked"},
		{"limit", []schedule.Assignment{at3("r1", "s0", "n1"), at3("r4", "s2", "s1t")}, nil, "limit"},
		{"no free slot to change venue", []schedule.Assignment{at3("r5", "s1", "n1"), at3("r4", "s2", "s1t")}, nil, "travel"},
		{"lock kept", []schedule.Assignment{at3("r1", "s0", "n1")}, []schedule.Assignment{at3("r1", "s0", "n1")}, ""},
		{"lock moved", []schedule.Assignment{at3("r1", "s1", "n1")}, []schedule.Assignment{at3("r1", "s0", "n1")}, "lock_moved"},
		{"lock dropped", nil, []schedule.Assignment{at3("r1", "s0", "n1")}, "lock_moved"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inst := instance()
			inst.Locked = tc.locked
			v := validate.Assignments(inst, tc.as)
			if tc.rule == "" {
				if len(v) > 0 {
					t.Fatalf("violations: %v", v)
				}
				return
			}
			for _, x := range v {
				if x.Rule == tc.rule {
					return
				}
			}
			t.Fatalf("no %s violation in %v", tc.rule, v)
		})
	}
}

func TestTravelMinutes(t *testing.T) {
	inst := instance()
	inst.Options = schedule.Options{TravelMinutes: 45}
	as := []schedule.Assignment{at3("r5", "s0", "n1"), at3("r4", "s2", "s1t")} // 30 minutes apart
	if v := validate.Assignments(inst, as); len(v) != 1 || v[0].Rule != "travel" {
		t.Fatalf("violations = %v, want one travel", v)
	}
}

func TestResult(t *testing.T) {
	inst := instance()
	good := schedule.Result{
		Assignments: []schedule.Assignment{at3("r1", "s0", "n1")},
		Unplaced: []schedule.Unplaced{schedule.Unplaced{Request: "r2", Reason: schedule.Reason{Code: "participant_busy"}}, schedule.Unplaced{Request: "r3", Reason: schedule.Reason{Code: "x"}},
			schedule.Unplaced{Request: "r4", Reason: schedule.Reason{Code: "x"}}, schedule.Unplaced{Request: "r5", Reason: schedule.Reason{Code: "x"}}},
		Score: schedule.Score{Weight: 2, Placed: 1, Unserved: 2},
	}
	if v := validate.Result(inst, good); len(v) > 0 {
		t.Fatalf("violations: %v", v)
	}
	cases := []struct {
		name string
		edit func(*schedule.Result)
		rule string
	}{
		{"missing request", func(r *schedule.Result) { r.Unplaced = r.Unplaced[1:] }, "accounting"},
		{"no reason", func(r *schedule.Result) { r.Unplaced[0].Reason.Code = "" }, "no_reason"},
		{"wrong weight", func(r *schedule.Result) { r.Score.Weight = 3 }, "score"},
		{"wrong unserved", func(r *schedule.Result) { r.Score.Unserved = 0 }, "score"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := good
			res.Unplaced = append([]schedule.Unplaced(nil), good.Unplaced...)
			tc.edit(&res)
			v := validate.Result(inst, res)
			if len(v) == 0 || v[0].Rule != tc.rule {
				t.Fatalf("violations = %v, want %s", v, tc.rule)
			}
		})
	}
}

package schedule_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/validate"
)

var day = time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)

func at(i int) time.Time { return day.Add(time.Duration(i) * 30 * time.Minute) }

// slots returns n back-to-back 30-minute slots s0, s1, ...
func slots(n int) []schedule.Slot {
	out := make([]schedule.Slot, n)
	for i := range out {
		out[i] = schedule.Slot{ID: fmt.Sprintf("s%d", i), Start: at(i), End: at(i + 1)}
	}
	return out
}

// win is the availability window covering slots [from, to).
func win(from, to int) schedule.Interval { return schedule.Interval{Start: at(from), End: at(to)} }

func table(id, venue string) schedule.Resource {
	return schedule.Resource{ID: id, Kind: schedule.KindTable, Venue: venue}
}

func person(id string, w ...schedule.Interval) schedule.Participant {
	return schedule.Participant{ID: id, Available: w}
}

func people(ids ...string) []schedule.Participant {
	out := make([]schedule.Participant, len(ids))
	for i, id := range ids {
		out[i] = person(id)
	}
	return out
}

func req(id string, prio int, parts ...string) schedule.Request {
	return schedule.Request{ID: id, Participants: parts, Priority: prio, Kind: schedule.KindTable}
}

// run schedules inst and fails the test on any violation the independent
// validator finds, so every engine test is also a validator test.
func run(t testing.TB, inst schedule.Instance) schedule.Result {
	t.Helper()
	res, err := schedule.Schedule(inst)
	if err != nil {
		t.Fatalf("Schedule: %v", err)
	}
	checked(t, inst, res)
	return res
}

func checked(t testing.TB, inst schedule.Instance, res schedule.Result) {
	t.Helper()
	if v := validate.Result(inst, res); len(v) > 0 {
		t.Fatalf("%d violations, first: %v", len(v), v[0])
	}
}

func placed(res schedule.Result) map[string]schedule.Assignment {
	m := map[string]schedule.Assignment{}
	for _, a := range res.Assignments {
		m[a.Request] = a
	}
	return m
}

func reasons(res schedule.Result) map[string]schedule.Reason {
	m := map[string]schedule.Reason{}
	for _, u := range res.Unplaced {
		m[u.Request] = u.Reason
	}
	return m
}

func at3(req, slot, res string) schedule.Assignment {
	return schedule.Assignment{Request: req, Slot: slot, Resource: res}
}

package validate

import (
	"fmt"

	"github.com/convene/convene/internal/schedule"
)

// Result checks a whole engine result: the assignments (see Assignments),
// every request accounted for exactly once, a reason code on each unplaced
// request and a score that matches the assignments.
func Result(inst schedule.Instance, res schedule.Result) []Violation {
	out := Assignments(inst, res.Assignments)
	bad := func(rule, format string, args ...any) {
		out = append(out, Violation{rule, fmt.Sprintf(format, args...)})
	}
	count := map[string]int{}
	for _, a := range res.Assignments {
		count[a.Request]++
	}
	for _, u := range res.Unplaced {
		count[u.Request]++
		if u.Reason.Code == "" {
			bad("no_reason", "request %s unplaced without a reason", u.Request)
		}
	}
	for _, r := range inst.Requests {
		if count[r.ID] != 1 {
			bad("accounting", "request %s appears %d times in the result", r.ID, count[r.ID])
		}
	}
	if w := Weight(inst, res.Assignments); w != res.Score.Weight {
		bad("score", "weight %d, assignments weigh %d", res.Score.Weight, w)
	}
	if res.Score.Placed != len(res.Assignments) {
		bad("score", "placed %d, %d assignments", res.Score.Placed, len(res.Assignments))
	}
	if u := Unserved(inst, res.Assignments); u != res.Score.Unserved {
		bad("score", "unserved %d, counted %d", res.Score.Unserved, u)
	}
	return out
}

// Weight sums the priorities of the assigned requests.
func Weight(inst schedule.Instance, as []schedule.Assignment) int64 {
	prio := map[string]int{}
	for _, r := range inst.Requests {
		prio[r.ID] = r.Priority
	}
	var w int64
	for _, a := range as {
		w += int64(prio[a.Request])
	}
	return w
}

// Unserved counts participants with at least one request and no meeting.
func Unserved(inst schedule.Instance, as []schedule.Assignment) int {
	placed := map[string]bool{}
	for _, a := range as {
		placed[a.Request] = true
	}
	has, got := map[string]bool{}, map[string]bool{}
	for _, r := range inst.Requests {
		for _, p := range r.Participants {
			has[p] = true
			if placed[r.ID] {
				got[p] = true
			}
		}
	}
	return len(has) - len(got)
}

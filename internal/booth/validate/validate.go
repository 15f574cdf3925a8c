// Package validate checks a booth allocation against its instance without
// using the engine's code: it rebuilds areas, quotas, eligibility, the
// lottery draw and the objective from the documented rules, so a bug in the
// engine cannot hide itself. Every test of the engine calls Result.
package validate

import (
	"fmt"
	"math"
	"sort"

	"github.com/convene/convene/internal/booth"
)

const tol = 1e-6

// Result returns every rule the result breaks; empty means valid.
func Result(inst booth.Instance, res booth.Result) []string {
	var v []string
	bad := func(f string, a ...any) { v = append(v, fmt.Sprintf(f, a...)) }

	booths := map[string]booth.Booth{}
	areaM2 := map[string]float64{}
	for _, b := range inst.Booths {
		booths[b.Code] = b
		areaM2[b.Area] += b.M2
	}
	reqs := map[string]booth.Request{}
	for _, r := range inst.Requests {
		reqs[r.ID] = r
	}
	neighbours := map[string]map[string]bool{}
	link := func(a, b string) {
		if neighbours[a] == nil {
			neighbours[a] = map[string]bool{}
		}
		neighbours[a][b] = true
	}
	for _, b := range inst.Booths {
		for _, x := range b.Adjacent {
			link(b.Code, x)
			link(x, b.Code)
		}
	}
	fits := func(r booth.Request, b booth.Booth) bool {
		return !b.Blocked && b.Area == r.Area && (r.Kind == "" || r.Kind == b.Kind) && (r.Count > 0 || b.M2 <= r.M2+tol)
	}
	unit := func(r booth.Request, b booth.Booth) float64 {
		if r.Count > 0 {
			return 1
		}
		return b.M2
	}
	want := func(r booth.Request) float64 {
		if r.Count > 0 {
			return float64(r.Count)
		}
		return r.M2
	}

	owner := map[string]string{}
	got := map[string]float64{}
	heldBy := map[string][]string{}
	used := map[[2]string]float64{}
	for _, a := range res.Assignments {
		b, okB := booths[a.Booth]
		r, okR := reqs[a.Request]
		if !okB || !okR {
			bad("assignment %s → %s names an unknown booth or request", a.Request, a.Booth)
			continue
		}
		if o, dup := owner[a.Booth]; dup {
			bad("booth %s assigned twice (%s and %s)", a.Booth, o, a.Request)
			continue
		}
		owner[a.Booth] = a.Request
		if !fits(r, b) {
			bad("booth %s cannot serve request %s (area, kind, size or blocked)", a.Booth, a.Request)
		}
		got[r.ID] += unit(r, b)
		heldBy[r.ID] = append(heldBy[r.ID], b.Code)
		if r.Group != "" {
			used[[2]string{r.Group, r.Area}] += b.M2
		}
	}
	for _, r := range inst.Requests {
		if got[r.ID] > want(r)+tol {
			bad("request %s got %.4g, more than the %.4g it asked for", r.ID, got[r.ID], want(r))
		}
	}
	capOf := map[[2]string]float64{}
	for _, q := range inst.Quotas {
		k := [2]string{q.Group, q.Area}
		capOf[k] = q.Percent / 100 * areaM2[q.Area]
		if used[k] > capOf[k]+tol {
			bad("group %s holds %.4g m² in %s, over its quota of %.4g m²", q.Group, used[k], q.Area, capOf[k])
		}
	}
	for _, l := range inst.Locks {
		if owner[l.Booth] != l.Request {
			bad("lock %s → %s not kept", l.Request, l.Booth)
		}
	}

	// Outcomes: one per request, in order, agreeing with the assignments.
	if len(res.Outcomes) != len(inst.Requests) {
		bad("%d outcomes for %d requests", len(res.Outcomes), len(inst.Requests))
		return v
	}
	waitPos := map[string][]int{}
	for i, r := range inst.Requests {
		o := res.Outcomes[i]
		if o.Request != r.ID {
			bad("outcome %d is for %s, not %s", i, o.Request, r.ID)
			continue
		}
		mine := append([]string(nil), heldBy[r.ID]...)
		sort.Strings(mine)
		ob := append([]string(nil), o.Booths...)
		sort.Strings(ob)
		if fmt.Sprint(mine) != fmt.Sprint(ob) {
			bad("outcome of %s lists %v, assignments give %v", r.ID, ob, mine)
		}
		served := got[r.ID] >= want(r)-tol
		switch {
		case served && o.Status != booth.Assigned,
			!served && len(mine) > 0 && o.Status != booth.Partial,
			!served && len(mine) == 0 && o.Status != booth.Waitlisted:
			bad("request %s has status %s for %.4g of %.4g", r.ID, o.Status, got[r.ID], want(r))
		}
		has := map[booth.Reason]bool{}
		for _, x := range o.Reasons {
			has[x] = true
		}
		if len(o.Reasons) == 0 {
			bad("request %s has no reason", r.ID)
		}
		if !served {
			short := has[booth.ReasonAreaFull] || has[booth.ReasonQuotaReached] || has[booth.ReasonKindUnavailable] || has[booth.ReasonNoFit]
			if !short || !has[booth.ReasonWaitlisted] || o.Waitlist < 1 {
				bad("request %s is short without a reason and a waitlist place: %v, %d", r.ID, o.Reasons, o.Waitlist)
			}
			waitPos[r.Area] = append(waitPos[r.Area], o.Waitlist)
			// Nothing free it could still have taken.
			rem := want(r) - got[r.ID]
			left := math.Inf(1)
			if c, ok := capOf[[2]string{r.Group, r.Area}]; ok && r.Group != "" {
				left = c - used[[2]string{r.Group, r.Area}]
			}
			for _, b := range inst.Booths {
				if _, taken := owner[b.Code]; !taken && fits(r, b) && unit(r, b) <= rem+tol && b.M2 <= left+tol {
					bad("request %s is short but booth %s is free and fits", r.ID, b.Code)
					break
				}
			}
			if has[booth.ReasonAreaFull] {
				for _, b := range inst.Booths {
					if _, taken := owner[b.Code]; !taken && !b.Blocked && b.Area == r.Area {
						bad("request %s: area full, but booth %s is free", r.ID, b.Code)
						break
					}
				}
			}
		} else if o.Waitlist != 0 {
			bad("request %s is served and waitlisted", r.ID)
		}
		// Competitors named: which of them hold a booth beside one of its.
		if len(r.Avoid) > 0 && len(mine) > 0 {
			named := map[string]bool{}
			for _, n := range r.Avoid {
				named[n] = true
			}
			near := map[string]bool{}
			for _, b := range mine {
				for x := range neighbours[b] {
					if ow, ok := owner[x]; ok && ow != r.ID && named[reqs[ow].Org] {
						near[reqs[ow].Org] = true
					}
				}
			}
			var want []string
			for n := range near {
				want = append(want, n)
			}
			sort.Strings(want)
			gotB := append([]string(nil), o.Beside...)
			sort.Strings(gotB)
			if fmt.Sprint(want) != fmt.Sprint(gotB) {
				bad("request %s: beside %v, the plan puts %v beside it", r.ID, gotB, want)
			}
			if len(want) == 0 && !has[booth.ReasonApart] || len(want) > 0 && !has[booth.ReasonBesideAvoided] {
				bad("request %s: reasons %v do not say whether its competitors were kept apart", r.ID, o.Reasons)
			}
		} else if len(o.Beside) > 0 || has[booth.ReasonApart] || has[booth.ReasonBesideAvoided] {
			bad("request %s names no competitor or holds no booth, but its outcome speaks of them", r.ID)
		}
	}
	for a, ps := range waitPos {
		sort.Ints(ps)
		for i, p := range ps {
			if p != i+1 {
				bad("waitlist of %s is not 1..%d: %v", a, len(ps), ps)
				break
			}
		}
	}
	// The draw: within an area, rank follows priority then ticket.
	type drawn struct {
		prio int
		tick uint64
		id   string
		rank int
	}
	byArea := map[string][]drawn{}
	for i, r := range inst.Requests {
		t := ticket(inst.Seed, r.ID)
		if res.Outcomes[i].Ticket != t {
			bad("request %s: ticket %d, the seed gives %d", r.ID, res.Outcomes[i].Ticket, t)
		}
		byArea[r.Area] = append(byArea[r.Area], drawn{r.Priority, t, r.ID, res.Outcomes[i].Rank})
	}
	for a, ds := range byArea {
		sort.Slice(ds, func(i, j int) bool {
			if ds[i].prio != ds[j].prio {
				return ds[i].prio > ds[j].prio
			}
			if ds[i].tick != ds[j].tick {
				return ds[i].tick < ds[j].tick
			}
			return ds[i].id < ds[j].id
		})
		for i, d := range ds {
			if d.rank != i+1 {
				bad("area %s: request %s ranked %d, the draw gives %d", a, d.id, d.rank, i+1)
				break
			}
		}
	}
	if obj := Objective(inst, res.Assignments); math.Abs(obj-res.Score.Value) > tol*math.Max(1, obj) {
		bad("score %.6g, the assignments are worth %.6g", res.Score.Value, obj)
	}
	return v
}

// Objective recomputes the documented objective of a set of assignments:
// units × (PrioBase + priority), PrefBonus per preference met, ContigBonus
// per adjacent pair held by one request, less CompetitorCost (3) per
// adjacent pair held by two requests one of which named the other's
// organization in Avoid.
func Objective(inst booth.Instance, as []booth.Assignment) float64 {
	booths := map[string]booth.Booth{}
	for _, b := range inst.Booths {
		booths[b.Code] = b
	}
	reqs := map[string]booth.Request{}
	for _, r := range inst.Requests {
		reqs[r.ID] = r
	}
	owner := map[string]string{}
	total := 0.0
	for _, a := range as {
		r, b := reqs[a.Request], booths[a.Booth]
		owner[b.Code] = r.ID
		u := 1.0
		if r.Count == 0 {
			u = b.M2 / 9
		}
		total += u * float64(10+r.Priority)
		if r.Entrance && b.Entrance {
			total++
		}
		if r.Corner && b.Corner {
			total++
		}
	}
	seen := map[[2]string]bool{}
	for _, b := range inst.Booths {
		for _, x := range b.Adjacent {
			p := [2]string{min(b.Code, x), max(b.Code, x)}
			if seen[p] {
				continue
			}
			seen[p] = true
			o0, ok0 := owner[p[0]]
			o1, ok1 := owner[p[1]]
			switch {
			case !ok0 || !ok1:
			case o0 == o1:
				total += 2
			case avoids(reqs[o0], reqs[o1].Org) || avoids(reqs[o1], reqs[o0].Org):
				total -= 3
			}
		}
	}
	return total
}

func avoids(r booth.Request, org string) bool {
	for _, o := range r.Avoid {
		if o == org {
			return true
		}
	}
	return false
}

// ticket is the documented lottery: SplitMix64 of seed XOR FNV-1a(id).
func ticket(seed uint64, id string) uint64 {
	var h uint64 = 0xcbf29ce484222325
	for _, c := range []byte(id) {
		h = (h ^ uint64(c)) * 0x100000001b3
	}
	z := seed ^ h + 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

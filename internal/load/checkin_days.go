package load

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
)

// gateDaysScenario replays the seed's visits (500,000 at scale 1) over the
// edition's two days through the real gate endpoint: participants enter
// and re-enter through four venue gates (the demo's two and two more the
// organizer opens), nine requests in ten a gate syncing a batch of 50
// queued scans, one in ten a live scan. Badges are valid from yesterday
// (a generated edition lies in the past: badge.Window), so the two days are
// yesterday and today in the edition's zone. It stops when every visit is
// answered, and checks the server's word: the first entries it reports per
// day equal the distinct (person, gate, day) sent, and the gates' stored
// first entries grew by as many.
type gateDaysScenario struct {
	checkinScenario
	loc      *time.Location
	days     [2]string
	reqs     []gateReq
	cursor   atomic.Int64
	want     [2]int // distinct person, gate, day sent, per day
	got      [2]atomic.Int64
	results  sync.Map // result → *atomic.Int64
	stored0  int      // the gates' first entries before the run
	done     atomic.Int64
	last     atomic.Int64 // last answer, unix ns
	visits   int
	failures atomic.Int64
}

type gateReq struct {
	gate  int64
	scans []scanJ
	days  []uint8
}

// gateDaysBadges: participants whose badges are scanned (each signs in once
// before the run).
const gateDaysBadges = 400

func (s *gateDaysScenario) prepare(ctx context.Context, h *harness) error {
	if err := s.checkinScenario.prepareN(ctx, h, gateDaysBadges); err != nil {
		return err
	}
	cv := gen.Generate(h.cfg.Seed, h.cfg.Scale)
	s.loc = model.Zone(cv.Edition.TimeZone)
	v := &vu{h: h, res: &results{}}
	// Two more venue gates, then the venue gates alone (not event doors).
	for _, name := range []string{"East Gate " + s.stamp, "West Gate " + s.stamp} {
		if err := postForm(ctx, h, s.org, "/admin/gates", url.Values{"name": {name}}); err != nil {
			return fmt.Errorf("load: gatedays: opening %s: %w", name, err)
		}
	}
	stats, err := s.stats(ctx, v)
	if err != nil {
		return err
	}
	s.gates = s.gates[:0]
	for _, g := range stats {
		if slices.Contains(gen.DemoGates, g.Name) || g.Name == "East Gate "+s.stamp || g.Name == "West Gate "+s.stamp {
			s.gates = append(s.gates, g.ID)
			s.stored0 += g.FirstEntries
		}
	}
	now := time.Now()
	start := now.Add(-23 * time.Hour) // inside the badges' window (from now-24 h, hour-truncated)
	midnight := time.Date(now.In(s.loc).Year(), now.In(s.loc).Month(), now.In(s.loc).Day(), 0, 0, 0, 0, s.loc)
	s.days = [2]string{start.In(s.loc).Format("2006-01-02"), now.In(s.loc).Format("2006-01-02")}
	s.visits = max(1, int(500_000*h.cfg.Scale))
	// Visits in time order over the two days; requests take them in turn.
	seen := map[string]bool{}
	span := now.Add(-time.Minute).Sub(start)
	rng := rand.New(rand.NewPCG(uint64(h.cfg.Seed), 16))
	times := make([]time.Time, s.visits)
	for i := range times {
		times[i] = start.Add(time.Duration(rng.Int64N(int64(span))))
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	nonce := 0
	for k, i := 0, 0; i < len(times); k++ {
		n := checkinBatch
		if k%10 == 9 {
			n = 1
		}
		n = min(n, len(times)-i)
		r := gateReq{gate: s.gates[k%len(s.gates)]}
		for _, at := range times[i : i+n] {
			nonce++
			p := rng.IntN(len(s.tokens))
			d := uint8(0)
			if !at.Before(midnight) {
				d = 1
			}
			key := fmt.Sprint(p, "|", r.gate, "|", d)
			if !seen[key] {
				seen[key] = true
				s.want[d]++
			}
			r.scans = append(r.scans, scanJ{Nonce: fmt.Sprintf("%s-d%d", s.stamp, nonce), Token: s.tokens[p], ScannedAt: at.UTC(), Offline: n > 1})
			r.days = append(r.days, d)
		}
		s.reqs = append(s.reqs, r)
		i += n
	}
	return nil
}

type gateStatJ struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	FirstEntries int    `json:"first_entries"`
}

func (s *gateDaysScenario) stats(ctx context.Context, v *vu) ([]gateStatJ, error) {
	var stats []gateStatJ
	if !v.do(ctx, s.org, "gates", "GET", "/api/v1/gates/stats", nil, &stats, 200) {
		return nil, fmt.Errorf("load: gatedays: gate stats: %v", v.res.samples)
	}
	return stats, nil
}

func (s *gateDaysScenario) run(ctx context.Context, v *vu) {
	s.run0.CompareAndSwap(0, time.Now().UnixNano())
	device := fmt.Sprintf("days-%s-%d", s.stamp, v.id)
	var out struct {
		Results []struct {
			Result     string `json:"result"`
			FirstEntry bool   `json:"first_entry"`
		} `json:"results"`
	}
	for ctx.Err() == nil {
		k := int(s.cursor.Add(1) - 1)
		if k >= len(s.reqs) || !v.take() {
			return
		}
		r := s.reqs[k]
		op := "sync (50 scans)"
		if len(r.scans) == 1 {
			op = "online scan"
		}
		out.Results = nil
		if !v.do(ctx, s.gate, op, "POST", fmt.Sprintf("/api/v1/gates/%d/scans", r.gate), batchJ{Device: device, Scans: r.scans}, &out, 200) || len(out.Results) != len(r.scans) {
			s.failures.Add(1)
			continue
		}
		for i, o := range out.Results {
			if o.FirstEntry {
				s.got[r.days[i]].Add(1)
			}
			c, _ := s.results.LoadOrStore(o.Result, new(atomic.Int64))
			c.(*atomic.Int64).Add(1)
		}
		s.done.Add(int64(len(r.scans)))
		s.last.Store(time.Now().UnixNano())
	}
}

func (s *gateDaysScenario) notes(h *harness) []string {
	el := time.Duration(s.last.Load() - s.run0.Load()).Seconds()
	n := s.done.Load()
	stored := -1
	v := &vu{h: h, res: &results{}}
	if st, err := s.stats(context.Background(), v); err == nil {
		stored = 0
		for _, g := range st {
			if slices.Contains(s.gates, g.ID) {
				stored += g.FirstEntries
			}
		}
		stored -= s.stored0
	}
	var res []string
	s.results.Range(func(k, c any) bool {
		res = append(res, fmt.Sprintf("%s %d", k, c.(*atomic.Int64).Load()))
		return true
	})
	slices.Sort(res)
	verdict := "OK"
	if s.got[0].Load() != int64(s.want[0]) || s.got[1].Load() != int64(s.want[1]) || stored != s.want[0]+s.want[1] || n != int64(s.visits) {
		verdict = "MISMATCH"
	}
	return []string{
		fmt.Sprintf("gatedays: %d visits of %d participants over %s and %s at %d venue gates, %d requests (9 in 10 a batch of %d, 1 in 10 one live scan)",
			s.visits, len(s.tokens), s.days[0], s.days[1], len(s.gates), len(s.reqs), checkinBatch),
		fmt.Sprintf("gatedays: %d scans answered in %.1f s (first request to last answer): %.0f scans/s; %d requests failed; results: %v", n, el, float64(n)/el, s.failures.Load(), res),
		fmt.Sprintf("gatedays: first entries per day: sent %d / %d distinct (person, gate, day); server answered %d / %d; gates' stored first entries grew by %d: %s",
			s.want[0], s.want[1], s.got[0].Load(), s.got[1].Load(), stored, verdict),
	}
}

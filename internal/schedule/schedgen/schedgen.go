// Package schedgen generates synthetic scheduling instances, deterministic
// by seed, for tests, benchmarks and the optimality check.
package schedgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/convene/convene/internal/schedule"
)

// Config describes an instance family. Hosts (enterprises, delegations)
// receive many requests with a skewed popularity; guests (talents, project
// teams) send a few each.
type Config struct {
	Name         string
	Seed         uint64
	Participants int
	HostShare    float64 // share of participants that are hosts
	Requests     int
	Slots        int // per day, 30 minutes each from 09:00 UTC
	Days         int
	Venues       int
	Tables       int     // per venue
	Videos       int     // remote video rooms
	VideoShare   float64 // share of requests needing a video room
	VenueBound   float64 // share of table requests limited to one venue
	Partial      float64 // share of participants available for part of the day only
	ThreeWay     float64 // share of requests with a second host
	MaxPriority  int
	HostLimit    int  // MaxMeetings of hosts, 0 none
	GuestLimit   int  // MaxMeetings of guests, 0 none
	Buffer       bool // BufferBetweenVenues
	Skew         float64
	// Grids gives each venue its own grid of 30-minute slots, venue v's
	// starting v×15 minutes later, so the grids of two venues overlap; the
	// slots are limited to their venue. Travel sets Options.TravelMinutes.
	Grids  bool
	Travel int
}

var day0 = time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)

// Generate builds the instance for cfg.
func Generate(cfg Config) schedule.Instance {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	days := max(cfg.Days, 1)
	var inst schedule.Instance
	inst.Options.BufferBetweenVenues = cfg.Buffer
	inst.Options.TravelMinutes = cfg.Travel
	venues := max(cfg.Venues, 1)
	for d := range days {
		if cfg.Grids {
			for v := range venues {
				for i := range cfg.Slots {
					start := day0.AddDate(0, 0, d).Add(time.Duration(i)*30*time.Minute + time.Duration(v%2)*15*time.Minute)
					inst.Slots = append(inst.Slots, schedule.Slot{ID: fmt.Sprintf("d%ds%02dv%d", d, i, v), Start: start,
						End: start.Add(30 * time.Minute), Venue: venue(v)})
				}
			}
			continue
		}
		for i := range cfg.Slots {
			start := day0.AddDate(0, 0, d).Add(time.Duration(i) * 30 * time.Minute)
			inst.Slots = append(inst.Slots, schedule.Slot{ID: fmt.Sprintf("d%ds%02d", d, i), Start: start, End: start.Add(30 * time.Minute)})
		}
	}
	for v := range venues {
		for t := range cfg.Tables {
			inst.Resources = append(inst.Resources, schedule.Resource{ID: fmt.Sprintf("v%d-t%03d", v, t), Kind: schedule.KindTable, Venue: venue(v)})
		}
	}
	for t := range cfg.Videos {
		inst.Resources = append(inst.Resources, schedule.Resource{ID: fmt.Sprintf("video%02d", t), Kind: schedule.KindVideo})
	}
	hosts := max(int(float64(cfg.Participants)*cfg.HostShare), 2)
	guests := max(cfg.Participants-hosts, 2)
	for i := range hosts + guests {
		p := schedule.Participant{ID: fmt.Sprintf("h%04d", i), HomeVenue: venue(rng.IntN(venues))}
		if i >= hosts {
			p.ID = fmt.Sprintf("g%05d", i-hosts)
			p.MaxMeetings = cfg.GuestLimit
		} else {
			p.MaxMeetings = cfg.HostLimit
		}
		p.Available = availability(rng, cfg, days)
		inst.Participants = append(inst.Participants, p)
	}
	// Popularity: host i has weight 1/(i+1)^skew, so a few hosts are in demand.
	cum := make([]float64, hosts)
	total := 0.0
	for i := range hosts {
		total += 1 / math.Pow(float64(i+1), cfg.Skew)
		cum[i] = total
	}
	pickHost := func() int {
		x := rng.Float64() * total
		lo, hi := 0, hosts-1
		for lo < hi {
			mid := (lo + hi) / 2
			if cum[mid] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo
	}
	maxPrio := max(cfg.MaxPriority, 1)
	for i := range cfg.Requests {
		h := pickHost()
		g := hosts + rng.IntN(guests)
		r := schedule.Request{
			ID:           fmt.Sprintf("r%05d", i),
			Participants: []string{inst.Participants[h].ID, inst.Participants[g].ID},
			Priority:     1 + rng.IntN(maxPrio),
			Kind:         schedule.KindTable,
		}
		if rng.Float64() < cfg.ThreeWay {
			if h2 := pickHost(); h2 != h {
				r.Participants = append(r.Participants, inst.Participants[h2].ID)
			}
		}
		if cfg.Videos > 0 && rng.Float64() < cfg.VideoShare {
			r.Kind = schedule.KindVideo
		} else if rng.Float64() < cfg.VenueBound {
			r.Venue = inst.Participants[h].HomeVenue
		}
		inst.Requests = append(inst.Requests, r)
	}
	return inst
}

func venue(v int) string { return fmt.Sprintf("venue%d", v) }

// availability gives most people the whole event and the Partial share one
// or two windows covering a part of each day.
func availability(rng *rand.Rand, cfg Config, days int) []schedule.Interval {
	var out []schedule.Interval
	n := cfg.Slots
	for d := range days {
		base := day0.AddDate(0, 0, d)
		at := func(i int) time.Time { return base.Add(time.Duration(i) * 30 * time.Minute) }
		if rng.Float64() >= cfg.Partial {
			out = append(out, schedule.Interval{Start: at(0), End: at(n)})
			continue
		}
		switch rng.IntN(3) {
		case 0: // morning or afternoon only
			if rng.IntN(2) == 0 {
				out = append(out, schedule.Interval{Start: at(0), End: at(n / 2)})
			} else {
				out = append(out, schedule.Interval{Start: at(n / 2), End: at(n)})
			}
		case 1: // a random stretch of at least a quarter of the day
			l := max(n/4, 1) + rng.IntN(n-max(n/4, 1)+1)
			s := rng.IntN(n - l + 1)
			out = append(out, schedule.Interval{Start: at(s), End: at(s + l)})
		default: // two stretches with a hole in the middle
			a := 1 + rng.IntN(max(n/2-1, 1))
			b := min(a+1+rng.IntN(max(n/4, 1)), n)
			out = append(out, schedule.Interval{Start: at(0), End: at(a)})
			if b < n {
				out = append(out, schedule.Interval{Start: at(b), End: at(n)})
			}
		}
	}
	return out
}

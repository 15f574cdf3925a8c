package schedule

import (
	"slices"
	"time"
)

func (c *compiled) compilePeople(x ids) {
	ps := c.inst.Participants
	c.avail = make([]uint64, c.nP*c.nW)
	c.availT = make([]uint64, c.nP*c.nW)
	c.limit = make([]int32, c.nP)
	c.home = make([]int32, c.nP)
	for p, pp := range ps {
		c.home[p] = c.venueIndex(pp.HomeVenue)
		switch {
		case pp.MaxMeetings > 0:
			c.limit[p] = int32(min(pp.MaxMeetings, noLimit))
		case c.inst.Options.MaxPerPerson > 0:
			c.limit[p] = int32(min(c.inst.Options.MaxPerPerson, noLimit))
		default:
			c.limit[p] = noLimit
		}
		win := MergeWindows(pp.Available)
		for s := range c.nS {
			if len(pp.Available) == 0 || covers(win, c.start[s], c.end[s]) {
				c.avail[p*c.nW+s/64] |= 1 << (s % 64)
				t := int(c.rank[s])
				c.availT[p*c.nW+t/64] |= 1 << (t % 64)
			}
		}
	}
}

// MergeWindows sorts windows and joins touching ones, so a slot spanning
// 9:00-10:00 and 10:00-11:00 counts as covered.
func MergeWindows(in []Interval) []Interval {
	w := slices.Clone(in)
	slices.SortFunc(w, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	out := w[:0]
	for _, iv := range w {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			if iv.End.After(out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

func covers(win []Interval, start, end time.Time) bool {
	i, _ := slices.BinarySearchFunc(win, start, func(iv Interval, t time.Time) int {
		if iv.End.Before(t) || iv.End.Equal(t) {
			return -1
		}
		return 1
	})
	return i < len(win) && !win[i].Start.After(start) && !win[i].End.Before(end)
}

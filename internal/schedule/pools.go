package schedule

import (
	"slices"
	"strings"
)

func (c *compiled) compileVenues(x ids) {
	for v := range x.venues {
		c.venues = append(c.venues, v)
	}
	slices.Sort(c.venues)
}

func (c *compiled) venueIndex(v string) int32 {
	if v == "" {
		return -1
	}
	i, ok := slices.BinarySearch(c.venues, v)
	if !ok {
		return -1
	}
	return int32(i)
}

// resourceIn reports whether the resource can hold a meeting in the slot.
func resourceIn(r Resource, s Slot) bool {
	if s.Venue != "" && s.Venue != r.Venue {
		return false
	}
	if s.Area != "" && s.Area != r.Area {
		return false
	}
	return len(r.Slots) == 0 || slices.Contains(r.Slots, s.ID)
}

func (c *compiled) compilePools() {
	res := c.inst.Resources
	c.resPool = make([]int32, len(res))
	key := map[string]int32{}
	var in [][]bool
	for i, r := range res {
		c.resPool[i] = -1
		exists := make([]bool, c.nS)
		any := false
		var b strings.Builder
		b.WriteString(string(r.Kind) + "\x00" + r.Venue + "\x00" + r.Area + "\x00")
		for s, sl := range c.inst.Slots {
			exists[s] = resourceIn(r, sl)
			if exists[s] {
				any = true
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		if !any {
			continue
		}
		q, ok := key[b.String()]
		if !ok {
			q = int32(len(c.poolSize))
			key[b.String()] = q
			c.poolKind = append(c.poolKind, r.Kind)
			c.poolVenue = append(c.poolVenue, c.venueIndex(r.Venue))
			c.poolSize = append(c.poolSize, 0)
			c.poolRes = append(c.poolRes, nil)
			in = append(in, exists)
		}
		c.resPool[i] = q
		c.poolSize[q]++
		c.poolRes[q] = append(c.poolRes[q], int32(i))
	}
	c.nQ = len(c.poolSize)
	c.poolIn = make([]bool, c.nS*c.nQ)
	for q, ex := range in {
		for s, ok := range ex {
			c.poolIn[s*c.nQ+q] = ok
		}
	}
}

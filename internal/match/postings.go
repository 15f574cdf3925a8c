package match

import "slices"

// postings is one skill's entries on one side of the inverted index, sorted
// by (degree, years). The hard filter compares degree and years one way, so
// the counterparts that can pass it form one contiguous run per degree: a
// scan reads only those runs and skips most ineligible pairs unread.
type postings struct {
	key   []uint16 // degree<<8 | years
	slots []int32
}

func postingKey(d Degree, years int32) uint16 { return uint16(d)<<8 | uint16(years) }

// sort orders entries appended out of order (bulk loading).
func (p *postings) sort() {
	idx := make([]int, len(p.key))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if p.key[a] != p.key[b] {
			return int(p.key[a]) - int(p.key[b])
		}
		return int(p.slots[a] - p.slots[b])
	})
	key, slots := make([]uint16, len(idx)), make([]int32, len(idx))
	for i, j := range idx {
		key[i], slots[i] = p.key[j], p.slots[j]
	}
	p.key, p.slots = key, slots
}

func (p *postings) insert(key uint16, slot int32) {
	i := p.lowerBound(key + 1)
	p.key = slices.Insert(p.key, i, key)
	p.slots = slices.Insert(p.slots, i, slot)
}

func (p *postings) remove(key uint16, slot int32) {
	i := p.lowerBound(key)
	for p.slots[i] != slot {
		i++
	}
	p.key = slices.Delete(p.key, i, i+1)
	p.slots = slices.Delete(p.slots, i, i+1)
}

// lowerBound returns the first index whose key is ≥ k.
func (p *postings) lowerBound(k uint16) int {
	i, _ := slices.BinarySearch(p.key, k)
	return i
}

// runs is up to one run of slots per degree.
type runs struct {
	lo, hi [DegreePhD + 1]int32
	n      int
}

func (r *runs) add(lo, hi int) {
	if hi > lo {
		r.lo[r.n], r.hi[r.n] = int32(lo), int32(hi)
		r.n++
	}
}

// postsFor returns the runs of posts (keyed minimum degree and years) that
// a talent of degree d and e years may be eligible for.
func (p *postings) postsFor(d Degree, e int32) runs {
	var r runs
	top := uint16(e + ExperienceSlack + 1) // years ≤ maxYears, so no overflow
	for g := DegreeNone; g <= d; g++ {
		r.add(p.lowerBound(uint16(g)<<8), p.lowerBound(uint16(g)<<8|top))
	}
	return r
}

// talentsFor returns the runs of talents (keyed degree and years) that may
// be eligible for a post requiring degree d and e years.
func (p *postings) talentsFor(d Degree, e int32) runs {
	var r runs
	from := uint16(max(e-ExperienceSlack, 0))
	for g := d; g <= DegreePhD; g++ {
		r.add(p.lowerBound(uint16(g)<<8|from), p.lowerBound(uint16(g+1)<<8))
	}
	return r
}

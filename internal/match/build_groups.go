package match

import (
	"encoding/binary"
	"slices"
)

// groups gathers the entities of one side that no score can tell apart:
// same compiled features, so against any counterpart they score alike and
// only their ids (slots, during Build) rank them. Build scans one
// representative per group and hands the group's members out in slot order
// (see talentScan.visit), so a convention where a large enterprise posts
// one job description a thousand times, or where profiles are alike in
// everything a score reads, costs what its distinct profiles cost, not
// what its pairs cost (issue 20: 70% of posts from one template, or a small
// vocabulary with equal scores, made the build 2–8 times slower).
type groups struct {
	rep  []int32 // slot -> its group's representative (the lowest slot)
	off  []int32 // representative -> start of its members in mem
	mem  []int32 // members of each group, ascending, contiguous per group
	reps []int32 // representatives, ascending
}

// members returns the slots of representative r's group, ascending.
func (g *groups) members(r int32) []int32 {
	o := g.off[r]
	return g.mem[o : o+g.size(r)]
}

func (g *groups) size(r int32) int32 { return g.off[r+1] - g.off[r] }

// groupSide groups side s's indexed slots by their compiled features.
func (ix *Index) groupSide(s int) *groups {
	n := len(ix.s[s].ids)
	g := &groups{rep: make([]int32, n)}
	seen := make(map[string]int32)
	var key []byte
	for x := range int32(n) {
		if !ix.indexed(s, x) {
			g.rep[x] = -1
			continue
		}
		if s == sideT {
			key = ix.tf[x].appendKey(key[:0])
		} else {
			key = ix.pf[x].appendKey(key[:0], &ix.pc[x])
		}
		r, ok := seen[string(key)]
		if !ok {
			r = x
			seen[string(key)] = x
			g.reps = append(g.reps, x)
		}
		g.rep[x] = r
	}
	// Members contiguous per representative, in slot order: count, then
	// fill. off has one entry per slot (+1) so size is off[r+1]-off[r] only
	// for representatives, whose members follow one another.
	cnt := make([]int32, n+1)
	for _, r := range g.rep {
		if r >= 0 {
			cnt[r]++
		}
	}
	g.off = make([]int32, n+1)
	at := int32(0)
	for x := range n {
		g.off[x] = at
		at += cnt[x]
	}
	g.off[n] = at
	g.mem = make([]int32, at)
	fill := slices.Clone(g.off[:n])
	for x, r := range g.rep {
		if r >= 0 {
			g.mem[fill[r]] = int32(x)
			fill[r]++
		}
	}
	return g
}

// appendKey appends what a score reads of t. The first cities are a copy
// of cities, and langMask and langPts follow from langs.
func (t *tfeat) appendKey(b []byte) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(t.exp))
	b = append(b, byte(t.degree), byte(t.intent))
	b = binary.LittleEndian.AppendUint16(b, uint16(t.disc))
	for _, l := range [][]int32{t.skills, t.langs, t.cities} {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(l)))
		for _, v := range l {
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	return b
}

// appendKey appends what a score reads of a post: everything compiled but
// the headcount. np and the language mask and flags follow from the lists.
func (p *pfeat) appendKey(b []byte, pc *pcold) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(p.city))
	b = append(b, p.minExp, byte(p.field), byte(p.minDegree), p.flags)
	for _, l := range [][]int32{pc.skills, pc.langs} {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(l)))
		for _, v := range l {
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	return b
}

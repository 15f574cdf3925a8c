package match

import (
	"fmt"
	"slices"
)

// Build returns an index over talents and posts with every list computed,
// using opt.Workers goroutines. IDs must be unique on each side.
func Build(talents []Talent, posts []Post, opt Options) (*Index, error) {
	ix := NewIndex(opt)
	ix.grow(len(talents), len(posts))
	// Slots in id order: during the build a slot compares like its id, so
	// ranking keys fit in one uint64 (see rankKey).
	for _, i := range orderByID(len(talents), func(i int) int64 { return talents[i].ID }) {
		if n := len(ix.s[sideT].ids); n > 0 && ix.s[sideT].ids[n-1] == talents[i].ID {
			return nil, fmt.Errorf("match: duplicate talent id %d", talents[i].ID)
		}
		x := ix.alloc(sideT, talents[i].ID)
		ix.tf[x] = ix.sy.compileTalent(&talents[i])
	}
	for _, i := range orderByID(len(posts), func(i int) int64 { return posts[i].ID }) {
		if n := len(ix.s[sideP].ids); n > 0 && ix.s[sideP].ids[n-1] == posts[i].ID {
			return nil, fmt.Errorf("match: duplicate post id %d", posts[i].ID)
		}
		x := ix.alloc(sideP, posts[i].ID)
		ix.pf[x], ix.pc[x] = ix.sy.compilePost(&posts[i])
	}
	n := len(ix.sy.skills.names)
	for s := range ix.s {
		me := &ix.s[s]
		me.bySkill = make([]postings, n)
		for x := range me.ids {
			if !ix.indexed(s, int32(x)) {
				continue
			}
			key := ix.postingKey(s, int32(x))
			for _, k := range ix.skillsOf(s, int32(x)) {
				pl := &me.bySkill[k]
				pl.key = append(pl.key, key)
				pl.slots = append(pl.slots, int32(x))
			}
			if s == sideP {
				ix.headcount += int64(ix.pc[x].headcount)
			}
		}
		for k := range me.bySkill {
			me.bySkill[k].sort()
		}
	}
	ix.buildLists()
	return ix, nil
}

func orderByID(n int, id func(int) int64) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch ia, ib := id(a), id(b); {
		case ia < ib:
			return -1
		case ia > ib:
			return 1
		}
		return 0
	})
	return order
}

func (ix *Index) grow(nt, np int) {
	for s, n := range [2]int{nt, np} {
		me := &ix.s[s]
		me.ids = make([]int64, 0, n)
		me.live = make([]bool, 0, n)
		me.lists = make([][]entry, 0, n)
		me.complete = make([]bool, 0, n)
		me.bar = make([]int32, 0, n)
		me.queued = make([]bool, 0, n)
		me.in = make([][]int32, 0, n)
		me.mutual = make([]int32, 0, n)
	}
	ix.tf = make([]tfeat, 0, nt)
	ix.pf = make([]pfeat, 0, np)
	ix.pc = make([]pcold, 0, np)
}

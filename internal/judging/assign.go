package judging

import (
	"slices"
)

// AssignInput is one assignment problem. Entries and judges are ids; a
// conflict pairs an entry with a judge who must not see it.
type AssignInput struct {
	Entries   []int64
	Judges    []int64
	K         int           // judges wanted per entry
	Conflicts map[Pair]bool // entry × judge pairs that must not meet
	Fixed     []Pair        // pairs the organizer set by hand; kept, count toward k and loads
}

// Pair is an entry and a judge.
type Pair struct{ Entry, Judge int64 }

// Assignment is the engine's answer.
type Assignment struct {
	Pairs []Pair // sorted by entry, then judge
	// Short lists the entries that cannot get K judges because fewer than K
	// judges are free of conflict with them; they get every judge they can.
	Short []int64
	// Loads is each judge's number of entries, in the order of the input.
	Loads []int
	// Balanced is false when conflicts leave no assignment whose loads
	// differ by at most one; loads are then as even as the flow could make them.
	Balanced bool
}

// Assign gives every entry K judges with no conflicted pair, loads within
// one of each other when possible. It runs a maximum flow (Dinic) from
// entries (capacity K) to judges (capacity ⌊T/J⌋, then ⌈T/J⌉, then
// unbounded), where T is the number of pairs the entries can receive:
// raising the judges' capacities in steps keeps each judge's load growing
// only, so when the first step fills every judge to ⌊T/J⌋ all loads end at
// ⌊T/J⌋ or ⌈T/J⌉. Deterministic for the same input.
func Assign(in AssignInput) Assignment {
	nE, nJ := len(in.Entries), len(in.Judges)
	out := Assignment{Loads: make([]int, nJ), Balanced: true}
	if nE == 0 || nJ == 0 || in.K <= 0 {
		if in.K > 0 {
			out.Short = slices.Clone(in.Entries)
		}
		return out
	}
	eIdx := make(map[int64]int, nE)
	for i, e := range in.Entries {
		eIdx[e] = i
	}
	jIdx := make(map[int64]int, nJ)
	for i, j := range in.Judges {
		jIdx[j] = i
	}
	fixed := make(map[Pair]bool, len(in.Fixed))
	fixedE := make([]int, nE)
	for _, p := range in.Fixed {
		ei, ok1 := eIdx[p.Entry]
		ji, ok2 := jIdx[p.Judge]
		if !ok1 || !ok2 || in.Conflicts[p] || fixed[p] {
			continue
		}
		fixed[p] = true
		fixedE[ei]++
		out.Loads[ji]++
	}
	// Nodes: 0 source, 1 sink, 2.. entries, then judges.
	g := newFlow(2 + nE + nJ)
	const src, snk = 0, 1
	need := make([]int, nE)
	total := 0
	for i, e := range in.Entries {
		free := 0
		for _, j := range in.Judges {
			p := Pair{e, j}
			if !in.Conflicts[p] && !fixed[p] {
				free++
			}
		}
		need[i] = max(0, min(in.K-fixedE[i], free))
		if fixedE[i]+free < in.K {
			out.Short = append(out.Short, e)
		}
		total += need[i] + fixedE[i]
	}
	eSrc := make([]int, nE)
	for i, e := range in.Entries {
		eSrc[i] = g.add(src, 2+i, need[i])
		for ji, j := range in.Judges {
			p := Pair{e, j}
			if !in.Conflicts[p] && !fixed[p] {
				g.add(2+i, 2+nE+ji, 1)
			}
		}
	}
	jSnk := make([]int, nJ)
	q := total / nJ
	for ji := range in.Judges {
		jSnk[ji] = g.add(2+nE+ji, snk, max(0, q-out.Loads[ji]))
	}
	g.maxflow(src, snk)
	for ji := range in.Judges { // every judge at ⌊T/J⌋?
		if g.flowOn(jSnk[ji])+out.Loads[ji] < q {
			out.Balanced = false
		}
	}
	for ji := range in.Judges {
		g.raise(jSnk[ji], max(0, q+1-out.Loads[ji]))
	}
	f := g.maxflow(src, snk)
	_ = f
	if g.flowFrom(src) < total-sum(fixedE) {
		out.Balanced = false
		for ji := range in.Judges {
			g.raise(jSnk[ji], nE)
		}
		g.maxflow(src, snk)
	}
	for i, e := range in.Entries {
		for _, a := range g.adj[2+i] {
			ed := &g.edges[a]
			if ed.to >= 2+nE && ed.cap == 0 && ed.orig == 1 {
				ji := ed.to - 2 - nE
				out.Pairs = append(out.Pairs, Pair{e, in.Judges[ji]})
				out.Loads[ji]++
			}
		}
	}
	for p := range fixed {
		out.Pairs = append(out.Pairs, p)
	}
	slices.SortFunc(out.Pairs, func(a, b Pair) int {
		if a.Entry != b.Entry {
			return cmp64(a.Entry, b.Entry)
		}
		return cmp64(a.Judge, b.Judge)
	})
	lo, hi := out.Loads[0], out.Loads[0]
	for _, l := range out.Loads {
		lo, hi = min(lo, l), max(hi, l)
	}
	if hi-lo > 1 {
		out.Balanced = false
	}
	_ = eSrc
	return out
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// flow is a Dinic maximum flow over integer capacities.
type flow struct {
	edges []edge
	adj   [][]int
	level []int
	iter  []int
	queue []int
}

type edge struct {
	to, cap, orig int // residual capacity, and the capacity it was given
}

func newFlow(n int) *flow {
	return &flow{adj: make([][]int, n), level: make([]int, n), iter: make([]int, n)}
}

// add adds u→v with capacity c and returns the edge's index.
func (g *flow) add(u, v, c int) int {
	g.adj[u] = append(g.adj[u], len(g.edges))
	g.edges = append(g.edges, edge{to: v, cap: c, orig: c})
	g.adj[v] = append(g.adj[v], len(g.edges))
	g.edges = append(g.edges, edge{to: u, cap: 0, orig: 0})
	return len(g.edges) - 2
}

// raise sets edge e's capacity to c (≥ its current flow).
func (g *flow) raise(e, c int) {
	used := g.edges[e].orig - g.edges[e].cap
	if c < used {
		c = used
	}
	g.edges[e].cap = c - used
	g.edges[e].orig = c
}

func (g *flow) flowOn(e int) int { return g.edges[e].orig - g.edges[e].cap }

func (g *flow) flowFrom(u int) int {
	f := 0
	for _, a := range g.adj[u] {
		if a%2 == 0 {
			f += g.flowOn(a)
		}
	}
	return f
}

func (g *flow) bfs(s, t int) bool {
	for i := range g.level {
		g.level[i] = -1
	}
	g.level[s] = 0
	g.queue = append(g.queue[:0], s)
	for h := 0; h < len(g.queue); h++ {
		u := g.queue[h]
		for _, a := range g.adj[u] {
			e := g.edges[a]
			if e.cap > 0 && g.level[e.to] < 0 {
				g.level[e.to] = g.level[u] + 1
				g.queue = append(g.queue, e.to)
			}
		}
	}
	return g.level[t] >= 0
}

func (g *flow) dfs(u, t, f int) int {
	if u == t {
		return f
	}
	for ; g.iter[u] < len(g.adj[u]); g.iter[u]++ {
		a := g.adj[u][g.iter[u]]
		e := &g.edges[a]
		if e.cap > 0 && g.level[e.to] == g.level[u]+1 {
			if d := g.dfs(e.to, t, min(f, e.cap)); d > 0 {
				e.cap -= d
				g.edges[a^1].cap += d
				return d
			}
		}
	}
	return 0
}

func (g *flow) maxflow(s, t int) int {
	total := 0
	for g.bfs(s, t) {
		for i := range g.iter {
			g.iter[i] = 0
		}
		for {
			f := g.dfs(s, t, 1<<30)
			if f == 0 {
				break
			}
			total += f
		}
	}
	return total
}

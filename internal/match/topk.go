package match

import "slices"

// entry is one ranked counterpart: its id (for the tie-break), score and
// slot in the index.
type entry struct {
	id    int64
	score int32
	slot  int32
}

// better is the one ranking order of the package: score descending, then id
// ascending. Every list, heap and the brute force use it, so they agree on ties.
func (a entry) better(b entry) bool {
	return a.score > b.score || a.score == b.score && a.id < b.id
}

func cmpEntries(a, b entry) int {
	switch {
	case a.better(b):
		return -1
	case b.better(a):
		return 1
	}
	return 0
}

func sortEntries(es []entry) { slices.SortFunc(es, cmpEntries) }

// The bounded heaps below keep the worst entry at the root, so deciding
// whether a new entry gets in is one comparison.

// heapOffer adds x to h, a heap of at most limit entries, and returns h.
func heapOffer(h []entry, limit int, x entry) []entry {
	if len(h) < limit {
		h = append(h, x)
		heapUp(h, len(h)-1)
		return h
	}
	if limit > 0 && x.better(h[0]) {
		h[0] = x
		heapDown(h, 0)
	}
	return h
}

func heapUp(h []entry, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h[p].better(h[i]) {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func heapDown(h []entry, i int) {
	n := len(h)
	for {
		w := i
		if l := 2*i + 1; l < n && h[w].better(h[l]) {
			w = l
		}
		if r := 2*i + 2; r < n && h[w].better(h[r]) {
			w = r
		}
		if w == i {
			return
		}
		h[w], h[i] = h[i], h[w]
		i = w
	}
}

// insertSorted inserts x into the best-first list l at its place.
func insertSorted(l []entry, x entry) []entry {
	i, _ := slices.BinarySearchFunc(l, x, cmpEntries)
	return slices.Insert(l, i, x)
}

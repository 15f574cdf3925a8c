package schedule

import (
	"cmp"
	"slices"
)

// byPrice orders requests by weight minus beta times the price of their
// participants, where a participant's price is the weight of the best
// request they would have to turn down if every slot they can use is filled.
func byPrice(c *compiled, beta float64) []int32 {
	price := make([]float64, c.nP)
	var ws []int64
	seen := make([]int32, c.nS) // slot -> p+1 when counted for p
	for p := range int32(c.nP) {
		nSlots := 0
		ws = ws[:0]
		for _, r := range c.byPers[p] {
			for _, s := range c.options[r] {
				if seen[s] != p+1 {
					seen[s] = p + 1
					nSlots++
				}
			}
			ws = append(ws, c.weight[r])
		}
		capa := min(nSlots, int(c.limit[p]))
		if len(ws) > capa {
			slices.SortFunc(ws, func(a, b int64) int { return cmp.Compare(b, a) })
			price[p] = float64(ws[capa])
		}
	}
	key := make([]float64, c.nR)
	order := make([]int32, 0, c.nR)
	for r := range int32(c.nR) {
		key[r] = float64(c.weight[r])
		for _, p := range c.parts[r] {
			key[r] -= beta * price[p]
		}
		if c.lockSlot[r] < 0 {
			order = append(order, r)
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		if d := cmp.Compare(key[b], key[a]); d != 0 {
			return d
		}
		if d := cmp.Compare(c.weight[b], c.weight[a]); d != 0 {
			return d
		}
		return cmp.Compare(len(c.options[a]), len(c.options[b]))
	})
	return order
}

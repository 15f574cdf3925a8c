// Package boothgen generates booth allocation instances of several shapes
// for tests, the CBC comparison and the benchmark.
package boothgen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/convene/convene/internal/booth"
)

// Shape names a kind of instance.
type Shape string

// Shapes.
const (
	QuotaBound      Shape = "quota-bound"      // many groups, quotas summing to 100%, demand above every quota
	ContiguityBound Shape = "contiguity-bound" // block requests of 3 to 8 booths in small areas
	PreferenceHeavy Shape = "preference-heavy" // m² and kind requests, most wanting the entrance or a corner
	Competitor      Shape = "competitor"       // one to three booths, half wanting the entrance, half naming competitors to keep away (Rivals)
	Mixed           Shape = "mixed"            // all of the above, the benchmark's shape
)

// Shapes lists the shapes the CBC comparison runs.
func Shapes() []Shape { return []Shape{QuotaBound, ContiguityBound, PreferenceHeavy, Competitor} }

// Params sizes an instance.
type Params struct {
	Shape    Shape
	Requests int
	Demand   float64 // requested / supplied units, e.g. 1.5
	Groups   int     // quota groups (0: one per 12 requests)
	Locks    int     // assignments to lock (taken from a first run by the caller; here: first booths)
	// Rivals is the share of requests that name one to three other
	// organizations of their area to keep away (Request.Avoid); 0: the
	// shape's own (competitor 0.5, mixed 0.1, others none), below 0: none.
	// The names are drawn from a stream of their own, so the rest of an
	// instance does not depend on Rivals.
	Rivals float64
	Seed   uint64
}

// Generate builds an instance. Areas are grids of rows of booths, two rows
// back to back; booths in a row and across the back are adjacent; the first
// column is near the entrance and row ends are corners.
func Generate(p Params) booth.Instance {
	r := rand.New(rand.NewPCG(p.Seed, 0x600d))
	if p.Demand <= 0 {
		p.Demand = 1.5
	}
	groups := p.Groups
	if groups <= 0 {
		groups = max(2, p.Requests/12)
	}
	perArea := 30
	blocks := false
	switch p.Shape {
	case ContiguityBound:
		perArea, blocks = 12, true
	case PreferenceHeavy:
		perArea = 25
	case Competitor:
		perArea = 20
	case Mixed:
		perArea = 60
	}
	nAreas := max(1, (p.Requests+perArea-1)/perArea)
	// Requests first, to size the areas to the demand.
	reqs := make([]booth.Request, p.Requests)
	units := make([]float64, nAreas)
	for i := range reqs {
		a := i % nAreas
		q := booth.Request{ID: fmt.Sprintf("R%05d", i+1), Org: fmt.Sprintf("org%d", i+1),
			Group: fmt.Sprintf("G%02d", (a*7+r.IntN(max(1, min(groups, 6))))%groups), Area: fmt.Sprintf("A%02d", a+1),
			Priority: r.IntN(5)}
		switch {
		case blocks:
			q.Count = 3 + r.IntN(6)
		case p.Shape == PreferenceHeavy && r.IntN(2) == 0:
			q.M2 = float64(9 * (1 + r.IntN(4)))
		case p.Shape == Mixed:
			switch k := r.IntN(100); {
			case k < 5:
				q.M2 = float64(9 * (1 + r.IntN(2)))
			case k < 8:
				q.Count = 2
			case k < 10:
				q.Count = 3 + r.IntN(3)
			default:
				q.Count = 1
			}
		default:
			q.Count = 1 + r.IntN(3)
		}
		if p.Shape == Competitor {
			q.Entrance = r.IntN(2) == 0
		}
		if p.Shape == PreferenceHeavy || p.Shape == Mixed {
			q.Entrance = r.IntN(3) > 0
			q.Corner = r.IntN(2) == 0
			if r.IntN(8) == 0 {
				q.Kind = booth.Raw
			}
		}
		reqs[i] = q
		if q.Count > 0 {
			units[a] += float64(q.Count)
		} else {
			units[a] += q.M2 / 9
		}
	}
	rivals(reqs, nAreas, p)
	var booths []booth.Booth
	for a := range nAreas {
		area := fmt.Sprintf("A%02d", a+1)
		n := max(4, int(units[a]/p.Demand+0.5))
		cols := 10
		var row []string
		start := len(booths)
		x, y := 0.0, 0.0
		for i := 0; i < n; {
			m2 := 9.0
			kind := booth.Standard
			switch k := r.IntN(20); {
			case k == 0:
				m2, kind = 36, booth.Island
			case k < 3:
				m2, kind = 18, booth.Raw
			case k < 5:
				m2 = 18
			}
			w := m2 / 3
			code := fmt.Sprintf("%s-%03d", area, i+1)
			b := booth.Booth{Code: code, M2: m2, Kind: kind, Area: area, Hall: "H", X: x + float64(a)*200, Y: y, W: w, D: 3,
				Entrance: i%cols == 0}
			col := i % cols
			b.Corner = col == 0 || col == cols-1
			if col > 0 {
				b.Adjacent = append(b.Adjacent, row[len(row)-1])
			}
			// Back to back: the booth behind in the previous row.
			if rowIdx := i / cols; rowIdx%2 == 1 {
				b.Adjacent = append(b.Adjacent, booths[start+i-cols].Code)
			}
			booths = append(booths, b)
			row = append(row, code)
			i++
			x += w
			if i%cols == 0 {
				x = 0
				if (i/cols)%2 == 1 {
					y += 3
				} else {
					y += 6 // an aisle
				}
			}
		}
	}
	// A kind-specific request the area cannot hold asks for any kind.
	for i, q := range reqs {
		if q.Kind == "" {
			continue
		}
		n, m2 := 0, 0.0
		for _, b := range booths {
			if b.Area == q.Area && b.Kind == q.Kind {
				n++
				m2 += b.M2
			}
		}
		if q.Count > n || q.M2 > m2 {
			reqs[i].Kind = ""
		}
	}
	// Quotas: every group present in an area gets a share; the shares of
	// an area sum to at most 100% (quota-bound: exactly 100%, tight).
	var quotas []booth.Quota
	for a := range nAreas {
		area := fmt.Sprintf("A%02d", a+1)
		seen := map[string]bool{}
		var gs []string
		for _, q := range reqs {
			if q.Area == area && !seen[q.Group] {
				seen[q.Group] = true
				gs = append(gs, q.Group)
			}
		}
		total := 100.0
		if p.Shape != QuotaBound {
			total = 90
			if len(gs) > 1 && p.Shape != Mixed {
				gs = gs[:len(gs)-1] // one group without a quota
			}
		}
		for _, g := range gs {
			quotas = append(quotas, booth.Quota{Group: g, Area: area, Percent: float64(int(total/float64(len(gs))*100)) / 100})
		}
	}
	inst := booth.Instance{Booths: booths, Requests: reqs, Quotas: quotas, Seed: p.Seed}
	// Locks: the first booth of an area goes to its first eligible request.
	for i := 0; i < p.Locks && i < len(reqs); i++ {
		q := reqs[i]
		for _, b := range booths {
			if b.Area == q.Area && !b.Blocked && (q.Kind == "" || q.Kind == b.Kind) && (q.Count > 0 || b.M2 <= q.M2) && b.M2 == 9 && !taken(inst.Locks, b.Code) {
				inst.Locks = append(inst.Locks, booth.Lock{Request: q.ID, Booth: b.Code})
				break
			}
		}
	}
	return inst
}

// rivals fills Request.Avoid: a share of the requests name one to three
// organizations of other requests in their area.
func rivals(reqs []booth.Request, nAreas int, p Params) {
	share := p.Rivals
	if share == 0 {
		switch p.Shape {
		case Competitor:
			share = 0.5
		case Mixed:
			share = 0.1
		}
	}
	if share <= 0 {
		return
	}
	r := rand.New(rand.NewPCG(p.Seed, 0xf0e5))
	byArea := make([][]int, nAreas)
	for i := range reqs {
		byArea[i%nAreas] = append(byArea[i%nAreas], i)
	}
	for i := range reqs {
		same := byArea[i%nAreas]
		if len(same) < 2 || r.Float64() >= share {
			continue
		}
		for range 1 + r.IntN(3) {
			j := same[r.IntN(len(same))]
			if j != i && !slices.Contains(reqs[i].Avoid, reqs[j].Org) {
				reqs[i].Avoid = append(reqs[i].Avoid, reqs[j].Org)
			}
		}
	}
}

func taken(ls []booth.Lock, code string) bool {
	for _, l := range ls {
		if l.Booth == code {
			return true
		}
	}
	return false
}

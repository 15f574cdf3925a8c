package schedule

import (
	"math"
	"time"
)

// compiled is the instance turned into dense indices. Slots, participants
// and requests keep their input index; resources are grouped into pools of
// interchangeable resources (same kind, venue, area and slots), so the search
// counts free places per pool instead of picking resources one by one.
type compiled struct {
	inst               Instance
	nS, nP, nR, nQ, nK int
	nW                 int // uint64 words per slot bitset

	start, end []time.Time
	byTime     []int32   // slot indices in time order
	rank       []int32   // slot index -> position in byTime
	overlap    [][]int32 // slot -> other slots overlapping it in time
	cliques    [][]int32 // slot -> maximal cliques of overlapping slots containing it
	cliqueSlot [][]int32 // clique -> its slots
	near       [][]int32 // slot -> non-overlapping slots too close for a venue change

	venues    []string // sorted venue names
	poolKind  []Kind
	poolVenue []int32 // index into venues, -1 when remote or unspecified
	poolSize  []int32
	poolRes   [][]int32 // resources of each pool in input order
	poolIn    []bool    // s*nQ+q: the pool's resources exist in slot s
	resPool   []int32   // -1 when the resource exists in no slot

	parts    [][]int32 // request -> participants
	weight   []int64
	allowed  [][]int32 // request -> pools of the right kind and venue
	options  [][]int32 // request -> slots where all are available and an allowed pool exists, in time order
	avail    []uint64  // p*nW: slots the participant is available for
	availT   []uint64  // p*nW: the same by position in time order (bit rank[s])
	overT    []uint64  // s*nW: slots overlapping s, by position in time order
	anyOver  bool      // some slots overlap
	optT     []uint64  // r*nW: options of r, by position in time order
	limited  bool      // some participant has more requests than their limit
	limit    []int32
	home     []int32 // participant -> venue index or -1
	byPers   [][]int32
	hasReq   int       // participants with at least one request
	bySlot   [][]int32 // slot -> requests with it among their options, heaviest first
	reqVenue []int32   // request -> the one venue all its pools are at, or -1
	hasNear  bool      // some slots are too close for a venue change

	lockSlot, lockPool, lockRes []int32 // request -> locked place or -1
}

const noLimit = math.MaxInt32

func compile(inst Instance) (*compiled, error) {
	x, err := checkStatic(inst)
	if err != nil {
		return nil, err
	}
	c := &compiled{inst: inst, nS: len(inst.Slots), nP: len(inst.Participants), nR: len(inst.Requests)}
	c.nW = (c.nS + 63) / 64
	c.compileSlots()
	c.compileVenues(x)
	c.compilePools()
	c.compilePeople(x)
	c.compileRequests(x)
	c.compileMasks()
	if err := c.compileLocks(x); err != nil {
		return nil, err
	}
	return c, nil
}

package schedule

// ReasonCode says why a request was not placed. Codes are stable strings
// for the web layer to translate; they are not sentences.
type ReasonCode string

const (
	// ReasonNoCommonSlot: the participants' availabilities never overlap in
	// any slot. Participant is the one available in the fewest slots.
	ReasonNoCommonSlot ReasonCode = "no_common_slot"
	// ReasonNoResource: common slots exist but no table or video room of
	// the needed kind (and venue) exists in any of them.
	ReasonNoResource ReasonCode = "no_resource"
	// ReasonResourcesFull: in some common slot everyone was free but every
	// fitting table or room was taken. Slot is the first such slot.
	ReasonResourcesFull ReasonCode = "resources_full"
	// ReasonParticipantBusy: in every common slot a participant already had
	// a meeting. Participant is the one busy most often, Slot an example.
	ReasonParticipantBusy ReasonCode = "participant_busy"
	// ReasonLimit: Participant had reached their maximum number of meetings.
	ReasonLimit ReasonCode = "limit_reached"
	// ReasonTravel: the only free places were in another venue too close to
	// a participant's meeting before or after. Participant and Slot say where.
	ReasonTravel ReasonCode = "travel_buffer"
)

// Reason explains one unplaced request.
type Reason struct {
	Code        ReasonCode `json:"code"`
	Participant string     `json:"participant,omitempty"`
	Slot        string     `json:"slot,omitempty"`
}

// Unplaced is a request the engine could not place, with the reason.
type Unplaced struct {
	Request string `json:"request"`
	Reason  Reason `json:"reason"`
}

func (st *state) explain(r int32) Reason {
	c := st.c
	pid := func(p int32) string { return c.inst.Participants[p].ID }
	sid := func(s int32) string { return c.inst.Slots[s].ID }
	if len(c.options[r]) == 0 {
		common := make([]uint64, c.nW)
		c.commonAvail(int(r), common)
		for _, s := range c.byTime {
			if common[s/64]&(1<<(s%64)) != 0 {
				return Reason{Code: ReasonNoResource}
			}
		}
		narrow, least := int32(-1), c.nS+1
		for _, p := range c.parts[r] {
			n := 0
			for s := range int32(c.nS) {
				if c.available(p, s) {
					n++
				}
			}
			if n < least {
				narrow, least = p, n
			}
		}
		return Reason{Code: ReasonNoCommonSlot, Participant: pid(narrow)}
	}
	for _, p := range c.parts[r] {
		if st.cnt[p] >= c.limit[p] {
			return Reason{Code: ReasonLimit, Participant: pid(p)}
		}
	}
	busyCount := make([]int, len(c.parts[r]))
	busyFirst := make([]int32, len(c.parts[r]))
	travelP, travelS := int32(-1), int32(-1)
	for _, s := range c.options[r] {
		free := true
		for i, p := range c.parts[r] {
			if !st.personFree(p, s) {
				if busyCount[i] == 0 {
					busyFirst[i] = s
				}
				busyCount[i]++
				free = false
			}
		}
		if !free {
			continue
		}
		// everyone is free here: a full pool or a venue change is what
		// stands in the way, and that is the closer reason
		full := true
		for _, q := range c.allowed[r] {
			if !st.poolFree(s, q) {
				continue
			}
			full = false
			for _, p := range c.parts[r] {
				if !st.travelOK(p, s, c.poolVenue[q]) && travelP < 0 {
					travelP, travelS = p, s
				}
			}
		}
		if full {
			return Reason{Code: ReasonResourcesFull, Slot: sid(s)}
		}
	}
	if travelP >= 0 {
		return Reason{Code: ReasonTravel, Participant: pid(travelP), Slot: sid(travelS)}
	}
	best := -1
	for i, n := range busyCount {
		if n > 0 && (best < 0 || n > busyCount[best]) {
			best = i
		}
	}
	if best >= 0 {
		return Reason{Code: ReasonParticipantBusy, Participant: pid(c.parts[r][best]), Slot: sid(busyFirst[best])}
	}
	return Reason{Code: ReasonResourcesFull}
}

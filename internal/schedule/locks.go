package schedule

import "fmt"

// compileLocks checks locked assignments against every constraint. A lock
// that breaks one is reported rather than silently dropped: it was already
// published, so the organizer has to decide.
func (c *compiled) compileLocks(x ids) error {
	c.lockSlot = make([]int32, c.nR)
	c.lockPool = make([]int32, c.nR)
	c.lockRes = make([]int32, c.nR)
	for i := range c.lockSlot {
		c.lockSlot[i], c.lockPool[i], c.lockRes[i] = -1, -1, -1
	}
	st := newState(c)
	resSlots := map[int32][]int32{}
	for i, l := range c.inst.Locked {
		f := fmt.Sprintf("locked[%d]", i)
		r, s, res := x.req[l.Request], x.slot[l.Slot], x.res[l.Resource]
		rq, rs := c.inst.Requests[r], c.inst.Resources[res]
		if c.lockSlot[r] >= 0 {
			return errorf(CodeConflict, f+".request", "request %q is locked twice", l.Request)
		}
		if rs.Kind != rq.Kind {
			return errorf(CodeConflict, f+".resource", "request %q needs a %s, resource %q is a %s", rq.ID, rq.Kind, rs.ID, rs.Kind)
		}
		if rq.Venue != "" && rs.Venue != rq.Venue {
			return errorf(CodeConflict, f+".resource", "request %q is limited to venue %q, resource %q is in %q", rq.ID, rq.Venue, rs.ID, rs.Venue)
		}
		q := c.resPool[res]
		if q < 0 || !c.poolIn[int(s)*c.nQ+int(q)] {
			return errorf(CodeConflict, f+".slot", "resource %q is not available in slot %q", rs.ID, l.Slot)
		}
		for _, t := range resSlots[res] {
			if t == s || overlaps(c, s, t) {
				return errorf(CodeConflict, f+".resource", "resource %q is locked twice in slot %q", rs.ID, l.Slot)
			}
		}
		for _, p := range c.parts[r] {
			pid := c.inst.Participants[p].ID
			switch {
			case !c.available(p, s):
				return errorf(CodeConflict, f+".slot", "participant %q is not available in slot %q", pid, l.Slot)
			case !st.personFree(p, s):
				return errorf(CodeConflict, f+".slot", "participant %q has two locked meetings at the time of slot %q", pid, l.Slot)
			case st.cnt[p] >= c.limit[p]:
				return errorf(CodeConflict, f+".request", "participant %q has more locked meetings than allowed", pid)
			case !st.travelOK(p, s, c.poolVenue[q]):
				return errorf(CodeConflict, f+".slot", "participant %q has no time to change venue before or after slot %q", pid, l.Slot)
			}
		}
		resSlots[res] = append(resSlots[res], s)
		st.add(r, s, q)
		c.lockSlot[r], c.lockPool[r], c.lockRes[r] = s, q, res
	}
	return nil
}

func overlaps(c *compiled, a, b int32) bool {
	return c.start[a].Before(c.end[b]) && c.start[b].Before(c.end[a])
}

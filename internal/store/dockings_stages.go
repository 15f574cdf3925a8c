package store

import (
	"strings"

	"github.com/convene/convene/internal/model"
)

// The docking stage machine, pure: which moves a party may propose and
// what they need. Forward one stage at a time; a skip, a move backwards or
// a move out of a decline needs a reason; declining or stalling may happen
// at any open stage; a preliminary agreement names its park.

// StageStalled is the target of a move that stops a docking without a
// decision; it keeps its stage and is shown in its own column.
const StageStalled = "stalled"

// DockingRanks orders the stages a docking moves through.
var DockingRanks = []model.DockingStage{model.DockRequested, model.DockNegotiation, model.DockPreliminary,
	model.DockCooperative, model.DockContract, model.DockSigned}

// StageRank is a stage's place in DockingRanks, or -1 (declined, stalled).
func StageRank(s model.DockingStage) int {
	for i, x := range DockingRanks {
		if x == s {
			return i
		}
	}
	return -1
}

// BoardColumns are the board's columns in order.
var BoardColumns = []string{"requested", "negotiation", "preliminary_agreement", "cooperative_intention",
	"contract_intention", "signed", "declined", StageStalled}

// DockState is where a docking stands.
type DockState struct {
	Stage   model.DockingStage
	Stalled bool
}

// Column is the board column of a state.
func (s DockState) Column() string {
	if s.Stalled {
		return StageStalled
	}
	return string(s.Stage)
}

// CheckMove validates a move from s to target ("stalled" or a stage) with
// its note and the park named (0 when none).
func CheckMove(s DockState, target string, note string, park int64) error {
	reason := strings.TrimSpace(note) != ""
	needReason := func() error {
		if reason {
			return nil
		}
		return model.Errorf(model.Invalid, "err.docking.reason", "note", "err.docking.reason")
	}
	switch {
	case target == StageStalled:
		if s.Stalled || s.Stage == model.DockDeclined || s.Stage == model.DockSigned {
			return model.Errorf(model.Invalid, "err.docking.move", "stage", "err.docking.move")
		}
		return nil
	case target == string(model.DockDeclined):
		if s.Stage == model.DockDeclined || s.Stage == model.DockSigned {
			return model.Errorf(model.Invalid, "err.docking.move", "stage", "err.docking.move")
		}
		return nil
	}
	to := model.DockingStage(target)
	rt := StageRank(to)
	if rt < 0 {
		return model.Errorf(model.Invalid, "err.choice", "stage", "err.choice")
	}
	if to == model.DockPreliminary && park == 0 {
		return model.Errorf(model.Invalid, "err.docking.park", "park_org_id", "err.docking.park")
	}
	if s.Stage == model.DockDeclined {
		return needReason()
	}
	rf := StageRank(s.Stage)
	switch {
	case rt == rf && !s.Stalled:
		return model.Errorf(model.Invalid, "err.docking.same", "stage", "err.docking.same")
	case rt == rf && s.Stalled, rt == rf+1:
		return nil
	}
	return needReason()
}

package contests

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// assignInput reads a contest's entries in the current round, panel and
// conflicts (of every round: they stand) for the engine.
func (a *Area) assignInput(ctx context.Context, c store.Contest) (judging.AssignInput, []store.EntryRow, []store.Judge, []store.Conflict, error) {
	in := judging.AssignInput{K: c.K, Conflicts: map[judging.Pair]bool{}}
	es, err := a.DB.ContestEntries(ctx, c.ID)
	if err != nil {
		return in, nil, nil, nil, err
	}
	js, err := a.DB.ContestJudges(ctx, c.ID)
	if err != nil {
		return in, nil, nil, nil, err
	}
	cs, err := a.DB.ContestConflicts(ctx, c.ID)
	if err != nil {
		return in, nil, nil, nil, err
	}
	es = slices.DeleteFunc(es, func(e store.EntryRow) bool { return e.Round != c.Round })
	for _, e := range es {
		in.Entries = append(in.Entries, e.ID)
	}
	for _, j := range js {
		in.Judges = append(in.Judges, j.UserID)
	}
	for _, x := range cs {
		in.Conflicts[judging.Pair{Entry: x.EntryID, Judge: x.JudgeID}] = true
	}
	return in, es, js, cs, nil
}

// autoAssign runs the engine over the contest and saves its answer; judging
// opens and entries stop. Pairs a judge already scored are kept.
func (a *Area) autoAssign(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := a.contest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	in, _, _, _, err := a.assignInput(ctx, c)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if len(in.Judges) == 0 || len(in.Entries) == 0 {
		back(w, r, "/contests/"+itoa(c.ID), "err.contest.nothing_to_assign")
		return
	}
	// Pairs a judge already scored stay (SaveAssignment keeps them): the
	// engine counts them toward k and the loads.
	scored, err := a.DB.RoundScores(ctx, c.ID, c.Round)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	seen := map[judging.Pair]bool{}
	for _, s := range scored {
		p := judging.Pair{Entry: s.EntryID, Judge: s.JudgeID}
		if !seen[p] {
			seen[p] = true
			in.Fixed = append(in.Fixed, p)
		}
	}
	out := judging.Assign(in)
	pairs := make([]store.Pair, len(out.Pairs))
	for i, p := range out.Pairs {
		pairs[i] = store.Pair{EntryID: p.Entry, JudgeID: p.Judge}
	}
	if err := a.DB.SaveAssignment(ctx, c.ID, pairs, request.User(r).ID); err != nil {
		if model.ErrorCode(err) == model.Conflict || model.ErrorCode(err) == model.Invalid {
			back(w, r, "/contests/"+itoa(c.ID), model.AsError(err).Key)
			return
		}
		a.Render.Fail(w, r, err)
		return
	}
	flash := "flash.contest.assigned"
	if len(out.Short) > 0 || !out.Balanced {
		flash = "flash.contest.assigned_short"
	}
	back(w, r, "/contests/"+itoa(c.ID)+"/assignment", flash)
}

type assignRow struct {
	Entry     store.EntryRow
	Judges    []store.Judge
	Conflicts []store.Conflict
	Short     bool
}

type assignmentData struct {
	Contest  store.Contest
	Rows     []assignRow
	Judges   []store.Judge
	Balanced bool
	MinLoad  int
	MaxLoad  int
}

// assignmentPage shows who scores what, the conflicts, each judge's load,
// and forms to add or remove a pair by hand.
func (a *Area) assignmentPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := a.contest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	_, es, js, cs, err := a.assignInput(ctx, c)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	pairs, err := a.DB.ContestAssignments(ctx, c.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	judge := map[int64]store.Judge{}
	for _, j := range js {
		judge[j.UserID] = j
	}
	at := map[int64]int{}
	d := assignmentData{Contest: c, Judges: js}
	for i, e := range es {
		at[e.ID] = i
		d.Rows = append(d.Rows, assignRow{Entry: e})
	}
	for _, p := range pairs {
		if i, ok := at[p.EntryID]; ok {
			d.Rows[i].Judges = append(d.Rows[i].Judges, judge[p.JudgeID])
		}
	}
	for _, x := range cs {
		if i, ok := at[x.EntryID]; ok {
			d.Rows[i].Conflicts = append(d.Rows[i].Conflicts, x)
		}
	}
	for i := range d.Rows {
		d.Rows[i].Short = len(d.Rows[i].Judges) < c.K
	}
	d.MinLoad, d.MaxLoad = -1, 0
	for _, j := range js {
		if d.MinLoad < 0 || j.Assigned < d.MinLoad {
			d.MinLoad = j.Assigned
		}
		d.MaxLoad = max(d.MaxLoad, j.Assigned)
	}
	d.Balanced = d.MaxLoad-d.MinLoad <= 1
	a.Render.Page(w, r, http.StatusOK, "contest_assignment", a.Render.View(r, "contest.assignment", d))
}

// adjust adds or removes one pair, or records a conflict
// (op=add|remove|conflict, entry_id, judge_id).
func (a *Area) adjust(w http.ResponseWriter, r *http.Request) {
	c, err := a.contestForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	e, _ := strconv.ParseInt(r.PostForm.Get("entry_id"), 10, 64)
	j, _ := strconv.ParseInt(r.PostForm.Get("judge_id"), 10, 64)
	p := store.Pair{EntryID: e, JudgeID: j}
	by := request.User(r).ID
	switch r.PostForm.Get("op") {
	case "remove":
		err = a.DB.Unassign(r.Context(), c.ID, p, by)
	case "conflict": // the organizer knows of a conflict: the pair never meets
		err = a.DB.DeclareConflict(r.Context(), e, j, "organizer", "", by)
	default:
		err = a.DB.Assign(r.Context(), c.ID, p, by)
	}
	to := "/contests/" + itoa(c.ID) + "/assignment"
	if me := model.AsError(err); me != nil && (me.Code == model.Conflict || me.Code == model.Invalid) {
		back(w, r, to, me.Key)
		return
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, to, "flash.contest.adjusted")
}

// closeRound locks the scores.
func (a *Area) closeRound(w http.ResponseWriter, r *http.Request) {
	c, err := a.contest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	err = a.DB.CloseRound(r.Context(), c.ID, request.User(r).ID)
	to := "/contests/" + itoa(c.ID)
	if err == nil {
		to += "/review"
	}
	a.after(w, r, to, err, "flash.contest.closed")
}

package store_test

import (
	"strconv"
	"sync"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestContestRoundsConformance: multi-round judging (screening → final)
// behaves alike on SQLite and PostgreSQL.
func TestContestRoundsConformance(t *testing.T) {
	storetest.RunWith(t, newContestWorld, storetest.With[contestWorld]{
		"TwoRounds":         testTwoRounds,
		"AdvanceRefused":    testAdvanceRefused,
		"AdvanceConcurrent": testAdvanceConcurrent,
	})
}

// twoRounds gives the world's contest a screening and a final, enters two
// entries, assigns judges 0 and 1 to the first and 0 and 2 to the second,
// has them submit (the first entry scoring higher) and closes round 1.
func twoRounds(t *testing.T, db *store.DB, w contestWorld) []model.Entry {
	t.Helper()
	c := w.contest
	c.Rounds = []store.Round{{Name: "Screening", NameZH: "初赛"}, {Name: "Final", NameZH: "决赛"}}
	if err := db.UpdateContest(ctx, &c, w.org.ID); err != nil {
		t.Fatal(err)
	}
	es := entered(t, db, w)
	j := w.judges
	if err := db.SaveAssignment(ctx, w.contest.ID, []store.Pair{{es[0].ID, j[0].ID}, {es[0].ID, j[1].ID}, {es[1].ID, j[0].ID}, {es[1].ID, j[2].ID}}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		e     int64
		j     int64
		value int
	}{{es[0].ID, j[0].ID, 8}, {es[0].ID, j[1].ID, 7}, {es[1].ID, j[0].ID, 3}, {es[1].ID, j[2].ID, 4}} {
		if err := db.SaveScores(ctx, s.e, s.j, []store.Mark{{"team", s.value, "r1"}, {"market", s.value, ""}}, true); err != nil {
			t.Fatal(err)
		}
	}
	return es
}

func mustContest(t *testing.T, db *store.DB, id int64) store.Contest {
	t.Helper()
	c, err := db.ContestByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustEntryRow(t *testing.T, db *store.DB, id int64) store.EntryRow {
	t.Helper()
	e, err := db.EntryByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func testTwoRounds(t *testing.T, db *store.DB, w contestWorld) {
	es := twoRounds(t, db, w)
	j := w.judges
	// Advancing while the round is open is refused.
	if err := db.AdvanceRound(ctx, w.contest.ID, 1, []int64{es[0].ID}, nil, w.org.ID); key(err) != "err.contest.state" {
		t.Fatalf("advance while judging: %v", err)
	}
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	// Round 1 is not the last: no selection yet.
	if err := db.Select(ctx, w.contest.ID, []int64{es[0].ID}, w.org.ID, ""); key(err) != "err.contest.not_last" {
		t.Fatalf("select after the screening: %v", err)
	}
	if c := mustContest(t, db, w.contest.ID); c.State != store.ContestClosed || c.Round != 1 || c.Last() {
		t.Fatalf("after a refused select: %+v", c)
	}
	// The top entry goes on, judged by 1 and 2 in the final.
	if err := db.AdvanceRound(ctx, w.contest.ID, 1, []int64{es[0].ID}, []store.Pair{{es[0].ID, j[1].ID}, {es[0].ID, j[2].ID}}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	c := mustContest(t, db, w.contest.ID)
	if c.State != store.ContestJudging || c.Round != 2 || !c.Last() {
		t.Fatalf("after advancing: %+v", c)
	}
	e0, e1 := mustEntryRow(t, db, es[0].ID), mustEntryRow(t, db, es[1].ID)
	if e0.Round != 2 || !e0.Advanced() || e1.Round != 1 || e1.Advanced() || e1.Status != model.EntrySubmitted {
		t.Fatalf("entries after advancing: %+v %+v", e0, e1)
	}
	if ps, _ := db.ContestAssignments(ctx, w.contest.ID); len(ps) != 2 || ps[0].JudgeID == j[0].ID || ps[1].JudgeID == j[0].ID {
		t.Fatalf("final's assignment %+v", ps)
	}
	if js, _ := db.ContestJudges(ctx, w.contest.ID); js[0].Assigned != 0 || js[1].Assigned != 1 {
		t.Fatalf("loads of the final %+v", js)
	}
	// The entry left behind cannot be assigned or scored in the final;
	// round 1's scores are locked.
	if err := db.Assign(ctx, w.contest.ID, store.Pair{es[1].ID, j[3].ID}, w.org.ID); key(err) != "err.contest.conflicted" {
		t.Fatalf("assign an entry not advanced: %v", err)
	}
	if err := db.SaveScores(ctx, es[1].ID, j[0].ID, []store.Mark{{"team", 10, ""}}, false); key(err) != "err.contest.not_assigned" {
		t.Fatalf("rescore round 1: %v", err)
	}
	if err := db.SaveScores(ctx, es[0].ID, j[0].ID, []store.Mark{{"team", 10, ""}}, false); key(err) != "err.contest.not_assigned" {
		t.Fatalf("round 1's judge scores the final: %v", err)
	}
	// Judge 1 scores the entry again in the final; both sheets stay.
	if err := db.SaveScores(ctx, es[0].ID, j[1].ID, []store.Mark{{"team", 9, "r2"}, {"market", 9, ""}}, true); err != nil {
		t.Fatal(err)
	}
	sh, err := db.JudgeSheets(ctx, w.contest.ID, j[1].ID)
	if err != nil || len(sh) != 2 || sh[0].Round != 2 || sh[0].Scores["team"] != 9 || sh[1].Round != 1 || sh[1].Scores["team"] != 7 || sh[1].Comments["team"] != "r1" {
		t.Fatalf("judge 1's sheets %+v %v", sh, err)
	}
	r1, _ := db.RoundScores(ctx, w.contest.ID, 1)
	r2, _ := db.RoundScores(ctx, w.contest.ID, 2)
	if len(r1) != 8 || len(r2) != 2 || r2[0].Round != 2 {
		t.Fatalf("round scores: %d %d", len(r1), len(r2))
	}
	// A conflict declared in the final drops the final's draft only.
	if err := db.SaveScores(ctx, es[0].ID, j[2].ID, []store.Mark{{"team", 5, ""}}, false); err != nil {
		t.Fatal(err)
	}
	if err := db.DeclareConflict(ctx, es[0].ID, j[1].ID, "declared", "", j[1].ID); err != nil {
		t.Fatal(err)
	}
	if r1, _ := db.RoundScores(ctx, w.contest.ID, 1); len(r1) != 8 {
		t.Fatalf("a conflict in the final dropped round 1's scores: %d", len(r1))
	}
	if r2, _ := db.RoundScores(ctx, w.contest.ID, 2); len(r2) != 1 || r2[0].JudgeID != j[2].ID {
		t.Fatalf("final's scores after the conflict: %+v", r2)
	}
	// The owner's entry keeps both rounds' scores.
	if all, _ := db.EntryScores(ctx, es[0].ID); len(all) != 5 || all[0].Round != 1 || all[4].Round != 2 {
		t.Fatalf("entry scores %+v", all)
	}
	// The final closes; it is the last round: no advance, a selection.
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.AdvanceRound(ctx, w.contest.ID, 2, []int64{es[0].ID}, nil, w.org.ID); key(err) != "err.contest.last_round" {
		t.Fatalf("advance after the last round: %v", err)
	}
	if err := db.Select(ctx, w.contest.ID, []int64{es[1].ID}, w.org.ID, ""); code(err) != model.NotFound {
		t.Fatalf("select an entry not in the final: %v", err)
	}
	if err := db.Select(ctx, w.contest.ID, []int64{es[0].ID}, w.org.ID, ""); err != nil {
		t.Fatal(err)
	}
	if e0, e1 := mustEntryRow(t, db, es[0].ID), mustEntryRow(t, db, es[1].ID); e0.Status != model.EntrySelected || e1.Status != model.EntryNotSelected {
		t.Fatalf("statuses %s %s", e0.Status, e1.Status)
	}
	log, _ := db.AuditEntries(ctx, 50)
	advanced := false
	for _, a := range log {
		advanced = advanced || a.Action == "contest.advance" && a.Subject == "contest:"+strconv.FormatInt(w.contest.ID, 10)
	}
	if !advanced {
		t.Fatal("the advance is not audited")
	}
}

// testAdvanceRefused: every refusal leaves the contest, its entries and
// assignments as they were.
func testAdvanceRefused(t *testing.T, db *store.DB, w contestWorld) {
	es := twoRounds(t, db, w)
	j := w.judges
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	other := store.Contest{EditionID: w.edition.ID, Name: "Other", K: 1, Rubric: w.contest.Rubric}
	if err := db.CreateContest(ctx, &other, w.org.ID); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		from  int
		ids   []int64
		pairs []store.Pair
		key   string
	}{
		{"stale form", 2, []int64{es[0].ID}, nil, "err.contest.stale"},
		{"none", 1, nil, nil, "err.contest.advance_n"},
		{"entry of another contest", 1, []int64{es[0].ID, 999999}, nil, "err.contest.advance_n"},
		{"entry twice", 1, []int64{es[0].ID, es[0].ID}, nil, "err.contest.advance_n"},
		{"pair with a judge off the panel", 1, []int64{es[0].ID}, []store.Pair{{es[0].ID, j[1].ID}, {es[0].ID, w.org.ID}}, "err.contest.conflicted"},
		{"pair for an entry not advanced", 1, []int64{es[0].ID}, []store.Pair{{es[1].ID, j[1].ID}}, "err.contest.conflicted"},
	}
	for _, c := range cases {
		if err := db.AdvanceRound(ctx, w.contest.ID, c.from, c.ids, c.pairs, w.org.ID); key(err) != c.key {
			t.Fatalf("%s: %v, want %s", c.name, err, c.key)
		}
		if c := mustContest(t, db, w.contest.ID); c.State != store.ContestClosed || c.Round != 1 {
			t.Fatalf("contest changed: %+v", c)
		}
		if e := mustEntryRow(t, db, es[0].ID); e.Round != 1 {
			t.Fatalf("entry advanced: %+v", e)
		}
		if ps, _ := db.ContestAssignments(ctx, w.contest.ID); len(ps) != 4 {
			t.Fatalf("assignment changed: %+v", ps)
		}
	}
	// A single-round contest has no next round.
	if err := db.AdvanceRound(ctx, other.ID, 1, []int64{es[0].ID}, nil, w.org.ID); key(err) != "err.contest.state" {
		t.Fatalf("advance a contest still taking entries: %v", err)
	}
}

// testAdvanceConcurrent: two organizers advance the same closed round at
// once; one wins, the other is told the form is stale, and the entries
// move once.
func testAdvanceConcurrent(t *testing.T, db *store.DB, w contestWorld) {
	es := twoRounds(t, db, w)
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.AdvanceRound(ctx, w.contest.ID, 1, []int64{es[i%2].ID}, nil, w.org.ID)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case key(err) != "err.contest.stale":
			t.Errorf("advance: %v", err)
		}
	}
	c := mustContest(t, db, w.contest.ID)
	e0, e1 := mustEntryRow(t, db, es[0].ID), mustEntryRow(t, db, es[1].ID)
	if won != 1 || c.Round != 2 || e0.Round+e1.Round != 3 {
		t.Fatalf("%d won; contest round %d; entries' rounds %d %d", won, c.Round, e0.Round, e1.Round)
	}
}

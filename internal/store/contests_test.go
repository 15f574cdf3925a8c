package store_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestContestsConformance: contests, entries, judging and policies behave
// alike on SQLite and PostgreSQL, including under concurrency.
func TestContestsConformance(t *testing.T) {
	storetest.RunWith(t, newContestWorld, storetest.With[contestWorld]{
		"EnterOnce":             testEnterOnce,
		"EnterConcurrent":       testEnterConcurrent,
		"Withdraw":              testWithdraw,
		"AssignAndConflicts":    testAssignAndConflicts,
		"Scoring":               testScoring,
		"ScoreVersusClose":      testScoreVersusClose,
		"SelectAndPublish":      testSelectAndPublish,
		"Policies":              testPolicies,
		"DerivedConflicts":      testDerivedConflicts,
		"UpdateGuards":          testUpdateGuards,
		"OwnerContacts":         testOwnerContacts,
		"PanelScoresAfterClose": testPanelScores,
		"Eligibility":           testEligibility,
	})
}

type contestWorld struct {
	edition  model.Edition
	contest  store.Contest
	org      model.User // organizer
	owner    model.User // talent
	project  model.Project
	project2 model.Project
	judges   []model.User
}

func newContestWorld(t testing.TB, db *store.DB) contestWorld {
	t.Helper()
	var w contestWorld
	w.edition = storetest.MustEdition(t, db, "ocs-2017")
	w.org = model.User{Email: "org@convene.example", Name: "Organizer", Role: model.RoleOrganizer, Locale: "en"}
	if err := db.CreateUser(ctx, &w.org, "hash"); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		j := model.User{Email: "judge" + string(rune('a'+i)) + "@convene.example", Name: "Judge " + string(rune('A'+i)), Role: model.RoleJudge, Locale: "en"}
		if err := db.CreateUser(ctx, &j, "hash"); err != nil {
			t.Fatal(err)
		}
		w.judges = append(w.judges, j)
	}
	w.owner = storetest.MustRegister(t, db, "owner@talent.example", model.RoleTalent)
	for i, p := range []*model.Project{&w.project, &w.project2} {
		*p = model.Project{EditionID: w.edition.ID, Source: model.SourceContest, OwnerUserID: &w.owner.ID, Title: "Start-up " + string(rune('1'+i)), Field: "AI", Stage: "prototype"}
		if err := db.CreateProject(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	w.contest = store.Contest{EditionID: w.edition.ID, Name: "Chunhui Cup", K: 2, SelectN: 1,
		Rubric: []store.Criterion{{Key: "team", Name: "Team", Weight: 0.5, Max: 10}, {Key: "market", Name: "Market", Weight: 0.5, Max: 10}},
		Tracks: []store.Track{{Key: "ai", Name: "AI"}}}
	if err := db.CreateContest(ctx, &w.contest, w.org.ID); err != nil {
		t.Fatal(err)
	}
	for _, j := range w.judges {
		if err := db.AddJudge(ctx, w.contest.ID, j.ID, w.org.ID); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func code(err error) model.Code { return model.ErrorCode(err) }

func key(err error) string {
	if e := model.AsError(err); e != nil {
		return e.Key
	}
	return ""
}

func testEnterOnce(t *testing.T, db *store.DB, w contestWorld) {
	e, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai")
	if err != nil || e.ID == 0 {
		t.Fatalf("enter: %v", err)
	}
	if _, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai"); key(err) != "err.contest.entered" {
		t.Fatalf("second entry of the project: %v", err)
	}
	if _, err := db.EnterContest(ctx, w.contest.ID, w.project2.ID, w.owner.ID, "ai"); key(err) != "err.contest.entered" {
		t.Fatalf("second project of the owner: %v", err)
	}
	if _, err := db.EnterContest(ctx, w.contest.ID, w.project2.ID, w.judges[0].ID, "ai"); code(err) != model.NotFound {
		t.Fatalf("someone else's project: %v", err)
	}
	if _, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "bio"); code(err) != model.Invalid {
		t.Fatalf("unknown track: %v", err)
	}
	if es, _ := db.ContestEntries(ctx, w.contest.ID); len(es) != 1 || *es[0].OwnerUserID != w.owner.ID || es[0].Track != "ai" {
		t.Fatalf("entries %+v", es)
	}
}

func testEnterConcurrent(t *testing.T, db *store.DB, w contestWorld) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, entered := 0, 0
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := w.project
			if i%2 == 1 {
				p = w.project2
			}
			_, err := db.EnterContest(ctx, w.contest.ID, p.ID, w.owner.ID, "ai")
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case key(err) == "err.contest.entered":
				entered++
			default:
				t.Errorf("enter: %v", err)
			}
		}()
	}
	wg.Wait()
	if ok != 1 || entered != 7 {
		t.Fatalf("%d entries, %d refused; want 1 and 7", ok, entered)
	}
	if es, _ := db.ContestEntries(ctx, w.contest.ID); len(es) != 1 {
		t.Fatalf("%d entries stored", len(es))
	}
}

func testWithdraw(t *testing.T, db *store.DB, w contestWorld) {
	e, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.WithdrawEntry(ctx, e.ID, w.judges[0].ID); err == nil {
		t.Fatal("withdrawn by someone else")
	}
	if err := db.WithdrawEntry(ctx, e.ID, w.owner.ID); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	// Past the deadline: neither enter nor withdraw.
	e, err = db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	c := w.contest
	c.ClosesAt = &past
	if err := db.UpdateContest(ctx, &c, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.WithdrawEntry(ctx, e.ID, w.owner.ID); key(err) != "err.contest.not_open" {
		t.Fatalf("withdraw after the deadline: %v", err)
	}
	if _, err := db.EnterContest(ctx, w.contest.ID, w.project2.ID, w.owner.ID, "ai"); key(err) != "err.contest.not_open" && key(err) != "err.contest.entered" {
		t.Fatalf("enter after the deadline: %v", err)
	}
}

// entered enters both projects (the second from another owner).
func entered(t *testing.T, db *store.DB, w contestWorld) []model.Entry {
	t.Helper()
	other := storetest.MustRegister(t, db, "other@talent.example", model.RoleTalent)
	p := model.Project{EditionID: w.edition.ID, Source: model.SourceContest, OwnerUserID: &other.ID, Title: "Other", Field: "AI", Stage: "idea"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	e1, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	e2, err := db.EnterContest(ctx, w.contest.ID, p.ID, other.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	return []model.Entry{e1, e2}
}

func testAssignAndConflicts(t *testing.T, db *store.DB, w contestWorld) {
	es := entered(t, db, w)
	j := w.judges
	if err := db.DeclareConflict(ctx, es[0].ID, j[0].ID, "declared", "former colleague", j[0].ID); err != nil {
		t.Fatal(err)
	}
	cs, err := db.ContestConflicts(ctx, w.contest.ID)
	if err != nil || len(cs) != 1 || cs[0].JudgeID != j[0].ID || cs[0].Reason != "declared" {
		t.Fatalf("conflicts %+v %v", cs, err)
	}
	// A conflicted pair is refused, and nothing of the assignment saved.
	bad := []store.Pair{{es[0].ID, j[1].ID}, {es[0].ID, j[0].ID}}
	if err := db.SaveAssignment(ctx, w.contest.ID, bad, w.org.ID); key(err) != "err.contest.conflicted" {
		t.Fatalf("conflicted pair: %v", err)
	}
	if ps, _ := db.ContestAssignments(ctx, w.contest.ID); len(ps) != 0 {
		t.Fatalf("partial assignment saved: %v", ps)
	}
	c, _ := db.ContestByID(ctx, w.contest.ID)
	if c.State != store.ContestEntry {
		t.Fatalf("state %s after a refused assignment", c.State)
	}
	good := []store.Pair{{es[0].ID, j[1].ID}, {es[0].ID, j[2].ID}, {es[1].ID, j[0].ID}, {es[1].ID, j[3].ID}}
	if err := db.SaveAssignment(ctx, w.contest.ID, good, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := db.ContestAssignments(ctx, w.contest.ID); len(ps) != 4 {
		t.Fatalf("assignments %v", ps)
	}
	if c, _ := db.ContestByID(ctx, w.contest.ID); c.State != store.ContestJudging {
		t.Fatalf("state %s", c.State)
	}
	// Entries stop once judging starts.
	if _, err := db.EnterContest(ctx, w.contest.ID, w.project2.ID, w.owner.ID, "ai"); err == nil {
		t.Fatal("entered during judging")
	}
	// Adjust by hand: a conflicted judge is refused, a free one added, one removed.
	if err := db.Assign(ctx, w.contest.ID, store.Pair{es[0].ID, j[0].ID}, w.org.ID); key(err) != "err.contest.conflicted" {
		t.Fatalf("assign conflicted: %v", err)
	}
	if err := db.Assign(ctx, w.contest.ID, store.Pair{es[0].ID, j[3].ID}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Unassign(ctx, w.contest.ID, store.Pair{es[0].ID, j[3].ID}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	// A judge declaring a conflict on an assigned entry loses it and its draft.
	if err := db.SaveScores(ctx, es[1].ID, j[3].ID, []store.Mark{{"team", 5, ""}}, false); err != nil {
		t.Fatal(err)
	}
	if err := db.DeclareConflict(ctx, es[1].ID, j[3].ID, "declared", "", j[3].ID); err != nil {
		t.Fatal(err)
	}
	if sh, _ := db.JudgeSheets(ctx, w.contest.ID, j[3].ID); len(sh) != 0 {
		t.Fatalf("sheets after conflict: %+v", sh)
	}
	if sc, _ := db.ContestScores(ctx, w.contest.ID); len(sc) != 0 {
		t.Fatalf("scores after conflict: %+v", sc)
	}
}

func testScoring(t *testing.T, db *store.DB, w contestWorld) {
	es := entered(t, db, w)
	j := w.judges
	if err := db.SaveAssignment(ctx, w.contest.ID, []store.Pair{{es[0].ID, j[0].ID}, {es[0].ID, j[1].ID}}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveScores(ctx, es[0].ID, j[0].ID, []store.Mark{{"team", 11, ""}}, false); code(err) != model.Invalid {
		t.Fatalf("score 11 of 10: %v", err)
	}
	if err := db.SaveScores(ctx, es[0].ID, j[0].ID, []store.Mark{{"team", 7, "ok"}, {"market", -1, ""}}, false); code(err) != model.Invalid {
		t.Fatalf("score -1: %v", err)
	}
	if err := db.SaveScores(ctx, es[0].ID, j[0].ID, []store.Mark{{"charm", 7, ""}}, false); code(err) != model.Invalid {
		t.Fatalf("unknown criterion: %v", err)
	}
	if sc, _ := db.ContestScores(ctx, w.contest.ID); len(sc) != 0 {
		t.Fatalf("refused marks saved: %+v", sc)
	}
	if err := db.SaveScores(ctx, es[1].ID, j[0].ID, []store.Mark{{"team", 5, ""}}, false); key(err) != "err.contest.not_assigned" {
		t.Fatalf("not assigned: %v", err)
	}
	if err := db.SaveScores(ctx, es[0].ID, j[0].ID, []store.Mark{{"team", 7, "strong team"}}, true); key(err) != "err.contest.incomplete" {
		t.Fatalf("submit incomplete: %v", err)
	}
	// A draft, then the rest and submit.
	if err := db.SaveScores(ctx, es[0].ID, j[0].ID, []store.Mark{{"team", 7, "strong team"}}, false); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveScores(ctx, es[0].ID, j[0].ID, []store.Mark{{"market", 6, ""}}, true); err != nil {
		t.Fatal(err)
	}
	sh, err := db.JudgeSheets(ctx, w.contest.ID, j[0].ID)
	if err != nil || len(sh) != 1 || sh[0].Scores["team"] != 7 || sh[0].Comments["team"] != "strong team" || sh[0].Submitted == nil {
		t.Fatalf("sheet %+v %v", sh, err)
	}
	// The other judge's sheet shows none of judge 0's marks.
	if sh, _ := db.JudgeSheets(ctx, w.contest.ID, j[1].ID); len(sh) != 1 || len(sh[0].Scores) != 0 {
		t.Fatalf("judge 1 sees %+v", sh)
	}
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveScores(ctx, es[0].ID, j[1].ID, []store.Mark{{"team", 5, ""}}, false); key(err) != "err.contest.closed" {
		t.Fatalf("score after close: %v", err)
	}
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); key(err) != "err.contest.state" {
		t.Fatalf("close twice: %v", err)
	}
}

// testScoreVersusClose: judges save while the organizer closes; every save
// either happened before the close or was refused, and after the close no
// score changes.
func testScoreVersusClose(t *testing.T, db *store.DB, w contestWorld) {
	es := entered(t, db, w)
	var pairs []store.Pair
	for _, e := range es {
		for _, j := range w.judges {
			pairs = append(pairs, store.Pair{e.ID, j.ID})
		}
	}
	if err := db.SaveAssignment(ctx, w.contest.ID, pairs, w.org.ID); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, 200)
	for _, p := range pairs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for v := range 10 {
				err := db.SaveScores(ctx, p.EntryID, p.JudgeID, []store.Mark{{"team", v, ""}, {"market", v, ""}}, false)
				if err != nil {
					if key(err) != "err.contest.closed" {
						errs <- err
					}
					return
				}
			}
		}()
	}
	close(start)
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	after, _ := db.ContestScores(ctx, w.contest.ID)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("save: %v", err)
	}
	final, _ := db.ContestScores(ctx, w.contest.ID)
	b1, _ := json.Marshal(after)
	b2, _ := json.Marshal(final)
	if string(b1) != string(b2) {
		t.Fatalf("scores changed after the close:\n%s\n%s", b1, b2)
	}
}

func testSelectAndPublish(t *testing.T, db *store.DB, w contestWorld) {
	es := entered(t, db, w)
	if err := db.Select(ctx, w.contest.ID, []int64{es[0].ID}, w.org.ID, ""); key(err) != "err.contest.state" {
		t.Fatalf("select before the close: %v", err)
	}
	if err := db.SaveAssignment(ctx, w.contest.ID, []store.Pair{{es[0].ID, w.judges[0].ID}}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.PublishScores(ctx, w.contest.ID, w.org.ID); key(err) != "err.contest.state" {
		t.Fatalf("publish before deciding: %v", err)
	}
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Select(ctx, w.contest.ID, []int64{es[0].ID}, w.org.ID, "top 1"); err != nil {
		t.Fatal(err)
	}
	if err := db.Select(ctx, w.contest.ID, []int64{es[1].ID}, w.org.ID, ""); key(err) != "err.contest.state" {
		t.Fatalf("select twice: %v", err)
	}
	c, _ := db.ContestByID(ctx, w.contest.ID)
	if c.State != store.ContestDecided || c.DecidedBy == nil || *c.DecidedBy != w.org.ID || c.DecidedAt == nil {
		t.Fatalf("contest %+v", c)
	}
	e0, _ := db.EntryByID(ctx, es[0].ID)
	e1, _ := db.EntryByID(ctx, es[1].ID)
	if e0.Status != model.EntrySelected || e1.Status != model.EntryNotSelected {
		t.Fatalf("statuses %s %s", e0.Status, e1.Status)
	}
	if err := db.PublishScores(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.ContestByID(ctx, w.contest.ID); !c.Published {
		t.Fatal("not published")
	}
}

func rule(field, op string, v any) judging.Rule {
	b, _ := json.Marshal(v)
	return judging.Rule{Field: field, Op: op, Value: b}
}

func testPolicies(t *testing.T, db *store.DB, w contestWorld) {
	bad := store.Policy{EditionID: w.edition.ID, Subject: "project", Name: "Grant", Rules: []judging.Rule{rule("project.colour", "eq", "red")}}
	if err := db.CreatePolicy(ctx, &bad, w.org.ID); key(err) != "err.policy.unknown_field" {
		t.Fatalf("unknown field: %v", err)
	}
	bad.Rules = []judging.Rule{rule("project.funding_sought", "gte", "a lot")}
	if err := db.CreatePolicy(ctx, &bad, w.org.ID); key(err) != "err.policy.type" {
		t.Fatalf("type mismatch: %v", err)
	}
	if ps, _ := db.ListPolicies(ctx, w.edition.ID); len(ps) != 0 {
		t.Fatalf("refused policy saved: %+v", ps)
	}
	grant := store.Policy{EditionID: w.edition.ID, Subject: "project", Name: "Innovative plan grant", NameZH: "创新计划资助", AmountYuan: 3_000_000,
		Rules: []judging.Rule{rule("entry.result", "eq", "selected")}}
	if err := db.CreatePolicy(ctx, &grant, w.org.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.PolicyByID(ctx, grant.ID)
	if err != nil || len(got.Rules) != 1 || got.AmountYuan != 3_000_000 {
		t.Fatalf("policy %+v %v", got, err)
	}
	cp, err := got.Compile()
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.ProjectFacts(ctx, w.project.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r := cp.Evaluate(f); r.Met || r.Checks[0].Explain("en") != "needs: selected in a contest; has: not entered" {
		t.Fatalf("before entering: %+v %s", r, r.Checks[0].Explain("en"))
	}
	es := entered(t, db, w)
	db.SaveAssignment(ctx, w.contest.ID, []store.Pair{{es[0].ID, w.judges[0].ID}}, w.org.ID)
	db.CloseRound(ctx, w.contest.ID, w.org.ID)
	if err := db.Select(ctx, w.contest.ID, []int64{es[0].ID}, w.org.ID, ""); err != nil {
		t.Fatal(err)
	}
	f, _ = db.ProjectFacts(ctx, w.project.ID)
	if r := cp.Evaluate(f); !r.Met || r.Checks[0].Explain("zh") != "符合：大赛入选" {
		t.Fatalf("after selection: %+v", r)
	}
	tf, err := db.TalentFacts(ctx, w.owner.ID)
	if err != nil || tf["entry.result"] != "selected" {
		t.Fatalf("talent facts %v %v", tf, err)
	}
	subs, err := db.ProjectSubjects(ctx, w.edition.ID)
	if err != nil || len(subs) != 2 {
		t.Fatalf("subjects %+v %v", subs, err)
	}
	met := 0
	for _, s := range subs {
		if cp.Met(s.Facts) {
			met++
		}
	}
	if met != 1 {
		t.Fatalf("%d projects meet the grant", met)
	}
}

// testDerivedConflicts: a judge of the project's organization (a
// delegation's project) and a judge who owns the project are conflicted
// without declaring it; the assignment refuses both pairs.
func testDerivedConflicts(t *testing.T, db *store.DB, w contestWorld) {
	del := storetest.MustRegister(t, db, "lead@delegation.example", model.RoleDelegation)
	// A judge account in the delegation's organization.
	jd := model.User{Email: "judge@delegation.example", Name: "Delegation judge", Role: model.RoleJudge, OrgID: del.OrgID, Locale: "en"}
	if err := db.CreateUser(ctx, &jd, "hash"); err != nil {
		t.Fatal(err)
	}
	if err := db.AddJudge(ctx, w.contest.ID, jd.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	// A judge who also owns a project.
	owner := w.judges[0]
	p := model.Project{EditionID: w.edition.ID, Source: model.SourceContest, OwnerUserID: &owner.ID, Title: "Judge's own", Stage: "idea"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	e1, err := db.EnterContest(ctx, w.contest.ID, p.ID, owner.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	// The delegation's project, entered by a talent owner on its behalf.
	dp := model.Project{EditionID: w.edition.ID, Source: model.SourceDelegation, OwnerUserID: &w.owner.ID, OrgID: del.OrgID, Title: "Delegation's", Stage: "idea"}
	if err := db.CreateProject(ctx, &dp); err != nil {
		t.Fatal(err)
	}
	e2, err := db.EnterContest(ctx, w.contest.ID, dp.ID, w.owner.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.ContestConflicts(ctx, w.contest.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[store.Pair]string{}
	for _, c := range cs {
		got[store.Pair{EntryID: c.EntryID, JudgeID: c.JudgeID}] = c.Reason
	}
	if got[store.Pair{EntryID: e1.ID, JudgeID: owner.ID}] != "owner" || got[store.Pair{EntryID: e2.ID, JudgeID: jd.ID}] != "same_org" || len(got) != 2 {
		t.Fatalf("derived conflicts %v", got)
	}
	for _, bad := range []store.Pair{{EntryID: e1.ID, JudgeID: owner.ID}, {EntryID: e2.ID, JudgeID: jd.ID}} {
		if err := db.SaveAssignment(ctx, w.contest.ID, []store.Pair{bad}, w.org.ID); key(err) != "err.contest.conflicted" {
			t.Fatalf("assigning %v: %v", bad, err)
		}
	}
	// Talents' facts for counting: the owner's best result is "submitted".
	subs, err := db.TalentSubjects(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range subs {
		if s.ID == w.owner.ID {
			found = s.Facts["entry.result"] == "submitted" && s.Facts["talent.overseas"] != nil
		}
	}
	if !found {
		t.Fatalf("owner's facts missing or wrong: %+v", subs)
	}
}

// testUpdateGuards: the set-up changes while the contest takes entries; a
// track with an entry may not go (nothing changed); once judging starts
// nothing changes.
func testUpdateGuards(t *testing.T, db *store.DB, w contestWorld) {
	c := w.contest
	c.Name, c.SelectN = "Chunhui Cup 2026", 4
	c.Tracks = append(c.Tracks, store.Track{Key: "bio", Name: "Biomedicine"})
	if err := db.UpdateContest(ctx, &c, w.org.ID); err != nil {
		t.Fatalf("update: %v", err)
	}
	if _, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai"); err != nil {
		t.Fatal(err)
	}
	drop := c
	drop.Tracks, drop.SelectN = []store.Track{{Key: "bio", Name: "Biomedicine"}}, 9
	err := db.UpdateContest(ctx, &drop, w.org.ID)
	if model.FieldsOf(err)["tracks"] != "err.contest.track_in_use" {
		t.Fatalf("dropping a track with an entry: %v", err)
	}
	if got, _ := db.ContestByID(ctx, c.ID); got.SelectN != 4 || len(got.Tracks) != 2 || got.Name != "Chunhui Cup 2026" {
		t.Fatalf("refused update changed the contest: %+v", got)
	}
	keep := c
	keep.Tracks = []store.Track{{Key: "ai", Name: "AI"}}
	if err := db.UpdateContest(ctx, &keep, w.org.ID); err != nil {
		t.Fatalf("dropping an unused track: %v", err)
	}
	if err := db.SaveAssignment(ctx, c.ID, []store.Pair{{EntryID: mustEntry(t, db, c.ID), JudgeID: w.judges[0].ID}}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	late := keep
	late.SelectN = 2
	if err := db.UpdateContest(ctx, &late, w.org.ID); code(err) != model.Conflict {
		t.Fatalf("update while judging: %v", err)
	}
	if got, _ := db.ContestByID(ctx, c.ID); got.SelectN != 4 {
		t.Fatalf("update while judging changed the contest: %+v", got)
	}
}

func mustEntry(t *testing.T, db *store.DB, contestID int64) int64 {
	t.Helper()
	es, err := db.ContestEntries(ctx, contestID)
	if err != nil || len(es) == 0 {
		t.Fatalf("entries %v %v", es, err)
	}
	return es[0].ID
}

// testOwnerContacts: an assigned judge gets the owner's contact details
// only while the contest shows them; a judge not assigned never does.
func testOwnerContacts(t *testing.T, db *store.DB, w contestWorld) {
	e, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAssignment(ctx, w.contest.ID, []store.Pair{{EntryID: e.ID, JudgeID: w.judges[0].ID}}, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := db.JudgeEntryContact(ctx, e.ID, w.judges[0].ID); ok || err != nil {
		t.Fatalf("before allowed: %v %v", ok, err)
	}
	if err := db.SetShowContacts(ctx, w.contest.ID, true, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if c, ok, err := db.JudgeEntryContact(ctx, e.ID, w.judges[0].ID); !ok || err != nil || c.Email != w.owner.Email {
		t.Fatalf("allowed: %+v %v %v", c, ok, err)
	}
	if _, ok, err := db.JudgeEntryContact(ctx, e.ID, w.judges[1].ID); ok || err != nil {
		t.Fatalf("a judge not assigned: %v %v", ok, err)
	}
	if got, _ := db.ContestByID(ctx, w.contest.ID); !got.ShowContacts {
		t.Fatal("switch not kept")
	}
	if err := db.SetShowContacts(ctx, w.contest.ID, false, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.JudgeEntryContact(ctx, e.ID, w.judges[0].ID); ok {
		t.Fatal("after switched off")
	}
	if err := db.SetShowContacts(ctx, 999999, true, w.org.ID); code(err) != model.NotFound {
		t.Fatalf("unknown contest: %v", err)
	}
}

// testPanelScores: a judge sees the other judges' marks on an entry,
// numbered and without names, only once the round is closed.
func testPanelScores(t *testing.T, db *store.DB, w contestWorld) {
	e, err := db.EnterContest(ctx, w.contest.ID, w.project.ID, w.owner.ID, "ai")
	if err != nil {
		t.Fatal(err)
	}
	pairs := []store.Pair{{EntryID: e.ID, JudgeID: w.judges[0].ID}, {EntryID: e.ID, JudgeID: w.judges[1].ID}, {EntryID: e.ID, JudgeID: w.judges[2].ID}}
	if err := db.SaveAssignment(ctx, w.contest.ID, pairs, w.org.ID); err != nil {
		t.Fatal(err)
	}
	for i, p := range pairs {
		if err := db.SaveScores(ctx, e.ID, p.JudgeID, []store.Mark{{Criterion: "team", Value: 5 + i, Comment: "c" + string(rune('0'+i))}, {Criterion: "market", Value: 4}}, true); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := db.PanelScores(ctx, e.ID, w.judges[0].ID); len(got) != 0 || err != nil {
		t.Fatalf("before the close: %+v %v", got, err)
	}
	if err := db.CloseRound(ctx, w.contest.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.PanelScores(ctx, e.ID, w.judges[0].ID)
	if err != nil || len(got) != 4 {
		t.Fatalf("after the close: %+v %v", got, err)
	}
	judges := map[int]bool{}
	for _, s := range got {
		judges[s.Judge] = true
		if s.Criterion == "team" && s.Value == 5 {
			t.Fatalf("the judge's own mark among the others: %+v", got)
		}
	}
	if !judges[1] || !judges[2] || len(judges) != 2 {
		t.Fatalf("numbering: %+v", got)
	}
	if got, _ := db.PanelScores(ctx, e.ID, w.judges[3].ID); len(got) != 0 {
		t.Fatalf("a judge not assigned: %+v", got)
	}
}

// testEligibility: a contest open to some project sources refuses others
// with a clear error and saves nothing; an unknown source is refused.
func testEligibility(t *testing.T, db *store.DB, w contestWorld) {
	c := w.contest
	c.Eligible = []string{"delegation"}
	if err := db.UpdateContest(ctx, &c, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ContestByID(ctx, c.ID); len(got.Eligible) != 1 || got.Eligible[0] != "delegation" {
		t.Fatalf("eligible not kept: %+v", got.Eligible)
	}
	if _, err := db.EnterContest(ctx, c.ID, w.project.ID, w.owner.ID, "ai"); model.FieldsOf(err)["project_id"] != "err.contest.not_eligible" {
		t.Fatalf("a contest project in a delegations' contest: %v", err)
	}
	if es, _ := db.ContestEntries(ctx, c.ID); len(es) != 0 {
		t.Fatalf("refused entry saved: %+v", es)
	}
	c.Eligible = []string{"bogus"}
	if err := db.UpdateContest(ctx, &c, w.org.ID); model.FieldsOf(err)["eligible"] != "err.choice" {
		t.Fatalf("unknown source: %v", err)
	}
	c.Eligible = []string{"delegation", "contest"}
	if err := db.UpdateContest(ctx, &c, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.EnterContest(ctx, c.ID, w.project.ID, w.owner.ID, "ai"); err != nil {
		t.Fatalf("eligible project: %v", err)
	}
}

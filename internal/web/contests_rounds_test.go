package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestContestRounds walks a screening → final contest over HTTP: advancing
// is refused while the round is open, with a bad or stale form and before
// the last round a selection is refused, each time with a clear message
// and nothing changed; the organizer advances the top two (the form
// defaults to select_n), the engine assigns the final's judges (the
// conflicted judge left out), the judge sees which round they score and
// round 1 locked, the review shows each round's scores and the entry left
// behind, and the owners see how far their entries went once published.
// On both databases.
func TestContestRounds(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) { testContestRounds(t, b.Open(t)) })
	}
}

func testContestRounds(t *testing.T, db *store.DB) {
	f := newFixture(t, db)
	orgU, tal := f.users[model.RoleOrganizer], f.users[model.RoleTalent]
	judges := []model.User{f.users[model.RoleJudge], mustUser(t, db, "b.judge@test.example", model.RoleJudge, nil), mustUser(t, db, "c.judge@test.example", model.RoleJudge, nil)}
	c := store.Contest{EditionID: f.edition.ID, Name: "Chunhui Cup", NameZH: "春晖杯", K: 2, SelectN: 1,
		Rubric: []store.Criterion{{Key: "team", Name: "Team", Weight: 1, Max: 10}},
		Rounds: []store.Round{{Name: "Screening", NameZH: "初赛"}, {Name: "Final", NameZH: "决赛"}}}
	if err := db.CreateContest(bg, &c, orgU.ID); err != nil {
		t.Fatal(err)
	}
	for _, j := range judges {
		if err := db.AddJudge(bg, c.ID, j.ID, orgU.ID); err != nil {
			t.Fatal(err)
		}
	}
	// Three entries: the fixture talent's scores highest, the third lowest.
	var es []int64
	var owners []model.User
	for i, title := range []string{"Quantum sensor", "Gene chip", "Battery recycling"} {
		owner := tal
		if i > 0 {
			owner = storetest.MustRegister(t, db, "owner"+itoa(i)+"@talent.example", model.RoleTalent)
		}
		p := model.Project{EditionID: f.edition.ID, Source: model.SourceTalent, OwnerUserID: &owner.ID, Title: title, Field: "Physics", Stage: "idea"}
		if err := db.CreateProject(bg, &p); err != nil {
			t.Fatal(err)
		}
		e, err := db.EnterContest(bg, c.ID, p.ID, owner.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		es, owners = append(es, e.ID), append(owners, owner)
	}
	// Judge c has a conflict with the first entry: never its judge.
	if err := db.DeclareConflict(bg, es[0], judges[2].ID, "declared", "", judges[2].ID); err != nil {
		t.Fatal(err)
	}
	j := judges
	round1 := []store.Pair{{EntryID: es[0], JudgeID: j[0].ID}, {EntryID: es[0], JudgeID: j[1].ID}, {EntryID: es[1], JudgeID: j[0].ID},
		{EntryID: es[1], JudgeID: j[2].ID}, {EntryID: es[2], JudgeID: j[1].ID}, {EntryID: es[2], JudgeID: j[2].ID}}
	if err := db.SaveAssignment(bg, c.ID, round1, orgU.ID); err != nil {
		t.Fatal(err)
	}
	value := map[int64]int{es[0]: 9, es[1]: 6, es[2]: 2}
	for _, p := range round1 {
		if err := db.SaveScores(bg, p.EntryID, p.JudgeID, []store.Mark{{Criterion: "team", Value: value[p.EntryID]}}, true); err != nil {
			t.Fatal(err)
		}
	}

	org := f.client(model.RoleOrganizer)
	cpath := "/contests/" + itoa(int(c.ID))
	// refused posts a form and expects a redirect whose page says msg, and
	// the contest still in state at round 1 with every entry in round 1.
	refused := func(path string, v url.Values, msg, state string) {
		t.Helper()
		resp, body := f.postForm(org, path, v)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s %v: %d %s", path, v, resp.StatusCode, body)
		}
		if _, body = f.do(org, "GET", resp.Header.Get("Location"), "", ""); !strings.Contains(body, msg) {
			t.Fatalf("%s %v: no %q on %s:\n%s", path, v, msg, resp.Header.Get("Location"), body)
		}
		got, _ := db.ContestByID(bg, c.ID)
		if got.State != state || got.Round != 1 {
			t.Fatalf("%s %v changed the contest: %s round %d", path, v, got.State, got.Round)
		}
		for _, id := range es {
			if e, _ := db.EntryByID(bg, id); e.Round != 1 {
				t.Fatalf("%s %v advanced entry %d", path, v, id)
			}
		}
	}
	refused(cpath+"/advance", url.Values{"round": {"1"}, "n": {"2"}}, "Close the round before advancing", store.ContestJudging)
	if resp, _ := f.postForm(org, cpath+"/close", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", resp.StatusCode)
	}
	resp, body := f.do(org, "GET", cpath+"/review", "", "")
	if resp.StatusCode != 200 || !strings.Contains(body, "Round 1 of 2: ") || !strings.Contains(body, "Screening") ||
		!strings.Contains(body, `id="advance-top"`) || strings.Contains(body, `id="select-top"`) ||
		!strings.Contains(body, `name="n" inputmode="numeric" min="1" max="3" value="1"`) || !strings.Contains(body, `name="round" value="1"`) {
		t.Fatalf("review of the screening: %d\n%s", resp.StatusCode, body)
	}
	for _, n := range []string{"0", "4", "two", ""} {
		refused(cpath+"/advance", url.Values{"round": {"1"}, "n": {n}}, "Choose how many entries go on", store.ContestClosed)
	}
	refused(cpath+"/advance", url.Values{"round": {"2"}, "n": {"2"}}, "moved on since this page was loaded", store.ContestClosed)
	refused(cpath+"/select", url.Values{"entry_id": {itoa(int(es[0]))}}, "This round is not the last", store.ContestClosed)
	f.setLocale(org, "zh")
	if _, body := f.do(org, "GET", cpath+"/review", "", ""); !strings.Contains(body, "第 1 轮（共 2 轮）") || !strings.Contains(body, "初赛") || !strings.Contains(body, "晋级数量") {
		t.Fatalf("zh review:\n%s", body)
	}
	f.setLocale(org, "en")

	// The top two go on; the engine assigns the final.
	resp, body = f.postForm(org, cpath+"/advance", url.Values{"round": {"1"}, "n": {"2"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != cpath+"/assignment" {
		t.Fatalf("advance: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	got, _ := db.ContestByID(bg, c.ID)
	e0, _ := db.EntryByID(bg, es[0])
	e1, _ := db.EntryByID(bg, es[1])
	e2, _ := db.EntryByID(bg, es[2])
	if got.Round != 2 || got.State != store.ContestJudging || e0.Round != 2 || e1.Round != 2 || e2.Round != 1 {
		t.Fatalf("after advancing: contest %s round %d; entries' rounds %d %d %d", got.State, got.Round, e0.Round, e1.Round, e2.Round)
	}
	pairs, _ := db.ContestAssignments(bg, c.ID)
	per := map[int64]int{}
	for _, p := range pairs {
		per[p.EntryID]++
		if p.EntryID == es[0] && p.JudgeID == j[2].ID {
			t.Fatal("the conflicted judge was assigned in the final")
		}
	}
	if len(pairs) != 4 || per[es[0]] != 2 || per[es[1]] != 2 {
		t.Fatalf("final's assignment %+v", pairs)
	}
	// The same form again is stale.
	resp, _ = f.postForm(org, cpath+"/advance", url.Values{"round": {"1"}, "n": {"2"}})
	if _, body := f.do(org, "GET", resp.Header.Get("Location"), "", ""); !strings.Contains(body, "moved on since this page was loaded") {
		t.Fatalf("second advance:\n%s", body)
	}
	if after, _ := db.ContestAssignments(bg, c.ID); len(after) != 4 {
		t.Fatalf("second advance changed the assignment: %+v", after)
	}
	if _, body := f.do(org, "GET", cpath, "", ""); !strings.Contains(body, "Round 2 of 2") || !strings.Contains(body, "not advanced past") {
		t.Fatalf("contest page in the final:\n%s", body)
	}
	if _, body := f.do(org, "GET", cpath+"/assignment", "", ""); !strings.Contains(body, "Gene chip") || strings.Contains(body, "Battery recycling") {
		t.Fatalf("the final's assignment page lists the entry left behind:\n%s", body)
	}

	// Judge b scored the third entry in the screening: that sheet is
	// locked; the judge's page says the final is being scored.
	jb := f.clientFor(j[1])
	if _, body := f.do(jb, "GET", cpath+"/judge", "", ""); !strings.Contains(body, `id="judge-round"`) || !strings.Contains(body, "You score: ") ||
		!strings.Contains(body, "Final") || !strings.Contains(body, "earlier round, locked") {
		t.Fatalf("judge's page in the final:\n%s", body)
	}
	spath := "/entries/" + itoa(int(es[2])) + "/score"
	if resp, body := f.do(jb, "GET", spath, "", ""); resp.StatusCode != 200 || !strings.Contains(body, `id="locked"`) || strings.Contains(body, `id="submit-scores"`) {
		t.Fatalf("round 1's sheet in the final: %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := f.postForm(jb, spath, url.Values{"score_team": {"10"}, "action": {"draft"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("rescoring round 1: %d", resp.StatusCode)
	}
	// Judge b judges the first entry in both rounds (judge c may not): the
	// final's sheet is open, the screening's, by ?round=1, locked.
	fpath := "/entries/" + itoa(int(es[0])) + "/score"
	if resp, body := f.do(jb, "GET", fpath, "", ""); resp.StatusCode != 200 || strings.Contains(body, `id="locked"`) || !strings.Contains(body, `id="submit-scores"`) {
		t.Fatalf("the final's sheet: %d\n%s", resp.StatusCode, body)
	}
	if resp, body := f.do(jb, "GET", fpath+"?round=1", "", ""); resp.StatusCode != 200 || !strings.Contains(body, `id="locked"`) || !strings.Contains(body, `value="9" disabled`) {
		t.Fatalf("the screening's sheet: %d\n%s", resp.StatusCode, body)
	}
	if _, body := f.do(jb, "GET", cpath+"/judge", "", ""); !strings.Contains(body, fpath+`?round=1"`) {
		t.Fatalf("no link to the screening's sheet:\n%s", body)
	}
	for _, p := range pairs {
		if err := db.SaveScores(bg, p.EntryID, p.JudgeID, []store.Mark{{Criterion: "team", Value: 10 - value[p.EntryID]/3}}, true); err != nil {
			t.Fatal(err)
		}
	}
	if resp, _ := f.postForm(org, cpath+"/close", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close the final: %d", resp.StatusCode)
	}
	_, body = f.do(org, "GET", cpath+"/review", "", "")
	if !strings.Contains(body, "Round 2 of 2") || !strings.Contains(body, `id="select-top"`) || strings.Contains(body, `id="advance-top"`) ||
		!strings.Contains(body, `<td class="earlier">9.00 / `) || !strings.Contains(body, `id="behind"`) || !strings.Contains(body, `<td class="earlier">6.00 / `) {
		t.Fatalf("review of the final:\n%s", body)
	}
	if _, rk := f.json(org, "GET", "/api/v1/contests/"+itoa(int(c.ID))+"/ranking", ""); !strings.Contains(rk, `"round":2`) || strings.Count(rk, `"entry_id"`) != 2 {
		t.Fatalf("the final's ranking by the API: %s", rk)
	}
	if i := strings.Index(body, `id="behind"`); !strings.Contains(body[i:], "Battery recycling") || !strings.Contains(body[i:], "2.00") {
		t.Fatalf("the entry left behind:\n%s", body[i:])
	}
	refused2 := func() {
		resp, _ := f.postForm(org, cpath+"/advance", url.Values{"round": {"2"}, "n": {"1"}})
		if _, body := f.do(org, "GET", resp.Header.Get("Location"), "", ""); !strings.Contains(body, "This is the last round") {
			t.Fatalf("advance after the final:\n%s", body)
		}
	}
	refused2()
	// Owners see how far they went only once the results are published.
	ppath := func(i int) string {
		e, _ := db.EntryByID(bg, es[i])
		return "/projects/" + itoa(int(e.ProjectID)) + "/contests"
	}
	owner := f.client(model.RoleTalent)
	if _, body := f.do(owner, "GET", ppath(0), "", ""); strings.Contains(body, "Reached") {
		t.Fatalf("reach shown before publishing:\n%s", body)
	}
	if resp, _ := f.postForm(org, cpath+"/select", url.Values{"entry_id": {itoa(int(es[0]))}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("select: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(org, cpath+"/publish", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	if e, _ := db.EntryByID(bg, es[0]); e.Status != model.EntrySelected {
		t.Fatalf("selection: %s", e.Status)
	}
	if _, body := f.do(owner, "GET", ppath(0), "", ""); !strings.Contains(body, "Reached: ") || !strings.Contains(body, "Final") || !strings.Contains(body, " · Round 2 of 2") {
		t.Fatalf("the finalist's page:\n%s", body)
	}
	third := f.clientFor(owners[2])
	f.setLocale(third, "en")
	if _, body := f.do(third, "GET", ppath(2), "", ""); !strings.Contains(body, "Not advanced past: ") || !strings.Contains(body, "Screening") || !strings.Contains(body, " · Round 1 of 2") {
		t.Fatalf("the page of the entry left behind:\n%s", body)
	}
	f.setLocale(third, "zh")
	if _, body := f.do(third, "GET", ppath(2), "", ""); !strings.Contains(body, "未晋级，止步于") || !strings.Contains(body, "初赛") {
		t.Fatalf("zh page of the entry left behind:\n%s", body)
	}
	log, _ := db.AuditEntries(bg, 100)
	audited := false
	for _, a := range log {
		audited = audited || a.Action == "contest.advance" && a.UserID != nil && *a.UserID == orgU.ID
	}
	if !audited {
		t.Fatal("the advance is not audited")
	}
}

package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

func init() {
	expect(map[string]string{
		"GET /contests":                       "organizer judge talent delegation",
		"GET /contests/new":                   "organizer",
		"POST /contests":                      "organizer",
		"GET /contests/{id}":                  "organizer judge talent delegation",
		"GET /contests/{id}/edit":             "organizer",
		"POST /contests/{id}/edit":            "organizer",
		"POST /contests/{id}/judges":          "organizer",
		"POST /contests/{id}/assign":          "organizer",
		"GET /contests/{id}/assignment":       "organizer",
		"POST /contests/{id}/assignment":      "organizer",
		"POST /contests/{id}/close":           "organizer",
		"GET /contests/{id}/review":           "organizer",
		"POST /contests/{id}/advance":         "organizer",
		"POST /contests/{id}/select":          "organizer",
		"POST /contests/{id}/publish":         "organizer",
		"POST /contests/{id}/contacts":        "organizer",
		"GET /my/projects":                    "talent delegation",
		"POST /my/projects":                   "talent delegation",
		"GET /projects/{id}/contests":         "talent delegation organizer",
		"POST /contests/{id}/enter":           "talent delegation",
		"POST /entries/{id}/withdraw":         "talent delegation",
		"GET /contests/{id}/judge":            "judge",
		"GET /entries/{id}/score":             "judge",
		"POST /entries/{id}/score":            "judge",
		"POST /entries/{id}/conflict":         "judge",
		"POST /contests/{id}/conflicts":       "judge",
		"GET /policies":                       "organizer",
		"POST /policies":                      "organizer",
		"GET /policies/{id}":                  "organizer",
		"GET /api/v1/contests/{id}/ranking":   "organizer",
		"PUT /api/v1/entries/{id}/scores":     "judge",
		"POST /api/v1/policies":               "organizer",
		"GET /api/v1/projects/{id}/policies":  "talent delegation organizer",
		"POST /projects/{id}/withdraw":        "talent delegation organizer",
		"POST /api/v1/projects/{id}/withdraw": "talent delegation organizer",
	})
}

var idIn = regexp.MustCompile(`/(?:contests|projects|entries|policies)/(\d+)`)

// lastID is the id in a redirect's Location.
func lastID(t *testing.T, resp *http.Response) string {
	t.Helper()
	m := idIn.FindStringSubmatch(resp.Header.Get("Location"))
	if m == nil {
		t.Fatalf("no id in redirect %q (status %d)", resp.Header.Get("Location"), resp.StatusCode)
	}
	return m[1]
}

// TestContestFlow walks a contest over HTTP: an owner creates a project and
// enters it (twice: refused), the organizer sets up the contest, invites
// four judges, marks one conflicted, assigns automatically (three judges,
// none conflicted), judges score (range refused, never seeing each other's
// marks), the organizer closes (scores then refused), reviews, selects and
// publishes; the owner sees the grant policy met, with the reason.
func TestContestFlow(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) { testContestFlow(t, b.Open(t)) })
	}
}

func testContestFlow(t *testing.T, db *store.DB) {
	f := newFixture(t, db)
	org, owner := f.client(model.RoleOrganizer), f.client(model.RoleTalent)
	// Judges: the fixture's and three more.
	judges := []model.User{f.users[model.RoleJudge]}
	for _, n := range []string{"b", "c", "d"} {
		u := model.User{Email: "judge-" + n + "@test.example", Name: "Judge " + n, Role: model.RoleJudge, Locale: "en"}
		if err := db.CreateUser(bg, &u, testHash); err != nil {
			t.Fatal(err)
		}
		judges = append(judges, u)
	}

	resp, body := f.postForm(owner, "/my/projects", url.Values{"title": {"Quantum sensor start-up"}, "stage": {"prototype"}, "field": {"Physics"}, "funding_sought": {"2000000"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create project: %d %s", resp.StatusCode, body)
	}
	project := lastID(t, resp)
	// A second owner's project, so there are two entries to rank.
	other := storetest.MustRegister(t, db, "other@test.example", model.RoleTalent)
	p2 := model.Project{EditionID: f.edition.ID, Source: model.SourceTalent, OwnerUserID: &other.ID, Title: "Battery recycling", Stage: "idea"}
	if err := db.CreateProject(bg, &p2); err != nil {
		t.Fatal(err)
	}

	resp, body = f.postForm(org, "/contests", url.Values{"name": {"Chunhui Cup"}, "name_zh": {"春晖杯"}, "tracks": {"Deep tech"}, "k": {"3"}, "select_n": {"1"},
		"rubric": {"team | Team | 团队 | 0.5 | 10 | 3=founders only; 9=proven\nmarket | Market | 市场 | 0.5 | 10"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create contest: %d %s", resp.StatusCode, body)
	}
	contest := lastID(t, resp)
	cpath := "/contests/" + contest
	// A bad rubric is refused with the form again.
	if resp, _ := f.postForm(org, "/contests", url.Values{"name": {"X"}, "k": {"3"}, "rubric": {"team | Team"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad rubric: %d", resp.StatusCode)
	}
	for _, j := range judges {
		if resp, _ := f.postForm(org, cpath+"/judges", url.Values{"email": {j.Email}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite: %d", resp.StatusCode)
		}
	}
	// The owner enters once; the second time is refused.
	if resp, body := f.postForm(owner, cpath+"/enter", url.Values{"project_id": {project}, "track": {"deep-tech"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("enter: %d %s", resp.StatusCode, body)
	}
	f.postForm(owner, cpath+"/enter", url.Values{"project_id": {project}, "track": {"deep-tech"}})
	if _, body := f.do(owner, "GET", cpath, "", ""); !strings.Contains(body, "already entered") {
		t.Fatalf("second entry not refused: %s", body)
	}
	if _, err := db.EnterContest(bg, mustAtoi(t, contest), p2.ID, other.ID, "deep-tech"); err != nil {
		t.Fatal(err)
	}
	es, _ := db.ContestEntries(bg, mustAtoi(t, contest))
	if len(es) != 2 {
		t.Fatalf("%d entries", len(es))
	}
	mine := es[0]
	// Judge d has a conflict with the owner's entry.
	if resp, _ := f.postForm(org, cpath+"/assignment", url.Values{"op": {"conflict"}, "entry_id": {itoa(int(mine.ID))}, "judge_id": {itoa(int(judges[3].ID))}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark conflict: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(org, cpath+"/assign", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign: %d", resp.StatusCode)
	}
	pairs, _ := db.ContestAssignments(bg, mustAtoi(t, contest))
	per := map[int64][]int64{}
	for _, p := range pairs {
		per[p.EntryID] = append(per[p.EntryID], p.JudgeID)
	}
	if len(per[mine.ID]) != 3 {
		t.Fatalf("owner's entry has judges %v", per[mine.ID])
	}
	for _, j := range per[mine.ID] {
		if j == judges[3].ID {
			t.Fatal("the conflicted judge was assigned")
		}
	}
	if _, body := f.do(org, "GET", cpath+"/assignment", "", ""); !strings.Contains(body, "balanced") {
		t.Fatalf("assignment page: %s", body)
	}
	// Judges score the owner's entry; the first sends 11 (refused) first.
	var jc []*http.Client
	for _, j := range per[mine.ID] {
		for i, u := range judges {
			if u.ID == j {
				jc = append(jc, f.clientFor(judges[i]))
			}
		}
	}
	spath := "/entries/" + itoa(int(mine.ID)) + "/score"
	if resp, body := f.postForm(jc[0], spath, url.Values{"score_team": {"11"}, "score_market": {"5"}, "action": {"draft"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "range") {
		t.Fatalf("score 11: %d", resp.StatusCode)
	}
	for i, c := range jc {
		v := url.Values{"score_team": {itoa(7 + i)}, "score_market": {itoa(6 + i)}, "comment_team": {"judge " + itoa(i)}, "action": {"submit"}}
		if resp, body := f.postForm(c, spath, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("judge %d: %d %s", i, resp.StatusCode, body)
		}
	}
	// A judge sees only their own comment.
	if _, body := f.do(jc[1], "GET", spath, "", ""); !strings.Contains(body, "judge 1") || strings.Contains(body, "judge 0") || strings.Contains(body, "judge 2") {
		t.Fatalf("judge 1 sees others' marks: %s", body)
	}
	// The conflicted judge cannot score it.
	if resp, _ := f.postForm(f.clientFor(judges[3]), spath, url.Values{"score_team": {"1"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("conflicted judge scoring: %d", resp.StatusCode)
	}
	// Every judge scores the other entry's draft, then the organizer runs the
	// assignment again: scored pairs stay and count toward k, so each entry
	// still has exactly three judges.
	other2 := es[1].ID
	for _, j := range per[other2] {
		if err := db.SaveScores(bg, other2, j, []store.Mark{{Criterion: "team", Value: 6}}, false); err != nil {
			t.Fatal(err)
		}
	}
	// A fifth judge joins first, so the engine has other choices.
	fifth := model.User{Email: "judge-e@test.example", Name: "Judge e", Role: model.RoleJudge, Locale: "en"}
	if err := db.CreateUser(bg, &fifth, testHash); err != nil {
		t.Fatal(err)
	}
	if resp, _ := f.postForm(org, cpath+"/judges", url.Values{"email": {fifth.Email}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("invite the fifth: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(org, cpath+"/assign", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign again: %d", resp.StatusCode)
	}
	again, _ := db.ContestAssignments(bg, mustAtoi(t, contest))
	count := map[int64]int{}
	for _, p := range again {
		count[p.EntryID]++
	}
	if count[mine.ID] != 3 || count[other2] != 3 {
		t.Fatalf("after a second run: %v", count)
	}
	// The review is refused before the close; close; scores then refused.
	if resp, _ := f.do(org, "GET", cpath+"/review", "", ""); resp.StatusCode != http.StatusConflict {
		t.Fatalf("review before the close: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(org, cpath+"/close", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(jc[0], spath, url.Values{"score_team": {"1"}, "action": {"draft"}}); resp.StatusCode != http.StatusConflict {
		t.Fatalf("score after close: %d", resp.StatusCode)
	}
	resp, body = f.do(org, "GET", cpath+"/review", "", "")
	if resp.StatusCode != 200 || !strings.Contains(body, `id="kendall-w"`) || !strings.Contains(body, "Raw rank") {
		t.Fatalf("review: %d %s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `aria-label="Select" checked`) {
		t.Fatal("the top entry is not proposed")
	}
	// By threshold: nothing scores 100; a bad threshold is refused.
	if _, body := f.do(org, "GET", cpath+"/review?min=100", "", ""); strings.Contains(body, `aria-label="Select" checked`) {
		t.Fatal("an entry below the threshold is proposed")
	}
	if resp, _ := f.do(org, "GET", cpath+"/review?min=lots", "", ""); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad threshold: %d", resp.StatusCode)
	}
	_, rk := f.json(org, "GET", "/api/v1/contests/"+contest+"/ranking", "")
	var ranking struct {
		Entries []struct {
			EntryID int64 `json:"entry_id"`
			Rank    int   `json:"rank"`
		} `json:"entries"`
	}
	if err := json.Unmarshal([]byte(rk), &ranking); err != nil || len(ranking.Entries) != 2 || ranking.Entries[0].EntryID != mine.ID {
		t.Fatalf("ranking %s %v", rk, err)
	}
	// Owners see no scores before they are published.
	ppath := "/projects/" + project + "/contests"
	if _, body := f.do(owner, "GET", ppath, "", ""); strings.Contains(body, "judge 0") {
		t.Fatal("owner sees unpublished scores")
	}
	// The grant policy; a bad rule is refused.
	if resp, body := f.json(org, "POST", "/api/v1/policies", `{"subject":"project","name":"Grant","rules":[{"field":"project.colour","op":"eq","value":"red"}]}`); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("unknown field: %d %s", resp.StatusCode, body)
	}
	if resp, body := f.postForm(org, "/policies", url.Values{"name": {"Innovative plan grant"}, "name_zh": {"创新计划资助"}, "subject": {"project"}, "amount_yuan": {"3000000"},
		"rule_field_1": {"entry.result"}, "rule_op_1": {"eq"}, "rule_value_1": {"selected"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("policy: %d %s", resp.StatusCode, body)
	}
	if _, body := f.do(owner, "GET", ppath, "", ""); !strings.Contains(body, "needs: selected in a contest; has: entered") {
		t.Fatalf("policy before selection: %s", body)
	}
	if resp, _ := f.postForm(org, cpath+"/select", url.Values{"entry_id": {itoa(int(mine.ID))}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("select: %d", resp.StatusCode)
	}
	if resp, _ := f.postForm(org, cpath+"/publish", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	// The report's figures: per track, selected, grant-eligible projects and their sum.
	if _, body := f.do(org, "GET", cpath+"/review", "", ""); !strings.Contains(body, "Innovative plan grant: 1 projects meet it · ¥3000000") ||
		!strings.Contains(body, "<td>Deep tech</td><td>2</td><td>1</td>") {
		t.Fatalf("figures: %s", body)
	}
	_, body = f.do(owner, "GET", ppath, "", "")
	if !strings.Contains(body, "meets: selected in a contest") || !strings.Contains(body, "judge 0") {
		t.Fatalf("project page after selection: %s", body)
	}
	f.setLocale(owner, "zh")
	if _, body := f.do(owner, "GET", ppath, "", ""); !strings.Contains(body, "符合：大赛入选") {
		t.Fatalf("zh reason missing: %s", body)
	}
	c, _ := db.ContestByID(bg, mustAtoi(t, contest))
	if c.DecidedBy == nil || *c.DecidedBy != f.users[model.RoleOrganizer].ID {
		t.Fatalf("decided by %v", c.DecidedBy)
	}
	// The selected project goes to docking: an enterprise finds it (and not
	// the unselected one) on its negotiation request and asks to meet it.
	ent := f.client(model.RoleEnterprise)
	_, body = f.do(ent, "GET", "/dockings/request", "", "")
	if !strings.Contains(body, "Quantum sensor start-up") || strings.Contains(body, "Battery recycling") {
		t.Fatalf("the enterprise's request form:\n%s", body)
	}
	resp, body = f.postForm(ent, "/dockings/request", url.Values{"project_id": {project}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/dockings/") {
		t.Fatalf("request to meet the selected project: %d %s", resp.StatusCode, body)
	}
	cards, err := db.DockingRows(bg, store.DockingFilter{EditionID: f.edition.ID})
	if err != nil || len(cards) != 1 || cards[0].ProjectID != mustAtoi(t, project) {
		t.Fatalf("dockings %+v %v", cards, err)
	}
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}

// clientFor is f.client for any account.
func (f *fixture) clientFor(u model.User) *http.Client {
	f.t.Helper()
	f.users["judge-tmp"] = u
	defer delete(f.users, "judge-tmp")
	return f.client("judge-tmp")
}

// contestWorlds: per API world, the ids its contests' GET routes are
// called with (seeded once: a closed contest with scores, the talent's
// project entered in it, a grant policy).
var contestWorlds = map[*apiWorld]map[string]int64{}

// contestWorld seeds the API world's contest the first time it is asked.
func contestWorld(w *apiWorld) map[string]int64 {
	if ids, ok := contestWorlds[w]; ok {
		return ids
	}
	t, db := w.t, w.db
	org, tal := w.users[model.RoleOrganizer], w.users[model.RoleTalent]
	p := model.Project{EditionID: w.edition.ID, Source: model.SourceTalent, OwnerUserID: &tal.ID, Title: "Quantum sensor", Field: "Physics", Stage: "prototype"}
	if err := db.CreateProject(bg, &p); err != nil {
		t.Fatal(err)
	}
	c := store.Contest{EditionID: w.edition.ID, Name: "Chunhui Cup", K: 1, SelectN: 1,
		Rubric: []store.Criterion{{Key: "team", Name: "Team", Weight: 1, Max: 10}}}
	if err := db.CreateContest(bg, &c, org.ID); err != nil {
		t.Fatal(err)
	}
	judge := w.users[model.RoleJudge]
	e, err := db.EnterContest(bg, c.ID, p.ID, tal.ID, "")
	if err == nil {
		err = db.AddJudge(bg, c.ID, judge.ID, org.ID)
	}
	if err == nil {
		err = db.SaveAssignment(bg, c.ID, []store.Pair{{EntryID: e.ID, JudgeID: judge.ID}}, org.ID)
	}
	if err == nil {
		err = db.SaveScores(bg, e.ID, judge.ID, []store.Mark{{Criterion: "team", Value: 8, Comment: "strong"}}, true)
	}
	if err == nil {
		err = db.CloseRound(bg, c.ID, org.ID)
	}
	if err == nil {
		pol := store.Policy{EditionID: w.edition.ID, Subject: "project", Name: "Grant", AmountYuan: 3_000_000,
			Rules: []judging.Rule{{Field: "entry.result", Op: "eq", Value: json.RawMessage(`"selected"`)}}}
		err = db.CreatePolicy(bg, &pol, org.ID)
	}
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{"/api/v1/contests/{id}/ranking": c.ID, "/api/v1/projects/{id}/policies": p.ID}
	contestWorlds[w] = ids
	return ids
}

// TestDelegationEntersContest: a delegation member creates the
// delegation's project and enters it; another member of another
// organization cannot see it.
func TestDelegationEntersContest(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		org, del := f.client(model.RoleOrganizer), f.client(model.RoleDelegation)
		resp, body := f.postForm(org, "/contests", url.Values{"name": {"Intelligence and Future"}, "k": {"3"}, "rubric": {"team | Team | 团队 | 1 | 10"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("contest: %d %s", resp.StatusCode, body)
		}
		contest := lastID(t, resp)
		resp, body = f.postForm(del, "/my/projects", url.Values{"title": {"Provincial battery plant"}, "stage": {"growth"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("project: %d %s", resp.StatusCode, body)
		}
		project := lastID(t, resp)
		p, err := db.LoadProject(bg, mustAtoi(t, project))
		if err != nil || p.OrgID == nil || *p.OrgID != *f.users[model.RoleDelegation].OrgID || p.Source != model.SourceDelegation {
			t.Fatalf("project %+v %v", p, err)
		}
		if resp, body := f.postForm(del, "/contests/"+contest+"/enter", url.Values{"project_id": {project}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("enter: %d %s", resp.StatusCode, body)
		}
		if _, body := f.do(del, "GET", "/contests", "", ""); !strings.Contains(body, "Provincial battery plant") {
			t.Fatalf("the delegation's entries: %s", body)
		}
		// The talent (no member of the delegation) neither sees nor enters it.
		tal := f.client(model.RoleTalent)
		if resp, _ := f.do(tal, "GET", "/projects/"+project+"/contests", "", ""); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("talent sees the delegation's project: %d", resp.StatusCode)
		}
		if _, err := db.EnterContest(bg, mustAtoi(t, contest), p.ID, f.users[model.RoleTalent].ID, ""); model.ErrorCode(err) != model.NotFound {
			t.Fatalf("talent entering the delegation's project: %v", err)
		}
	})
}

// TestWithdrawProject: the project's page withdraws it (someone else's
// withdrawal is not found), the page then says so and offers no second
// withdrawal, the API answers 409 to a second one, and the project enters
// no contest.
func TestWithdrawProject(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		org, tal, del := f.client(model.RoleOrganizer), f.client(model.RoleTalent), f.client(model.RoleDelegation)
		resp, body := f.postForm(org, "/contests", url.Values{"name": {"Chunhui Cup"}, "k": {"1"}, "rubric": {"team | Team | 团队 | 1 | 10"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("contest: %d %s", resp.StatusCode, body)
		}
		contest := lastID(t, resp)
		resp, body = f.postForm(tal, "/my/projects", url.Values{"title": {"Solid-state battery"}, "stage": {"prototype"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("project: %d %s", resp.StatusCode, body)
		}
		project := lastID(t, resp)
		page := "/projects/" + project + "/contests"
		if _, body := f.do(tal, "GET", page, "", ""); !strings.Contains(body, `id="project-withdraw"`) {
			t.Fatalf("no withdraw form on the owner's page")
		}
		if resp, _ := f.postForm(del, "/projects/"+project+"/withdraw", url.Values{}); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another owner withdraws: %d", resp.StatusCode)
		}
		if resp, _ := f.postForm(tal, "/projects/"+project+"/withdraw", url.Values{}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page {
			t.Fatalf("withdraw: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, body = f.do(tal, "GET", page, "", "")
		if !strings.Contains(body, `id="project-withdrawn"`) || strings.Contains(body, `id="project-withdraw"`) {
			t.Fatalf("the page after withdrawal:\n%s", body)
		}
		if resp, body := f.json(tal, "POST", "/api/v1/projects/"+project+"/withdraw", ""); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "withdrawn") {
			t.Fatalf("second withdrawal: %d %s", resp.StatusCode, body)
		}
		if _, err := db.EnterContest(bg, mustAtoi(t, contest), mustAtoi(t, project), f.users[model.RoleTalent].ID, ""); model.ErrorCode(err) != model.Conflict {
			t.Fatalf("entering a withdrawn project: %v", err)
		}
	})
}

// TestContestEdit: the organizer's edit form, reached from the contest's
// page, comes filled with the saved set-up; bad input shows every problem
// and changes nothing; a good edit saves; removing a track an entry is in
// is refused with a clear message and changes nothing; once judging has
// started the set-up is locked. On both databases.
func TestContestEdit(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		org := f.client(model.RoleOrganizer)
		resp, body := f.postForm(org, "/contests", url.Values{"name": {"Chunhui Cup"}, "name_zh": {"春晖杯"}, "tracks": {"Deep tech, Biomedicine"},
			"k": {"3"}, "select_n": {"5"}, "opens_at": {"2026-01-10"}, "closes_at": {"2026-12-31"},
			"rubric": {"team | Team | 团队 | 0.5 | 10 | 3=founders only; 9=proven\nmarket | Market | 市场 | 0.5 | 10"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create contest: %d %s", resp.StatusCode, body)
		}
		id := lastID(t, resp)
		cpath := "/contests/" + id
		if _, body = f.do(org, "GET", cpath, "", ""); !strings.Contains(body, `href="`+cpath+`/edit"`) {
			t.Fatalf("no edit link on the organizer's page:\n%s", body)
		}
		resp, body = f.do(org, "GET", cpath+"/edit", "", "")
		for _, want := range []string{`action="` + cpath + `/edit"`, `value="Chunhui Cup"`, `value="春晖杯"`, `value="Deep tech, Biomedicine"`,
			`value="2026-01-10"`, `value="2026-12-31"`, `name="select_n" value="5"`, "team | Team | 团队 | 0.5 | 10 | 3=founders only; 9=proven"} {
			if resp.StatusCode != 200 || !strings.Contains(body, want) {
				t.Fatalf("edit form lacks %q: %d\n%s", want, resp.StatusCode, body)
			}
		}
		before, _ := db.ContestByID(bg, mustAtoi(t, id))
		// Every problem at once; nothing changed.
		resp, body = f.postForm(org, cpath+"/edit", url.Values{"name": {""}, "k": {"0"}, "rubric": {"team | Team"}, "opens_at": {"2026-05-01"}, "closes_at": {"2026-04-01"}, "select_n": {"9"}, "eligible": {"bogus"}})
		for _, msg := range []string{"Required.", "Check the rubric", "Out of the allowed range", "Entries must close after they open", "Choose one of the offered values"} {
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<p class="err">`+msg) {
				t.Fatalf("bad edit: %d, no problem %q\n%s", resp.StatusCode, msg, body)
			}
		}
		if after, _ := db.ContestByID(bg, mustAtoi(t, id)); after.SelectN != before.SelectN || after.Name != before.Name {
			t.Fatalf("bad edit changed the contest: %+v", after)
		}
		good := url.Values{"name": {"Chunhui Cup 2026"}, "name_zh": {"春晖杯"}, "tracks": {"Deep tech, Biomedicine, Green"}, "k": {"2"}, "select_n": {"7"},
			"opens_at": {"2026-01-10"}, "closes_at": {"2026-12-31"}, "eligible": {"talent", "delegation"}, "rubric": {"team | Team | 团队 | 0.6 | 10 | 3=founders only\nmarket | Market | 市场 | 0.4 | 10"}}
		if resp, body = f.postForm(org, cpath+"/edit", good); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("good edit: %d %s", resp.StatusCode, body)
		}
		c, _ := db.ContestByID(bg, mustAtoi(t, id))
		if _, body = f.do(org, "GET", cpath+"/edit", "", ""); !strings.Contains(body, `value="talent" checked`) || !strings.Contains(body, `value="delegation" checked`) || strings.Contains(body, `value="contest" checked`) {
			t.Fatalf("eligibility not pre-filled:\n%s", body)
		}
		if c.Name != "Chunhui Cup 2026" || len(c.Eligible) != 2 || c.SelectN != 7 || c.K != 2 || len(c.Tracks) != 3 || c.Rubric[0].Weight != 0.6 || c.State != store.ContestEntry {
			t.Fatalf("after edit: %+v", c)
		}
		// An entry in Biomedicine: that track may not go.
		tal := f.users[model.RoleTalent]
		p := model.Project{EditionID: f.edition.ID, Source: model.SourceTalent, OwnerUserID: &tal.ID, Title: "Gene chip", Field: "Biomedicine", Stage: "idea"}
		if err := db.CreateProject(bg, &p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.EnterContest(bg, c.ID, p.ID, tal.ID, "biomedicine"); err != nil {
			t.Fatal(err)
		}
		drop := url.Values{}
		for k, v := range good {
			drop[k] = v
		}
		drop.Set("tracks", "Deep tech")
		drop.Set("select_n", "3")
		resp, body = f.postForm(org, cpath+"/edit", drop)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "cannot be removed") {
			t.Fatalf("dropping a used track: %d\n%s", resp.StatusCode, body)
		}
		if c2, _ := db.ContestByID(bg, c.ID); c2.SelectN != 7 || len(c2.Tracks) != 3 {
			t.Fatalf("refused edit changed the contest: %+v", c2)
		}
		// Judging started: locked, with the reason on the contest's page.
		judge := f.users[model.RoleJudge]
		if err := db.AddJudge(bg, c.ID, judge.ID, f.users[model.RoleOrganizer].ID); err != nil {
			t.Fatal(err)
		}
		if resp, body = f.postForm(org, cpath+"/assign", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("assign: %d %s", resp.StatusCode, body)
		}
		if c2, _ := db.ContestByID(bg, c.ID); c2.State != store.ContestEntry {
			for _, path := range []string{cpath + "/edit"} {
				if resp, _ = f.do(org, "GET", path, "", ""); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("edit form while %s: %d", c2.State, resp.StatusCode)
				}
			}
			if resp, _ = f.postForm(org, cpath+"/edit", good); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("edit while %s: %d", c2.State, resp.StatusCode)
			}
			if _, body = f.do(org, "GET", cpath, "", ""); !strings.Contains(body, "can no longer change") || strings.Contains(body, `id="edit-contest"`) {
				t.Fatalf("locked contest page:\n%s", body)
			}
		} else {
			t.Fatalf("assignment left the contest in %s", c2.State)
		}
		// Others may not edit.
		if resp, _ = f.postForm(f.client(model.RoleTalent), cpath+"/edit", good); resp.StatusCode == http.StatusSeeOther || resp.StatusCode == 200 {
			t.Fatalf("talent edit: %d", resp.StatusCode)
		}
	})
}

// TestContestOwnerContacts: judges see an entry owner's contact details
// only while the organizer allows it; the switch is on the organizer's
// contest page. On both databases.
func TestContestOwnerContacts(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		orgU, tal, judge := f.users[model.RoleOrganizer], f.users[model.RoleTalent], f.users[model.RoleJudge]
		p := model.Project{EditionID: f.edition.ID, Source: model.SourceTalent, OwnerUserID: &tal.ID, Title: "Quantum sensor", Field: "Physics", Stage: "prototype"}
		if err := db.CreateProject(bg, &p); err != nil {
			t.Fatal(err)
		}
		c := store.Contest{EditionID: f.edition.ID, Name: "Chunhui Cup", K: 1, SelectN: 1, Rubric: []store.Criterion{{Key: "team", Name: "Team", Weight: 1, Max: 10}}}
		if err := db.CreateContest(bg, &c, orgU.ID); err != nil {
			t.Fatal(err)
		}
		e, err := db.EnterContest(bg, c.ID, p.ID, tal.ID, "")
		if err == nil {
			err = db.AddJudge(bg, c.ID, judge.ID, orgU.ID)
		}
		if err == nil {
			err = db.SaveAssignment(bg, c.ID, []store.Pair{{EntryID: e.ID, JudgeID: judge.ID}}, orgU.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		org, jc := f.client(model.RoleOrganizer), f.client(model.RoleJudge)
		cpath, spath := "/contests/"+itoa(int(c.ID)), "/entries/"+itoa(int(e.ID))+"/score"
		judgeSees := func() bool {
			t.Helper()
			resp, body := f.do(jc, "GET", spath, "", "")
			if resp.StatusCode != 200 || !strings.Contains(body, "Quantum sensor") {
				t.Fatalf("judge's sheet: %d\n%s", resp.StatusCode, body)
			}
			return strings.Contains(body, tal.Email) || strings.Contains(body, `id="owner-contact"`)
		}
		if judgeSees() {
			t.Fatal("contact shown before the organizer allowed it")
		}
		if _, body := f.do(org, "GET", cpath, "", ""); !strings.Contains(body, `id="show-contacts"`) {
			t.Fatalf("no switch on the organizer's page:\n%s", body)
		}
		if resp, body := f.postForm(org, cpath+"/contacts", url.Values{"show": {"on"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("switch on: %d %s", resp.StatusCode, body)
		}
		if !judgeSees() {
			t.Fatal("contact not shown once allowed")
		}
		f.setLocale(jc, "zh")
		if _, body := f.do(jc, "GET", spath, "", ""); !strings.Contains(body, "项目方联系方式") {
			t.Fatalf("zh label missing:\n%s", body)
		}
		f.setLocale(jc, "en")
		if resp, _ := f.postForm(jc, cpath+"/contacts", url.Values{"show": {"off"}}); resp.StatusCode == http.StatusSeeOther {
			t.Fatal("a judge switched it")
		}
		if resp, _ := f.postForm(org, cpath+"/contacts", url.Values{"show": {"off"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("switch off: %d", resp.StatusCode)
		}
		if judgeSees() {
			t.Fatal("contact shown after the organizer switched it off")
		}
	})
}

// TestContestPanelScores: on the scoring page a judge sees nothing of the
// other judges' scores while judging runs, and after the close sees them
// as Judge 1, Judge 2 without names. On both databases.
func TestContestPanelScores(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		orgU, tal, judge := f.users[model.RoleOrganizer], f.users[model.RoleTalent], f.users[model.RoleJudge]
		others := []model.User{mustUser(t, db, "zhang.judge@test.example", model.RoleJudge, nil), mustUser(t, db, "li.judge@test.example", model.RoleJudge, nil)}
		p := model.Project{EditionID: f.edition.ID, Source: model.SourceTalent, OwnerUserID: &tal.ID, Title: "Quantum sensor", Field: "Physics", Stage: "prototype"}
		if err := db.CreateProject(bg, &p); err != nil {
			t.Fatal(err)
		}
		c := store.Contest{EditionID: f.edition.ID, Name: "Chunhui Cup", K: 3, SelectN: 1, Rubric: []store.Criterion{{Key: "team", Name: "Team", NameZH: "团队", Weight: 1, Max: 10}}}
		if err := db.CreateContest(bg, &c, orgU.ID); err != nil {
			t.Fatal(err)
		}
		e, err := db.EnterContest(bg, c.ID, p.ID, tal.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		var pairs []store.Pair
		for _, j := range append([]model.User{judge}, others...) {
			if err := db.AddJudge(bg, c.ID, j.ID, orgU.ID); err != nil {
				t.Fatal(err)
			}
			pairs = append(pairs, store.Pair{EntryID: e.ID, JudgeID: j.ID})
		}
		if err := db.SaveAssignment(bg, c.ID, pairs, orgU.ID); err != nil {
			t.Fatal(err)
		}
		for i, j := range others {
			if err := db.SaveScores(bg, e.ID, j.ID, []store.Mark{{Criterion: "team", Value: 7 + i, Comment: "remark-" + itoa(i)}}, true); err != nil {
				t.Fatal(err)
			}
		}
		jc := f.client(model.RoleJudge)
		spath := "/entries/" + itoa(int(e.ID)) + "/score"
		resp, body := f.do(jc, "GET", spath, "", "")
		if resp.StatusCode != 200 || strings.Contains(body, `id="other-scores"`) || strings.Contains(body, "remark-") {
			t.Fatalf("others' scores before the close: %d\n%s", resp.StatusCode, body)
		}
		if err := db.CloseRound(bg, c.ID, orgU.ID); err != nil {
			t.Fatal(err)
		}
		resp, body = f.do(jc, "GET", spath, "", "")
		for _, want := range []string{`id="other-scores"`, "Judge 1 · Team: <strong>7</strong> — remark-0", "Judge 2 · Team: <strong>8</strong> — remark-1"} {
			if resp.StatusCode != 200 || !strings.Contains(body, want) {
				t.Fatalf("after the close, no %q: %d\n%s", want, resp.StatusCode, body)
			}
		}
		for _, o := range others {
			if strings.Contains(body, o.Email) || strings.Contains(body, o.Name) {
				t.Fatalf("a judge named: %s", o.Email)
			}
		}
		f.setLocale(jc, "zh")
		if _, body = f.do(jc, "GET", spath, "", ""); !strings.Contains(body, "评委 1 · 团队") {
			t.Fatalf("zh:\n%s", body)
		}
	})
}

// TestContestPreDeclare: before any assignment a judge sees the contest's
// entries by title only, declares a conflict with one, and the automatic
// assignment leaves them out of it; an entry of another contest is refused
// and nothing recorded. On both databases.
func TestContestPreDeclare(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		orgU, tal, judge := f.users[model.RoleOrganizer], f.users[model.RoleTalent], f.users[model.RoleJudge]
		other := mustUser(t, db, "wang.judge@test.example", model.RoleJudge, nil)
		rub := []store.Criterion{{Key: "team", Name: "Team", Weight: 1, Max: 10}}
		c := store.Contest{EditionID: f.edition.ID, Name: "Chunhui Cup", K: 1, SelectN: 1, Rubric: rub}
		c2 := store.Contest{EditionID: f.edition.ID, Name: "Overseas Cup", K: 1, SelectN: 1, Rubric: rub}
		for _, x := range []*store.Contest{&c, &c2} {
			if err := db.CreateContest(bg, x, orgU.ID); err != nil {
				t.Fatal(err)
			}
		}
		var entries []int64
		for i, title := range []string{"Quantum sensor", "Gene chip", "Elsewhere"} {
			owner := tal
			if i == 1 {
				owner = storetest.MustRegister(t, db, "second@talent.example", model.RoleTalent)
			}
			p := model.Project{EditionID: f.edition.ID, Source: model.SourceTalent, OwnerUserID: &owner.ID, Title: title, Field: "Physics", Stage: "idea"}
			if err := db.CreateProject(bg, &p); err != nil {
				t.Fatal(err)
			}
			cid := c.ID
			if i == 2 {
				cid = c2.ID
			}
			e, err := db.EnterContest(bg, cid, p.ID, owner.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, e.ID)
		}
		for _, j := range []model.User{judge, other} {
			if err := db.AddJudge(bg, c.ID, j.ID, orgU.ID); err != nil {
				t.Fatal(err)
			}
		}
		jc, org := f.client(model.RoleJudge), f.client(model.RoleOrganizer)
		home := "/contests/" + itoa(int(c.ID)) + "/judge"
		resp, body := f.do(jc, "GET", home, "", "")
		if resp.StatusCode != 200 || !strings.Contains(body, `id="other-entries"`) || !strings.Contains(body, "Quantum sensor") || !strings.Contains(body, "Gene chip") ||
			strings.Contains(body, "Elsewhere") || strings.Contains(body, tal.Email) {
			t.Fatalf("the judge's home: %d\n%s", resp.StatusCode, body)
		}
		e1 := itoa(int(entries[0]))
		if resp, body = f.postForm(jc, "/contests/"+itoa(int(c.ID))+"/conflicts", url.Values{"entry_id": {itoa(int(entries[2]))}}); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("another contest's entry: %d %s", resp.StatusCode, body)
		}
		if resp, body = f.postForm(jc, "/contests/"+itoa(int(c.ID))+"/conflicts", url.Values{"entry_id": {e1}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("pre-declare: %d %s", resp.StatusCode, body)
		}
		ks, _ := db.ContestConflicts(bg, c.ID)
		ks2, _ := db.ContestConflicts(bg, c2.ID)
		if len(ks) != 1 || ks[0].EntryID != entries[0] || ks[0].JudgeID != judge.ID || len(ks2) != 0 {
			t.Fatalf("conflicts %+v %+v", ks, ks2)
		}
		if _, body = f.do(jc, "GET", home, "", ""); !strings.Contains(body, `id="declared-`+e1+`"`) {
			t.Fatalf("declared not shown:\n%s", body)
		}
		if resp, body = f.postForm(org, "/contests/"+itoa(int(c.ID))+"/assign", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("assign: %d %s", resp.StatusCode, body)
		}
		pairs, _ := db.ContestAssignments(bg, c.ID)
		got := map[int64]int64{}
		for _, p := range pairs {
			if p.EntryID == entries[0] && p.JudgeID == judge.ID {
				t.Fatalf("the conflicted judge was assigned: %+v", pairs)
			}
			got[p.EntryID] = p.JudgeID
		}
		if got[entries[0]] != other.ID || len(pairs) != 2 {
			t.Fatalf("assignment %+v", pairs)
		}
	})
}

// A talent brings a project as a talent team's or as an expert program's
// (issue 13's owners), chooses on the form and may change it on the edit
// form; an unknown kind is refused with nothing saved; a delegation's
// project stays the delegation's.
func TestProjectKind(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		tal, del := f.client(model.RoleTalent), f.client(model.RoleDelegation)
		if _, page := f.do(tal, "GET", "/my/projects", "", ""); !strings.Contains(page, `name="kind"`) || !strings.Contains(page, `value="expert_program"`) {
			t.Fatalf("no kind on the talent's form")
		}
		if _, page := f.do(del, "GET", "/my/projects", "", ""); strings.Contains(page, `name="kind"`) {
			t.Fatalf("a delegation is offered a kind")
		}
		source := func(id string) model.ProjectSource {
			t.Helper()
			n, _ := strconv.ParseInt(id, 10, 64)
			p, err := f.db.LoadProject(bg, n)
			if err != nil {
				t.Fatal(err)
			}
			return p.Source
		}
		before, _ := f.db.ListProjects(bg, store.ProjectFilter{EditionID: f.edition.ID, Limit: 100})
		resp, body := f.postForm(tal, "/my/projects", url.Values{"title": {"Deep-sea robots"}, "stage": {"prototype"}, "kind": {"contest"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `name="kind"`) {
			t.Fatalf("unknown kind: %d", resp.StatusCode)
		}
		if after, _ := f.db.ListProjects(bg, store.ProjectFilter{EditionID: f.edition.ID, Limit: 100}); len(after) != len(before) {
			t.Fatalf("a refused project was saved")
		}
		resp, body = f.postForm(tal, "/my/projects", url.Values{"title": {"Deep-sea robots"}, "stage": {"prototype"}, "kind": {"expert_program"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("expert program: %d %s", resp.StatusCode, body)
		}
		id := lastID(t, resp)
		if s := source(id); s != model.SourceExpert {
			t.Fatalf("source %q, want expert_program", s)
		}
		if resp, body := f.postForm(tal, "/projects/"+id+"/edit", url.Values{"title": {"Deep-sea robots"}, "stage": {"prototype"}, "kind": {"talent"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", resp.StatusCode, body)
		}
		if s := source(id); s != model.SourceTalent {
			t.Fatalf("after the edit: source %q, want talent", s)
		}
		resp, _ = f.postForm(del, "/my/projects", url.Values{"title": {"Provincial park"}, "stage": {"growth"}, "kind": {"expert_program"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delegation's project: %d", resp.StatusCode)
		}
		if s := source(lastID(t, resp)); s != model.SourceDelegation {
			t.Fatalf("delegation's project became %q", s)
		}
	})
}

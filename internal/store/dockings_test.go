package store_test

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// dockWorld: a foreign (CIS) delegation with a project, a park with a
// member, an organizer, an outsider delegation and a talent.
type dockWorld struct {
	ed                        model.Edition
	deleg, deleg2, park, org  model.User
	tal                       model.User
	parkOrg, cisOrg, otherOrg int64
	project, talentProject    model.Project
}

func newDockWorld(t testing.TB, db *store.DB) dockWorld {
	t.Helper()
	var w dockWorld
	w.ed = storetest.MustEdition(t, db, "ocs-2017")
	w.deleg = storetest.MustRegister(t, db, "cis@deleg.example", model.RoleDelegation)
	w.cisOrg = *w.deleg.OrgID
	o, _ := db.Organization(ctx, w.cisOrg)
	o.Foreign, o.Province = true, "CIS"
	if err := db.UpdateOrganization(ctx, &o); err != nil {
		t.Fatal(err)
	}
	w.deleg2 = storetest.MustRegister(t, db, "gd@deleg.example", model.RoleDelegation)
	w.otherOrg = *w.deleg2.OrgID
	park := model.Organization{Kind: model.OrgPark, Name: "Nansha Park", Status: model.OrgApproved}
	if err := db.CreateOrganization(ctx, &park); err != nil {
		t.Fatal(err)
	}
	w.parkOrg = park.ID
	w.park = model.User{Email: "park@nansha.example", Name: "Park Officer", Role: model.RoleEnterprise, OrgID: &park.ID, Locale: "en"}
	if err := db.CreateUser(ctx, &w.park, "hash"); err != nil {
		t.Fatal(err)
	}
	w.org = model.User{Email: "org@convene.example", Name: "Organizer", Role: model.RoleOrganizer, Locale: "en"}
	if err := db.CreateUser(ctx, &w.org, "hash"); err != nil {
		t.Fatal(err)
	}
	w.tal = storetest.MustRegister(t, db, "lead@talent.example", model.RoleTalent)
	w.project = model.Project{EditionID: w.ed.ID, Source: model.SourceDelegation, OrgID: &w.cisOrg, Title: "Satellite imaging", Field: "Aerospace"}
	if err := db.CreateProject(ctx, &w.project); err != nil {
		t.Fatal(err)
	}
	w.talentProject = model.Project{EditionID: w.ed.ID, Source: model.SourceContest, OwnerUserID: &w.tal.ID, Title: "Battery start-up", Field: "New energy"}
	if err := db.CreateProject(ctx, &w.talentProject); err != nil {
		t.Fatal(err)
	}
	return w
}

// negotiate asks for a negotiation from the project side with the park
// and has the park accept: the docking stands at negotiation.
func negotiate(t *testing.T, db *store.DB, by model.User, projectID, orgID int64, accepter model.User) int64 {
	t.Helper()
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: by.ID, ProjectID: projectID, OrgID: orgID})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerMeetingRequest(ctx, r.ID, accepter.ID, true); err != nil {
		t.Fatal(err)
	}
	return *r.DockingID
}

func TestDockingsConformance(t *testing.T) {
	storetest.RunWith(t, newDockWorld, storetest.With[dockWorld]{
		"ProposeConfirm":    testDockingProposeConfirm,
		"Refusals":          testDockingRefusals,
		"ConcurrentConfirm": testDockingConcurrentConfirm,
		"BoardAndFunnel":    testDockingBoardFunnel,
		"Delegations":       testDelegations,
		"Exhibits":          testExhibits,
		"WithdrawnProject":  testWithdrawnProject,
		"OneSidedDecline":   testOneSidedDecline,
	})
}

func testDockingProposeConfirm(t *testing.T, db *store.DB, w dockWorld) {
	id := negotiate(t, db, w.deleg, w.project.ID, w.parkOrg, w.park)
	v, err := db.Docking(ctx, id, w.park.ID)
	if err != nil || v.Stage != model.DockNegotiation || v.Side != store.SideCounterpart {
		t.Fatalf("docking %+v %v", v, err)
	}
	// The park proposes a preliminary agreement; it names itself by default.
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.park.ID, Version: v.Version, Stage: "preliminary_agreement", Note: "enter phase 2"}); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.deleg.ID)
	if v.ProposedStage != "preliminary_agreement" || v.ProposedSide != store.SideCounterpart || v.Side != store.SideOwner {
		t.Fatalf("proposal %+v", v)
	}
	// The proposer cannot confirm their own proposal.
	if err := db.ConfirmStage(ctx, id, w.park.ID, v.Version); model.ErrorCode(err) != model.Forbidden {
		t.Fatalf("self-confirm: %v", err)
	}
	// A stale version is refused.
	if err := db.ConfirmStage(ctx, id, w.deleg.ID, v.Version-1); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("stale confirm: %v", err)
	}
	if err := db.ConfirmStage(ctx, id, w.deleg.ID, v.Version); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.org.ID)
	if v.Stage != model.DockPreliminary || v.ParkID != w.parkOrg || len(v.History) != 1 || v.ProposedStage != "" || v.Side != store.SideOrganizer {
		t.Fatalf("after confirm %+v", v)
	}
	if h := v.History[0]; h.From != "negotiation" || h.To != "preliminary_agreement" || h.Note != "enter phase 2" || h.ProposedBy != w.park.Name || h.RecordedBy != w.deleg.Name {
		t.Fatalf("history %+v", h)
	}
	// The organizer records a skip with a reason on their behalf.
	if err := db.RecordStage(ctx, store.StageInput{DockingID: id, ByUserID: w.org.ID, Version: v.Version, Stage: "contract_intention"}); model.FieldsOf(err)["note"] == "" {
		t.Fatalf("skip without reason: %v", err)
	}
	if err := db.RecordStage(ctx, store.StageInput{DockingID: id, ByUserID: w.org.ID, Version: v.Version, Stage: "contract_intention", Note: "signed letter at the desk"}); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.org.ID)
	if v.Stage != model.DockContract || len(v.History) != 2 || !v.History[1].OnBehalf {
		t.Fatalf("recorded %+v", v)
	}
	// Stalled keeps the stage; resuming at the same stage needs no reason.
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.deleg.ID, Version: v.Version, Stage: "stalled"}); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.park.ID)
	if err := db.ConfirmStage(ctx, id, w.park.ID, v.Version); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.park.ID)
	if !v.Stalled || v.Column() != "stalled" || v.Stage != model.DockContract {
		t.Fatalf("stalled %+v", v)
	}
	// Rejecting a proposal leaves the stage.
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.park.ID, Version: v.Version, Stage: "signed"}); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.park.ID)
	if err := db.RejectProposal(ctx, id, w.deleg.ID, v.Version); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.park.ID)
	if v.ProposedStage != "" || !v.Stalled || len(v.History) != 3 {
		t.Fatalf("rejected %+v", v)
	}
}

func testDockingRefusals(t *testing.T, db *store.DB, w dockWorld) {
	id := negotiate(t, db, w.deleg, w.project.ID, w.parkOrg, w.park)
	v, _ := db.Docking(ctx, id, w.park.ID)
	cases := []struct {
		name  string
		in    store.StageInput
		code  model.Code
		field string
	}{
		{"skip without reason", store.StageInput{ByUserID: w.park.ID, Stage: "cooperative_intention"}, model.Invalid, "note"},
		{"backwards without reason", store.StageInput{ByUserID: w.park.ID, Stage: "requested"}, model.Invalid, "note"},
		{"same stage", store.StageInput{ByUserID: w.park.ID, Stage: "negotiation"}, model.Invalid, "stage"},
		{"unknown stage", store.StageInput{ByUserID: w.park.ID, Stage: "lunch"}, model.Invalid, "stage"},
		{"park that is not a park", store.StageInput{ByUserID: w.park.ID, Stage: "preliminary_agreement", ParkOrgID: w.otherOrg}, model.Invalid, "park_org_id"},
		{"not a party", store.StageInput{ByUserID: w.deleg2.ID, Stage: "preliminary_agreement"}, model.NotFound, ""},
		{"organizer proposes", store.StageInput{ByUserID: w.org.ID, Stage: "preliminary_agreement"}, model.Forbidden, ""},
		{"stale page", store.StageInput{ByUserID: w.park.ID, Stage: "preliminary_agreement", Version: -1}, model.Conflict, ""},
	}
	for _, c := range cases {
		c.in.DockingID = id
		if c.in.Version == 0 {
			c.in.Version = v.Version
		}
		err := db.ProposeStage(ctx, c.in)
		if model.ErrorCode(err) != c.code || (c.field != "" && model.FieldsOf(err)[c.field] == "") {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	// Nothing was saved.
	after, _ := db.Docking(ctx, id, w.park.ID)
	if after.Version != v.Version || after.ProposedStage != "" || len(after.History) != 0 {
		t.Fatalf("refused moves saved: %+v", after)
	}
	// Another delegation does not see the docking, nor its notes.
	if _, err := db.Docking(ctx, id, w.deleg2.ID); !model.IsNotFound(err) {
		t.Fatalf("outsider reads docking: %v", err)
	}
	// Confirming without a proposal is a conflict.
	if err := db.ConfirmStage(ctx, id, w.deleg.ID, v.Version); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("confirm nothing: %v", err)
	}
	// A move out of a decline needs a reason.
	if err := db.RecordStage(ctx, store.StageInput{DockingID: id, ByUserID: w.org.ID, Version: v.Version, Stage: "declined"}); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.park.ID)
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.park.ID, Version: v.Version, Stage: "negotiation"}); model.FieldsOf(err)["note"] == "" {
		t.Fatalf("reopen without reason: %v", err)
	}
}

// Two members of the owner's side confirm the same proposal at once (and
// the counterpart proposes again meanwhile): one confirmation wins, one
// history line is written.
func testDockingConcurrentConfirm(t *testing.T, db *store.DB, w dockWorld) {
	second := model.User{Email: "cis2@deleg.example", Name: "Second member", Role: model.RoleDelegation, OrgID: &w.cisOrg, Locale: "en"}
	if err := db.CreateUser(ctx, &second, "hash"); err != nil {
		t.Fatal(err)
	}
	id := negotiate(t, db, w.deleg, w.project.ID, w.parkOrg, w.park)
	for round := range 4 {
		v, _ := db.Docking(ctx, id, w.park.ID)
		target := []string{"preliminary_agreement", "cooperative_intention", "contract_intention", "signed"}[round]
		if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.park.ID, Version: v.Version, Stage: target}); err != nil {
			t.Fatal(err)
		}
		v, _ = db.Docking(ctx, id, w.park.ID)
		confirm := func(by int64) func() error { return func() error { return db.ConfirmStage(ctx, id, by, v.Version) } }
		ok := wins(together(confirm(w.deleg.ID), confirm(second.ID), confirm(w.deleg.ID), confirm(second.ID)), t, model.Conflict)
		after, _ := db.Docking(ctx, id, w.org.ID)
		if ok != 1 || len(after.History) != round+1 || string(after.Stage) != target {
			t.Fatalf("round %d: %d confirmations succeeded, history %d, stage %s", round, ok, len(after.History), after.Stage)
		}
	}
}

func testDockingBoardFunnel(t *testing.T, db *store.DB, w dockWorld) {
	id := negotiate(t, db, w.deleg, w.project.ID, w.parkOrg, w.park)
	negotiate(t, db, w.tal, w.talentProject.ID, w.parkOrg, w.park)
	// The other delegation asks the talent's project: it becomes the counterpart.
	r, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.deleg2.ID, ProjectID: w.talentProject.ID})
	if err != nil {
		t.Fatal(err)
	}
	_ = r
	v, _ := db.Docking(ctx, id, w.park.ID)
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.park.ID, Version: v.Version, Stage: "preliminary_agreement"}); err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmStage(ctx, id, w.deleg.ID, v.Version+1); err != nil {
		t.Fatal(err)
	}
	count := func(cols []store.BoardColumn) map[string]int {
		m := map[string]int{}
		for _, c := range cols {
			m[c.Key] = c.Count
			if len(c.Cards) != c.Count {
				t.Fatalf("column %s: %d cards, count %d", c.Key, len(c.Cards), c.Count)
			}
		}
		return m
	}
	all, err := db.DockingBoard(ctx, store.DockingFilter{EditionID: w.ed.ID}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if m := count(all); m["preliminary_agreement"] != 1 || m["negotiation"] != 1 || m["requested"] != 1 {
		t.Fatalf("organizer board %v", m)
	}
	mine, _ := db.DockingBoard(ctx, store.DockingFilter{EditionID: w.ed.ID, Party: store.ScopeOf(&w.deleg)}, 10)
	if m := count(mine); m["preliminary_agreement"] != 1 || m["negotiation"] != 0 || m["requested"] != 0 {
		t.Fatalf("CIS board %v", m)
	}
	other, _ := db.DockingBoard(ctx, store.DockingFilter{EditionID: w.ed.ID, Party: store.ScopeOf(&w.deleg2)}, 10)
	if m := count(other); m["requested"] != 1 || m["preliminary_agreement"] != 0 {
		t.Fatalf("other delegation's board %v", m)
	}
	contest, _ := db.DockingBoard(ctx, store.DockingFilter{EditionID: w.ed.ID, Source: model.SourceContest, Fields: []string{"New energy"}}, 10)
	if m := count(contest); m["negotiation"] != 1 || m["requested"] != 1 || m["preliminary_agreement"] != 0 {
		t.Fatalf("filtered board %v", m)
	}
	// Filters take every spelling given, case aside; facets count the
	// dockings a party sees per stored spelling.
	spelled, _ := db.DockingBoard(ctx, store.DockingFilter{EditionID: w.ed.ID, Fields: []string{"new energy", "新能源"}}, 10)
	if m := count(spelled); m["negotiation"] != 1 || m["requested"] != 1 || m["preliminary_agreement"] != 0 {
		t.Fatalf("board by field spellings %v", m)
	}
	cis, _ := db.DockingBoard(ctx, store.DockingFilter{EditionID: w.ed.ID, Provinces: []string{"cis", ""}}, 10)
	if m := count(cis); m["preliminary_agreement"] != 1 || m["negotiation"] != 0 || m["requested"] != 0 {
		t.Fatalf("board by province %v", m)
	}
	for _, c := range []struct {
		name              string
		party             *store.DockingScope
		fields, provinces string
	}{
		{"organizer", nil, "New energy:2 Aerospace:1", "CIS:1"},
		{"CIS", store.ScopeOf(&w.deleg), "Aerospace:1", "CIS:1"},
		{"other delegation", store.ScopeOf(&w.deleg2), "New energy:1", ""},
	} {
		pf, err := db.DockingFacets(ctx, store.DockingFilter{EditionID: w.ed.ID, Party: c.party, Fields: []string{"Aerospace"}})
		if err != nil {
			t.Fatal(err)
		}
		say := func(l []store.FacetCount) string {
			var out []string
			for _, x := range l {
				out = append(out, x.Value+":"+strconv.Itoa(x.N))
			}
			return strings.Join(out, " ")
		}
		if say(pf.Fields) != c.fields || say(pf.Provinces) != c.provinces {
			t.Fatalf("%s facets %v %v, want %q %q", c.name, pf.Fields, pf.Provinces, c.fields, c.provinces)
		}
	}
	f, err := db.DockingFunnel(ctx, store.DockingFilter{EditionID: w.ed.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 2 || f[0].Source != model.SourceContest || f[1].DelegationID != w.cisOrg {
		t.Fatalf("funnel rows %+v", f)
	}
	if c := f[1]; c.Projects != 1 || c.Dockings != 1 || c.Reached[1] != 1 || c.Reached[2] != 1 || c.At["preliminary_agreement"] != 1 || c.Rate(2) != 1 {
		t.Fatalf("CIS funnel %+v", c)
	}
	if c := f[0]; c.Projects != 1 || c.Docked != 1 || c.Dockings != 2 || c.Reached[1] != 1 || c.Rate(1) != 0.5 {
		t.Fatalf("contest funnel %+v", c)
	}
	figs, err := db.DelegationsFigures(ctx, w.ed.ID, w.cisOrg)
	if err != nil || len(figs) != 1 || figs[0].Projects != 1 || figs[0].Agreements != 1 || figs[0].Negotiations != 1 {
		t.Fatalf("delegation figures %+v %v", figs, err)
	}
}

func testDelegations(t *testing.T, db *store.DB, w dockWorld) {
	in := store.InviteInput{OrgID: w.cisOrg, ByUserID: w.deleg.ID, Email: "Member@CIS.example", Name: "Member"}
	u, err := db.InviteMember(ctx, in, "hash")
	if err != nil || u.OrgID == nil || *u.OrgID != w.cisOrg {
		t.Fatalf("invite %+v %v", u, err)
	}
	if _, err := db.InviteMember(ctx, in, "hash"); model.FieldsOf(err)["email"] != "err.delegations.duplicate" {
		t.Fatalf("duplicate member: %v", err)
	}
	if _, err := db.InviteMember(ctx, store.InviteInput{OrgID: w.cisOrg, ByUserID: w.deleg.ID, Email: w.park.Email, Name: "X"}, "hash"); model.FieldsOf(err)["email"] == "" {
		t.Fatalf("another's address: %v", err)
	}
	// Only the lead invites.
	if _, err := db.InviteMember(ctx, store.InviteInput{OrgID: w.cisOrg, ByUserID: u.ID, Email: "x@cis.example", Name: "X"}, "hash"); model.ErrorCode(err) != model.Forbidden {
		t.Fatalf("member invites: %v", err)
	}
	ms, err := db.DelegationMembers(ctx, w.cisOrg)
	if err != nil || len(ms) != 2 || !ms[0].Lead || ms[0].ID != w.deleg.ID || ms[1].InvitedBy != w.deleg.Name {
		t.Fatalf("members %+v %v", ms, err)
	}
	all, err := db.DelegationsFigures(ctx, w.ed.ID, 0)
	if err != nil || len(all) != 2 || all[0].Province != "CIS" || all[0].Members != 2 {
		t.Fatalf("side by side %+v %v", all, err)
	}
	// One delegation's row (its own page's query, filtered early) is its
	// row of the side-by-side table.
	one, err := db.DelegationsFigures(ctx, w.ed.ID, w.cisOrg)
	if err != nil || len(one) != 1 || !reflect.DeepEqual(one[0], all[0]) {
		t.Fatalf("own %+v, side by side %+v, %v", one, all[0], err)
	}
}

func testExhibits(t *testing.T, db *store.DB, w dockWorld) {
	if _, err := db.CreateExhibit(ctx, store.ExhibitInput{HostOrgID: w.parkOrg, Title: "Orphan"}); model.FieldsOf(err)["owner_user_id"] == "" {
		t.Fatalf("exhibit without owner: %v", err)
	}
	id, err := db.CreateExhibit(ctx, store.ExhibitInput{HostOrgID: w.parkOrg, OwnerUserID: w.tal.ID, ProjectID: w.talentProject.ID,
		Title: "Solid-state battery prototype", TitleZH: "固态电池样机", Field: "New energy"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := db.Exhibits(ctx, store.ExhibitFilter{Query: "固态"})
	if err != nil || len(l) != 1 || l[0].ID != id {
		t.Fatalf("search %+v %v", l, err)
	}
	if l, _ := db.Exhibits(ctx, store.ExhibitFilter{Field: "Aerospace"}); len(l) != 0 {
		t.Fatalf("field filter %+v", l)
	}
	if _, err := db.RelayMessage(ctx, store.MessageInput{ExhibitID: id, FromName: "Park"}); model.FieldsOf(err)["body"] == "" {
		t.Fatalf("empty message: %v", err)
	}
	mid, err := db.RelayMessage(ctx, store.MessageInput{ExhibitID: id, FromUserID: w.park.ID, FromName: "Park Officer", Body: "We would host your pilot line."})
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := db.MessagesTo(ctx, w.tal.ID)
	if len(ms) != 1 || ms[0].Body != "We would host your pilot line." {
		t.Fatalf("messages %+v", ms)
	}
	if _, err := db.MessageToDocking(ctx, mid, w.park.ID); !model.IsNotFound(err) {
		t.Fatalf("not the owner: %v", err)
	}
	dock, err := db.MessageToDocking(ctx, mid, w.tal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MessageToDocking(ctx, mid, w.tal.ID); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("twice: %v", err)
	}
	v, err := db.Docking(ctx, dock, w.park.ID)
	if err != nil || v.Stage != model.DockRequested || v.ProjectID != w.talentProject.ID {
		t.Fatalf("docking from message %+v %v", v, err)
	}
}

// testWithdrawnProject: only the project's side (or an organizer) withdraws
// it, once, with one winner among many at once; a withdrawn project starts
// no docking and enters no contest; its earlier docking stays.
func testWithdrawnProject(t *testing.T, db *store.DB, w dockWorld) {
	before := negotiate(t, db, w.deleg, w.project.ID, w.parkOrg, w.park)
	if err := db.WithdrawProject(ctx, w.project.ID, w.deleg2.ID); model.ErrorCode(err) != model.NotFound {
		t.Fatalf("another delegation withdraws: %v", err)
	}
	if err := db.WithdrawProject(ctx, w.project.ID, w.park.ID); model.ErrorCode(err) != model.NotFound {
		t.Fatalf("the counterpart withdraws: %v", err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, lost := 0, 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.WithdrawProject(ctx, w.project.ID, w.deleg.ID)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case model.AsError(err) != nil && model.AsError(err).Key == "err.project.withdrawn":
				lost++
			default:
				t.Errorf("withdraw: %v", err)
			}
		}()
	}
	wg.Wait()
	if won != 1 || lost != 7 {
		t.Fatalf("%d withdrawals won, %d refused; want 1 and 7", won, lost)
	}
	p, err := db.LoadProject(ctx, w.project.ID)
	if err != nil || p.WithdrawnAt == nil {
		t.Fatalf("withdrawn project reads %+v %v", p, err)
	}
	other := model.Organization{Kind: model.OrgPark, Name: "Second Park", Status: model.OrgApproved}
	if err := db.CreateOrganization(ctx, &other); err != nil {
		t.Fatal(err)
	}
	member := model.User{Email: "m@second.example", Name: "Second", Role: model.RoleEnterprise, OrgID: &other.ID, Locale: "en"}
	if err := db.CreateUser(ctx, &member, "hash"); err != nil {
		t.Fatal(err)
	}
	_, err = db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: w.deleg.ID, ProjectID: w.project.ID, OrgID: other.ID})
	if me := model.AsError(err); me == nil || me.Key != "err.project.withdrawn" {
		t.Fatalf("negotiation for a withdrawn project: %v", err)
	}
	_, err = db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingNegotiation, ByUserID: member.ID, ProjectID: w.project.ID})
	if me := model.AsError(err); me == nil || me.Key != "err.project.withdrawn" {
		t.Fatalf("a counterpart asks for a withdrawn project: %v", err)
	}
	if v, err := db.Docking(ctx, before, w.park.ID); err != nil || v.ID != before {
		t.Fatalf("the earlier docking: %+v %v", v, err)
	}
	// The organizer may withdraw a talent's project; the talent then cannot enter it.
	if err := db.WithdrawProject(ctx, w.talentProject.ID, w.org.ID); err != nil {
		t.Fatal(err)
	}
	c := store.Contest{EditionID: w.ed.ID, Name: "Cup", K: 1, SelectN: 1,
		Rubric: []store.Criterion{{Key: "team", Name: "Team", Weight: 1, Max: 10}}}
	if err := db.CreateContest(ctx, &c, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.EnterContest(ctx, c.ID, w.talentProject.ID, w.tal.ID, ""); key(err) != "err.project.withdrawn" {
		t.Fatalf("entering a withdrawn project: %v", err)
	}
}

// testOneSidedDecline: either party walks away without the other's
// agreement: the decline applies at once, with its history line, and an
// open proposal goes with it; the organizer cannot "propose".
func testOneSidedDecline(t *testing.T, db *store.DB, w dockWorld) {
	id := negotiate(t, db, w.deleg, w.project.ID, w.parkOrg, w.park)
	v, _ := db.Docking(ctx, id, w.park.ID)
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.deleg.ID, Version: v.Version, Stage: "preliminary_agreement", ParkOrgID: w.parkOrg}); err != nil {
		t.Fatal(err)
	}
	v, _ = db.Docking(ctx, id, w.park.ID)
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.org.ID, Version: v.Version, Stage: "declined"}); model.ErrorCode(err) != model.Forbidden {
		t.Fatalf("organizer proposes a decline: %v", err)
	}
	if err := db.ProposeStage(ctx, store.StageInput{DockingID: id, ByUserID: w.park.ID, Version: v.Version, Stage: "declined", Note: "not our field"}); err != nil {
		t.Fatal(err)
	}
	after, err := db.Docking(ctx, id, w.deleg.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(after.Stage) != "declined" || after.ProposedStage != "" || len(after.History) != len(v.History)+1 {
		t.Fatalf("after a one-sided decline: stage %s, proposal %q, %d history lines (was %d)", after.Stage, after.ProposedStage, len(after.History), len(v.History))
	}
}

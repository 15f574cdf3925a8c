package store_test

import (
	"reflect"
	"sync"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestImportMembers: addresses already a member or taken by another
// account save nothing and are named by row; another kind of organization
// is refused; a good file adds accounts in the delegation, invited by the
// organizer, its lead row becoming the lead; without a lead row the lead
// stays; two imports of one file at once add it once.
func TestImportMembers(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			lead := storetest.MustRegister(t, db, "lead@cis.example", model.RoleDelegation)
			deleg := *lead.OrgID
			outsider := storetest.MustRegister(t, db, "head@other.example", model.RoleDelegation)
			org := model.User{Email: "organizer@ocs.example", Name: "The organizer", Role: model.RoleOrganizer, Locale: "en"}
			if err := db.CreateUser(ctx, &org, "hash"); err != nil {
				t.Fatal(err)
			}
			ent := storetest.MustRegister(t, db, "hr@firm.example", model.RoleEnterprise)
			members := func() []store.DelegationMember {
				ms, err := db.DelegationMembers(ctx, deleg)
				if err != nil {
					t.Fatal(err)
				}
				return ms
			}
			hashes := func(n int) []string {
				h := make([]string, n)
				for i := range h {
					h[i] = "hash"
				}
				return h
			}
			rows := []postio.MemberRow{
				{Line: 2, Email: "anna@cis.example", Name: "Anna", Locale: "en"},
				{Line: 3, Email: "lead@cis.example", Name: "Lead again", Locale: "zh"},
				{Line: 4, Email: "head@other.example", Name: "Someone else's", Locale: "zh"},
			}
			_, err := db.ImportMembers(ctx, deleg, rows, hashes(3), org.ID)
			want := map[string]string{"row 3 · email": "err.delegations.duplicate", "row 4 · email": "err.email_taken"}
			if me := model.AsError(err); me == nil || me.Code != model.Invalid || !reflect.DeepEqual(me.Fields, want) {
				t.Fatalf("duplicates: %v %v", err, model.FieldsOf(err))
			}
			if ms := members(); len(ms) != 1 {
				t.Fatalf("a refused file saved %d members", len(ms)-1)
			}
			if _, err := db.ImportMembers(ctx, *ent.OrgID, rows[:1], hashes(1), org.ID); model.FieldsOf(err)["org_id"] != "err.choice" {
				t.Fatalf("an enterprise took members: %v", err)
			}

			good := []postio.MemberRow{rows[0], {Line: 3, Email: "wang@cis.example", Name: "王磊", Locale: "zh"}}
			us, err := db.ImportMembers(ctx, deleg, good, hashes(2), org.ID)
			if err != nil || len(us) != 2 || us[0].ID == 0 || *us[1].OrgID != deleg || us[1].Role != model.RoleDelegation {
				t.Fatalf("import: %+v %v", us, err)
			}
			ms := members()
			if len(ms) != 3 || ms[0].ID != lead.ID || !ms[0].Lead || ms[1].Email != "anna@cis.example" || ms[1].Locale != "en" || ms[1].InvitedBy != org.Name {
				t.Fatalf("members: %+v", ms)
			}
			if _, err := db.ImportMembers(ctx, deleg, good[:1], hashes(1), org.ID); model.FieldsOf(err)["row 2 · email"] != "err.delegations.duplicate" {
				t.Fatalf("imported twice: %v", err)
			}

			next := []postio.MemberRow{{Line: 2, Email: "ivanova@cis.example", Name: "Ivanova", Locale: "en", Lead: true}}
			iv, err := db.ImportMembers(ctx, deleg, next, hashes(1), org.ID)
			if err != nil {
				t.Fatal(err)
			}
			if l, _ := db.DelegationLead(ctx, deleg); l != iv[0].ID {
				t.Fatalf("the lead row did not become the lead: %d, want %d", l, iv[0].ID)
			}
			ms = members()
			if len(ms) != 4 || ms[0].Email != "ivanova@cis.example" || !ms[0].Lead || ms[1].Lead {
				t.Fatalf("after a new lead: %+v", ms)
			}

			race := []postio.MemberRow{{Line: 2, Email: "race1@cis.example", Name: "R1", Locale: "zh"}, {Line: 3, Email: "race2@cis.example", Name: "R2", Locale: "zh"}}
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Go(func() { _, errs[i] = db.ImportMembers(ctx, *outsider.OrgID, race, hashes(2), org.ID) })
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				if err == nil {
					ok++
				} else if model.ErrorCode(err) != model.Invalid {
					t.Fatalf("race: %v", err)
				}
			}
			if ms, _ := db.DelegationMembers(ctx, *outsider.OrgID); ok != 1 || len(ms) != 3 {
				t.Fatalf("four imports at once: %d succeeded, %d members", ok, len(ms))
			}
		})
	}
}

package store_test

import (
	"reflect"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// mustBooth puts a booth with code in a new venue of the edition.
func mustBooth(t *testing.T, db *store.DB, editionID int64, code string) model.Booth {
	t.Helper()
	v := model.Venue{EditionID: editionID, Name: "Venue " + code}
	if err := db.CreateVenue(ctx, &v); err != nil {
		t.Fatal(err)
	}
	h := model.Hall{VenueID: v.ID, Name: "Hall 1"}
	if err := db.CreateHall(ctx, &h); err != nil {
		t.Fatal(err)
	}
	a := model.Area{HallID: h.ID, Kind: model.AreaResearch, Name: "Research"}
	if err := db.CreateArea(ctx, &a); err != nil {
		t.Fatal(err)
	}
	b := model.Booth{AreaID: a.ID, Code: code, AreaM2: 9}
	if err := db.CreateBooth(ctx, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportExhibits: a file whose owner or booth the database does not
// know saves nothing and names every such row; a host that is not an
// approved organization is refused; a good file saves every row with its
// owner and booth.
func TestImportExhibits(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			ed := storetest.MustEdition(t, db, "ocs-2017")
			other := storetest.MustEdition(t, db, "ocs-2016")
			a01 := mustBooth(t, db, ed.ID, "A01")
			mustBooth(t, db, other.ID, "Z99")
			mustBooth(t, db, ed.ID, "B02")
			mustBooth(t, db, ed.ID, "B02") // a code two venues share
			owner := storetest.MustRegister(t, db, "owner@lab.example", model.RoleTalent)
			org := model.User{Email: "organizer@ocs.example", Name: "The organizer", Role: model.RoleOrganizer, Locale: "en"}
			if err := db.CreateUser(ctx, &org, "hash"); err != nil {
				t.Fatal(err)
			}
			park := model.Organization{Kind: model.OrgPark, Name: "Torch park", Status: model.OrgApproved}
			pending := model.Organization{Kind: model.OrgPark, Name: "Pending park", Status: model.OrgPending}
			for _, o := range []*model.Organization{&park, &pending} {
				if err := db.CreateOrganization(ctx, o); err != nil {
					t.Fatal(err)
				}
			}
			count := func() int {
				xs, err := db.Exhibits(ctx, store.ExhibitFilter{HostID: park.ID})
				if err != nil {
					t.Fatal(err)
				}
				return len(xs)
			}
			rows := []postio.ExhibitRow{
				{Line: 2, Title: "Satellite imaging", OwnerEmail: "owner@lab.example", Booth: "a01"},
				{Line: 3, Title: "Smart grid", OwnerEmail: "nobody@lab.example"},
				{Line: 4, Title: "Drone", OwnerEmail: "owner@lab.example", Booth: "C03"},
				{Line: 5, Title: "Robot", OwnerEmail: "owner@lab.example", Booth: "Z99"},
				{Line: 6, Title: "Lidar", OwnerEmail: "owner@lab.example", Booth: "B02"},
			}
			err := db.ImportExhibits(ctx, ed.ID, park.ID, rows, org.ID)
			want := map[string]string{"row 3 · owner_email": "err.exhibits.owner_unknown", "row 4 · booth": "err.exhibits.booth_unknown",
				"row 5 · booth": "err.exhibits.booth_unknown", "row 6 · booth": "err.exhibits.booth_ambiguous"}
			if me := model.AsError(err); me == nil || me.Code != model.Invalid || !reflect.DeepEqual(me.Fields, want) {
				t.Fatalf("unknown owner and booths: %v %v", err, model.FieldsOf(err))
			}
			if n := count(); n != 0 {
				t.Fatalf("a refused file saved %d exhibits", n)
			}
			if err := db.ImportExhibits(ctx, ed.ID, pending.ID, rows[:1], org.ID); model.FieldsOf(err)["org_id"] != "err.choice" {
				t.Fatalf("pending host: %v", err)
			}
			good := []postio.ExhibitRow{rows[0], {Line: 3, Title: "智能电网", TitleZH: "智能电网", Summary: "Grid", SummaryZH: "电网", Field: "Energy", OwnerEmail: "owner@lab.example"}}
			if err := db.ImportExhibits(ctx, ed.ID, park.ID, good, org.ID); err != nil {
				t.Fatal(err)
			}
			xs, _ := db.Exhibits(ctx, store.ExhibitFilter{HostID: park.ID})
			if len(xs) != 2 || xs[0].BoothCode != a01.Code || xs[0].OwnerUserID != owner.ID || xs[1].BoothCode != "" || xs[1].SummaryZH != "电网" ||
				xs[1].Field != "Energy" || xs[1].OwnerUserID != owner.ID {
				t.Fatalf("imported: %+v", xs)
			}
		})
	}
}

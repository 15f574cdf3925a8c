package gen_test

import (
	"context"
	"errors"
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

var ctx = context.Background()

const hash = "$argon2id$v=19$m=65536,t=1,p=4$c2FsdA$aGFzaA" // any string: Load stores it as given

// TestLoad loads a demo-scale convention into each database and checks the
// rows there equal the Summary and the generated totals.
func TestLoad(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			c := gen.Generate(11, 0.02)
			tot := c.Totals()
			last := 0
			sum, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: hash, Progress: func(done, total int) {
				if done <= last || done > total {
					t.Fatalf("progress %d/%d after %d", done, total, last)
				}
				last = done
			}})
			if err != nil {
				t.Fatal(err)
			}
			want := tot.Rows
			want.Applications += sum.Scenes.Applications // the demo's video interview
			if sum.Rows != want || sum.Scenes.Applications > 1 {
				t.Fatalf("summary %+v\nwant      %+v", sum.Rows, want)
			}
			rows, err := db.TableCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rows != sum.Rows {
				t.Fatalf("database %+v\nsummary  %+v", rows, sum.Rows)
			}
			checkLoaded(t, db, c, sum)
			if rows, err = db.TableCounts(ctx); err != nil { // checkLoaded added an organization
				t.Fatal(err)
			}

			t.Run("refuses a non-empty database", func(t *testing.T) {
				if _, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: hash}); !errors.Is(err, gen.ErrNotEmpty) {
					t.Fatalf("err = %v, want ErrNotEmpty", err)
				}
			})
			t.Run("a failed forced load writes nothing", func(t *testing.T) {
				// The same convention again: its emails are taken.
				_, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: hash, Force: true})
				if model.ErrorCode(err) != model.Conflict {
					t.Fatalf("err = %v, want a conflict", err)
				}
				after, err := db.TableCounts(ctx)
				if err != nil || after != rows {
					t.Fatalf("after a failed load %+v, %v; want %+v", after, err, rows)
				}
			})
		})
	}
}

func checkLoaded(t *testing.T, db *store.DB, c *gen.Convention, sum gen.Summary) {
	t.Helper()
	tot := c.Totals()
	counts, err := db.Counts(ctx, sum.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Counts{Talents: tot.Rows.Talents, Enterprises: tot.Enterprises, Delegations: tot.Delegations, Posts: tot.Rows.Posts,
		Applications: tot.Rows.Applications + sum.Scenes.Applications, Projects: tot.Rows.Projects, Events: tot.Rows.Events, Booths: tot.Rows.Booths}
	if counts != want {
		t.Fatalf("Counts = %+v, want %+v", counts, want)
	}
	if n, err := db.VisitTotal(ctx, ""); err != nil || n != tot.VisitCount || n != sum.VisitCount {
		t.Fatalf("visits = %d, %v; want %d", n, err, tot.VisitCount)
	}
	ed, err := db.CurrentEdition(ctx)
	if err != nil || ed.ID != sum.EditionID || ed.Slug != c.Edition.Slug {
		t.Fatalf("current edition = %+v, %v", ed, err)
	}
	fairs, err := db.ListFairs(ctx, sum.EditionID)
	if err != nil || len(fairs) != 3 {
		t.Fatalf("fairs = %+v, %v", fairs, err)
	}
	var video model.Fair
	for _, f := range fairs {
		if f.Kind == model.FairVideo {
			video = f
		}
	}
	sessions, err := db.ListRemoteSessions(ctx, video.ID)
	if err != nil || len(sessions) != 2 {
		t.Fatalf("sessions = %+v, %v", sessions, err)
	}
	zones := map[string]bool{}
	for _, s := range sessions {
		zones[s.TimeZone] = true
		if !s.StartsAt.Equal(c.Sessions[0].StartsAt) {
			t.Fatalf("session %s starts %v, want %v", s.Location, s.StartsAt, c.Sessions[0].StartsAt)
		}
	}
	if !zones["Asia/Singapore"] || !zones["Asia/Tokyo"] {
		t.Fatalf("session zones = %v", zones)
	}
	venues, err := db.ListVenues(ctx, sum.EditionID)
	if err != nil || len(venues) != 2 || venues[0].AreaM2+venues[1].AreaM2 != 50000 {
		t.Fatalf("venues = %+v, %v", venues, err)
	}
	pending, err := db.ListOrganizations(ctx, store.OrgFilter{Status: model.OrgPending})
	if err != nil || len(pending) != tot.Pending {
		t.Fatalf("pending = %d, %v; want %d", len(pending), err, tot.Pending)
	}
	// Every demo login signs in with the one hash and sees its own data.
	for _, l := range c.Logins {
		u, h, err := db.UserByEmail(ctx, l.Email)
		if err != nil || h != hash || u.Role != l.Role {
			t.Fatalf("login %s: %+v %q %v", l.Email, u, h, err)
		}
		switch l.Role {
		case model.RoleTalent:
			tl, err := db.TalentByUser(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			apps, err := db.ApplicationsOfTalent(ctx, tl.ID)
			if err != nil || len(apps) == 0 {
				t.Fatalf("demo talent applications = %d, %v", len(apps), err)
			}
		case model.RoleEnterprise:
			posts, err := db.ListPosts(ctx, store.PostFilter{OrgID: *u.OrgID})
			if err != nil || len(posts) == 0 {
				t.Fatalf("demo enterprise posts = %d, %v", len(posts), err)
			}
		}
	}
	// Ordinary inserts continue the numbering after the explicit ids.
	o := model.Organization{Kind: model.OrgPark, Name: "After the load", Status: model.OrgPending}
	if err := db.CreateOrganization(ctx, &o); err != nil || o.ID != int64(len(c.Orgs))+1 {
		t.Fatalf("CreateOrganization after load: id %d, %v; want %d", o.ID, err, len(c.Orgs)+1)
	}
}

// TestLoadForce loads next to existing data: ids move past it and the
// references follow.
func TestLoadForce(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			r := &model.Registration{Email: "early@example.com", Name: "Early Bird", Password: "correct horse battery",
				Role: model.RoleEnterprise, Org: &model.Organization{Name: "Early Org"}}
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Register(ctx, r, "h"); err != nil {
				t.Fatal(err)
			}
			c := gen.Generate(12, 0.02)
			sum, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: hash, Force: true})
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.TableCounts(ctx)
			if err != nil || rows.Users != sum.Rows.Users+1 || rows.Organizations != sum.Rows.Organizations+1 {
				t.Fatalf("rows %+v, %v", rows, err)
			}
			// The demo enterprise's posts name the demo enterprise, one id further on.
			var login gen.Login
			for _, l := range c.Logins {
				if l.Role == model.RoleEnterprise {
					login = l
				}
			}
			u, _, err := db.UserByEmail(ctx, login.Email)
			if err != nil {
				t.Fatal(err)
			}
			org, err := db.Organization(ctx, *u.OrgID)
			if err != nil || org.Name != login.Note {
				t.Fatalf("demo enterprise = %+v, %v; want %s", org, err, login.Note)
			}
			if u.ID <= 1 || *u.OrgID <= 1 {
				t.Fatalf("user %d of organization %d not moved past the existing account", u.ID, *u.OrgID)
			}
		})
	}
}

package store_test

import (
	"context"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// quickPDF is the smallest file CheckPDF accepts.
const quickPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"

// TestQuickRegister: the scan landing's registration stores account,
// profile, CV and application together, or nothing at all.
func TestQuickRegister(t *testing.T) {
	storetest.Run(t, storetest.Cases{
		"Applies":                  testQuickRegisterApplies,
		"ClosedPost":               testQuickRegisterClosedPost,
		"UnknownPostStoresNothing": testQuickRegisterUnknownPost,
		"TakenEmailStoresNothing":  testQuickRegisterTakenEmail,
	})
}

// quickWorld is an open post to apply to.
func quickWorld(t *testing.T, db *store.DB) model.Post {
	t.Helper()
	f, ent := storetest.FairWithEnterprise(t, db)
	p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Engineer"}
	p.Validate()
	if err := db.CreatePost(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func quickReg(email string) *model.Registration {
	return &model.Registration{Email: email, Name: "Wei Zhang", Password: "correct horse battery", Locale: "en", Role: model.RoleTalent}
}

func testQuickRegisterApplies(t *testing.T, db *store.DB) {
	ctx := context.Background()
	p := quickWorld(t, db)
	cv := &model.CV{Name: "wei.pdf", Content: []byte(quickPDF)}
	u, tal, a, applied, err := db.QuickRegister(ctx, quickReg("wei@example.com"), "hash", model.DegreeMaster, "Physics", cv, p.ID, model.ChannelScan)
	if err != nil || !applied {
		t.Fatalf("QuickRegister = applied %v, %v", applied, err)
	}
	if got, _, err := db.UserByEmail(ctx, "wei@example.com"); err != nil || got.ID != u.ID || got.Role != model.RoleTalent || u.Locale != "en" {
		t.Fatalf("user = %+v (returned %+v), %v", got, u, err)
	}
	stored, err := db.TalentByUser(ctx, u.ID)
	if err != nil || stored.ID != tal.ID || tal.UserID != u.ID {
		t.Fatalf("talent = %+v (returned %+v), %v", stored, tal, err)
	}
	for _, x := range []model.Talent{tal, stored} {
		if x.Name != "Wei Zhang" || x.Degree != model.DegreeMaster || x.Discipline != "Physics" || x.Category != model.TalentOverseas || x.CVFile != "db:"+cv.SHA256 {
			t.Fatalf("profile = %+v", x)
		}
	}
	got, err := db.CV(ctx, tal.ID)
	if err != nil || string(got.Content) != quickPDF || got.Name != "wei.pdf" || got.SHA256 != cv.SHA256 || got.Size != int64(len(quickPDF)) || got.ContentType != "application/pdf" {
		t.Fatalf("CV = %+v, %v", got, err)
	}
	want, err := db.ApplicationOf(ctx, tal.ID, p.ID)
	if err != nil || want.ID != a.ID || want.Channel != model.ChannelScan || want.Status != model.AppApplied || a.TalentID != tal.ID || a.PostID != p.ID {
		t.Fatalf("application = %+v (returned %+v), %v", want, a, err)
	}
}

func testQuickRegisterClosedPost(t *testing.T, db *store.DB) {
	ctx := context.Background()
	p := quickWorld(t, db)
	if err := db.SetPostStatus(ctx, p.OrgID, p.ID, model.PostClosed); err != nil {
		t.Fatal(err)
	}
	u, tal, a, applied, err := db.QuickRegister(ctx, quickReg("late@example.com"), "hash", model.DegreeBachelor, "", &model.CV{Content: []byte(quickPDF)}, p.ID, model.ChannelScan)
	if err != nil || applied || a.ID != 0 {
		t.Fatalf("QuickRegister to a closed post = %+v applied %v, %v; want the account without an application", a, applied, err)
	}
	if _, _, err := db.UserByEmail(ctx, "late@example.com"); err != nil {
		t.Fatalf("account not kept: %v", err)
	}
	if cv, err := db.CV(ctx, tal.ID); err != nil || cv.Name != "cv.pdf" {
		t.Fatalf("CV = %+v, %v", cv, err)
	}
	if _, err := db.ApplicationOf(ctx, tal.ID, p.ID); !model.IsNotFound(err) {
		t.Fatalf("application to a closed post: %v", err)
	}
	if tal.UserID != u.ID {
		t.Fatalf("talent %+v of user %d", tal, u.ID)
	}
}

// nothingStored checks no talent but the known ones exists and no CV is
// kept for any talent id up to a few past them (ids a rolled-back insert
// may have taken).
func nothingStored(t *testing.T, db *store.DB, email string, known map[int64]bool) {
	t.Helper()
	ctx := context.Background()
	if email != "" {
		if _, _, err := db.UserByEmail(ctx, email); !model.IsNotFound(err) {
			t.Fatalf("user %s kept: %v", email, err)
		}
	}
	ts, err := db.ListTalents(ctx, store.TalentFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	for _, x := range ts {
		if !known[x.ID] {
			t.Fatalf("talent kept: %+v", x)
		}
		last = max(last, x.ID)
	}
	for id := int64(1); id <= last+5; id++ {
		if _, err := db.CV(ctx, id); !known[id] && !model.IsNotFound(err) {
			t.Fatalf("CV of talent %d kept: %v", id, err)
		}
	}
}

func testQuickRegisterUnknownPost(t *testing.T, db *store.DB) {
	ctx := context.Background()
	p := quickWorld(t, db)
	_, _, _, applied, err := db.QuickRegister(ctx, quickReg("lost@example.com"), "hash", model.DegreePhD, "", &model.CV{Content: []byte(quickPDF)}, p.ID+1000, model.ChannelScan)
	if !model.IsNotFound(err) || applied {
		t.Fatalf("QuickRegister to an unknown post = applied %v, %v; want not found", applied, err)
	}
	nothingStored(t, db, "lost@example.com", nil)
	// The same e-mail registers afterwards: nothing half-made is in the way.
	if _, _, _, applied, err := db.QuickRegister(ctx, quickReg("lost@example.com"), "hash", model.DegreePhD, "", &model.CV{Content: []byte(quickPDF)}, p.ID, model.ChannelScan); err != nil || !applied {
		t.Fatalf("registering again = applied %v, %v", applied, err)
	}
}

func testQuickRegisterTakenEmail(t *testing.T, db *store.DB) {
	ctx := context.Background()
	p := quickWorld(t, db)
	first := storetest.MustRegister(t, db, "taken@example.com", model.RoleTalent)
	ft, err := db.TalentByUser(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, _, err = db.QuickRegister(ctx, quickReg("taken@example.com"), "hash", model.DegreeMaster, "", &model.CV{Content: []byte(quickPDF)}, p.ID, model.ChannelScan)
	if model.ErrorCode(err) != model.Conflict || model.FieldsOf(err)["email"] != "err.email_taken" {
		t.Fatalf("QuickRegister with a taken e-mail = %v; want a conflict on email", err)
	}
	nothingStored(t, db, "", map[int64]bool{ft.ID: true})
	if _, err := db.ApplicationOf(ctx, ft.ID, p.ID); !model.IsNotFound(err) {
		t.Fatalf("the first account applied: %v", err)
	}
	// A refused CV stores nothing either.
	_, _, _, _, err = db.QuickRegister(ctx, quickReg("bad-cv@example.com"), "hash", model.DegreeMaster, "", &model.CV{Content: []byte("not a pdf")}, p.ID, model.ChannelScan)
	if model.ErrorCode(err) != model.Invalid {
		t.Fatalf("QuickRegister with a refused CV = %v; want invalid", err)
	}
	nothingStored(t, db, "bad-cv@example.com", map[int64]bool{ft.ID: true})
}

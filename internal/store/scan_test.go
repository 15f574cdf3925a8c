package store_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestScanConformance: secrets, CVs and visit counts on every backend.
func TestScanConformance(t *testing.T) {
	storetest.Run(t, storetest.Cases{
		"Secret": testSecret,
		"CV":     testCV,
		"Visits": testVisits,
	})
}

func testSecret(t *testing.T, db *store.DB) {
	// Instances starting together all get the one secret.
	var wg sync.WaitGroup
	got := make([][]byte, 8)
	errs := make([]error, 8)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i], errs[i] = db.Secret(ctx, "qr", 32) }()
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || len(got[i]) != 32 || !bytes.Equal(got[i], got[0]) {
			t.Fatalf("secret %d = %x, %v; first %x", i, got[i], errs[i], got[0])
		}
	}
	other, err := db.Secret(ctx, "other", 32)
	if err != nil || bytes.Equal(other, got[0]) {
		t.Fatalf("another name gave %x, %v", other, err)
	}
}

// PDF is the smallest file CheckPDF accepts, for tests.
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"

func testCV(t *testing.T, db *store.DB) {
	f, ent := storetest.FairWithEnterprise(t, db)
	p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Engineer"}
	p.Validate()
	db.CreatePost(ctx, &p)
	other := storetest.MustRegister(t, db, "other@corp.example", model.RoleEnterprise)
	u := storetest.MustRegister(t, db, "cv@example.com", model.RoleTalent)
	tal, _ := db.TalentByUser(ctx, u.ID)

	if _, err := db.CV(ctx, tal.ID); !model.IsNotFound(err) {
		t.Fatalf("CV before upload: %v", err)
	}
	for name, body := range map[string]string{"empty": "", "png": "\x89PNG\r\n\x1a\n....", "no trailer": "%PDF-1.4\nhello"} {
		err := db.SaveCV(ctx, &model.CV{TalentID: tal.ID, Content: []byte(body)})
		if model.ErrorCode(err) != model.Invalid {
			t.Fatalf("%s: SaveCV = %v, want invalid", name, err)
		}
	}
	if _, err := db.CV(ctx, tal.ID); !model.IsNotFound(err) {
		t.Fatalf("a refused CV was kept: %v", err)
	}
	if err := db.SaveCV(ctx, &model.CV{TalentID: 987654, Content: []byte(PDF)}); !model.IsNotFound(err) {
		t.Fatalf("CV of unknown talent: %v", err)
	}
	first := &model.CV{TalentID: tal.ID, Name: "wei.pdf", Content: []byte(PDF)}
	if err := db.SaveCV(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := PDF + "% replaced\n%%EOF\n"
	if err := db.SaveCV(ctx, &model.CV{TalentID: tal.ID, Name: "wei2.pdf", Content: []byte(second)}); err != nil {
		t.Fatal(err)
	}
	cv, err := db.CV(ctx, tal.ID)
	if err != nil || string(cv.Content) != second || cv.Name != "wei2.pdf" || cv.Size != int64(len(second)) || len(cv.SHA256) != 64 || cv.ContentType != "application/pdf" {
		t.Fatalf("CV = %q %+v, %v", cv.Content, cv.Name, err)
	}
	if tal, _ = db.TalentByUser(ctx, u.ID); tal.CVFile != "db:"+cv.SHA256 {
		t.Fatalf("profile cv_file = %q", tal.CVFile)
	}

	for _, c := range []struct {
		org  int64
		want bool
	}{{*ent.OrgID, true}, {*other.OrgID, false}} {
		if c.want {
			db.Apply(ctx, tal.ID, p.ID, model.ChannelScan)
		}
		got, err := db.AppliedToOrg(ctx, tal.ID, c.org)
		if err != nil || got != c.want {
			t.Fatalf("AppliedToOrg(%d) = %v, %v; want %v", c.org, got, err, c.want)
		}
	}
	if a, err := db.ApplicationOf(ctx, tal.ID, p.ID); err != nil || a.Channel != model.ChannelScan {
		t.Fatalf("ApplicationOf = %+v, %v", a, err)
	}
	if _, err := db.ApplicationOf(ctx, tal.ID, 987654); !model.IsNotFound(err) {
		t.Fatalf("ApplicationOf unknown post: %v", err)
	}
}

func testVisits(t *testing.T, db *store.DB) {
	batch := []store.VisitCount{
		{TargetKind: "post", TargetID: 7, Day: "2017-12-17", Channel: model.ChannelScan, Count: 3},
		{TargetKind: "post", TargetID: 7, Day: "2017-12-17", Channel: model.ChannelPC, Count: 1},
		{TargetKind: "enterprise", TargetID: 7, Day: "2017-12-17", Channel: model.ChannelMobile, Count: 5},
	}
	for range 2 {
		if err := db.AddVisits(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	db.AddVisits(ctx, []store.VisitCount{{TargetKind: "post", TargetID: 7, Day: "2017-12-18", Channel: model.ChannelScan, Count: 1}})
	got, err := db.Visits(ctx, "post", 7)
	want := []store.VisitCount{
		{TargetKind: "post", TargetID: 7, Day: "2017-12-17", Channel: model.ChannelPC, Count: 2},
		{TargetKind: "post", TargetID: 7, Day: "2017-12-17", Channel: model.ChannelScan, Count: 6},
		{TargetKind: "post", TargetID: 7, Day: "2017-12-18", Channel: model.ChannelScan, Count: 1},
	}
	if err != nil || len(got) != len(want) {
		t.Fatalf("visits = %+v, %v", got, err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("visit %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// A bad row fails the whole batch: nothing of it is counted.
	err = db.AddVisits(ctx, []store.VisitCount{
		{TargetKind: "post", TargetID: 8, Day: "2017-12-17", Channel: model.ChannelPC, Count: 1},
		{TargetKind: "post", TargetID: 8, Day: "2017-12-17", Channel: "fax", Count: 1},
	})
	if err == nil {
		t.Fatal("a bad channel was counted")
	}
	if got, _ := db.Visits(ctx, "post", 8); len(got) != 0 {
		t.Fatalf("half a failed batch was kept: %+v", got)
	}
}

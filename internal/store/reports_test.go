package store_test

import (
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestReportSnapshots: publishing freezes a version; publishing at once
// from two places never gives two snapshots one version; bad input
// changes nothing.
func TestReportSnapshots(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			e := storetest.MustEdition(t, db, "ocs-2017")
			if _, err := db.LatestReport(ctx, e.ID); !model.IsNotFound(err) {
				t.Fatalf("no report yet: %v", err)
			}
			s := store.ReportSnapshot{EditionID: e.ID, Figures: `{"a":1}`, PressZH: " 新闻稿 ", PressEN: "Press"}
			if err := db.PublishReport(ctx, &s); err != nil || s.Version != 1 || s.PressZH != "新闻稿" {
				t.Fatalf("publish: %+v %v", s, err)
			}
			if err := db.PublishReport(ctx, &store.ReportSnapshot{EditionID: e.ID}); model.ErrorCode(err) != model.Invalid {
				t.Fatalf("no figures: %v", err)
			}
			publish := func() error { return db.PublishReport(ctx, &store.ReportSnapshot{EditionID: e.ID, Figures: `{"b":2}`}) }
			ok := wins(together(publish, publish, publish, publish), t, model.Conflict)
			got, err := db.LatestReport(ctx, e.ID)
			if err != nil || got.Version != 1+ok || got.Figures != `{"b":2}` {
				t.Fatalf("latest %+v %v after %d concurrent publications", got, err, ok)
			}
		})
	}
}

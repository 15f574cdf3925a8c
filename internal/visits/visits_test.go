package visits

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestFlushWaitsForFlushInFlight: a Flush that finds the buffer empty
// because another flush (the loop's, here a second caller's) has just taken
// it returns only once those counts are written. CI once read 1 of 3 scan
// visits right after Flush because the loop was still writing the other 2.
func TestFlushWaitsForFlushInFlight(t *testing.T) {
	storetest.Run(t, storetest.Cases{"flush": func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		defer c.Close()
		want := 0
		for round := 1; round <= 20; round++ {
			for range round {
				c.Count("post", 7, model.ChannelScan)
			}
			want += round
			first := make(chan error, 2)
			for range 2 {
				go func() { first <- c.Flush(ctx) }()
			}
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			vs, err := db.Visits(ctx, "post", 7)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, v := range vs {
				got += v.Count
			}
			if got != want {
				t.Fatalf("round %d: %d visits written when the first Flush returned, want %d", round, got, want)
			}
			if err := <-first; err != nil {
				t.Fatal(err)
			}
		}
	}})
}

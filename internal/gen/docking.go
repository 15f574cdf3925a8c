package gen

import (
	"context"

	"github.com/convene/convene/internal/store"
)

// settleDockings completes the loaded dockings and exhibits for the
// docking pipeline (issue 14): the park of each preliminary agreement, the
// negotiation a declined contest docking had, the exhibits' owners and
// projects (from their contact address). The funnel then reproduces the
// seed's figures through the same queries the pages use.
func settleDockings(ctx context.Context, db *store.DB) error {
	return db.SettleLoadedDockings(ctx)
}

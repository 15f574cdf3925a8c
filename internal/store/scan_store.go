package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

// ScanStore holds the store's QR tokens, CV files and visit counts.
// Methods are added here as the area grows.
type ScanStore interface {
	// Secret returns the named server-wide secret of n random bytes,
	// creating it on first use; every instance gets the same bytes.
	Secret(ctx context.Context, name string, n int) ([]byte, error)

	// SaveCV stores (or replaces) a talent's CV and marks the profile as
	// having one; CV returns it with its bytes.
	SaveCV(ctx context.Context, cv *model.CV) error
	CV(ctx context.Context, talentID int64) (model.CV, error)
	// AppliedToOrg reports whether the talent applied to any post of the
	// organization: what lets an enterprise read that talent's CV.
	AppliedToOrg(ctx context.Context, talentID, orgID int64) (bool, error)
	// ApplicationOf returns a talent's application to a post (not found when none).
	ApplicationOf(ctx context.Context, talentID, postID int64) (model.Application, error)

	// AddVisits adds counted visits, one upsert per key, in one transaction.
	AddVisits(ctx context.Context, vs []VisitCount) error
	// Visits lists a target's counts by day and channel.
	Visits(ctx context.Context, kind string, targetID int64) ([]VisitCount, error)
}

// Package matching is person-post matching in the product: a post's
// matched candidates for its enterprise and organizers (a page and JSON),
// a talent's recommendations and the organizer's matching rate (JSON). The
// index behind them is the server's recommend.Recommender, a per-instance
// cache of the database kept current by the notify events other areas
// publish; see docs/match-product.md. Matches are said through recview.
package matching

import (
	"embed"

	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("matching", files)

// Area answers the matching routes.
type Area struct {
	*area.Deps
}

// New keeps the store, the renderer, the index and the suggester: the area
// only reads, so it publishes no events and subscribes to none.
func New(d *area.Deps) *Area {
	return &Area{Deps: d}
}

// Package matching is person-post matching in the product: a post's
// matched candidates for its enterprise and organizers (a page and JSON),
// a talent's recommendations and the organizer's matching rate (JSON). The
// index behind them is the server's recommend.Recommender, a per-instance
// cache of the database kept current by the notify events other areas
// publish; see docs/match-product.md. Matches are said through recview.
package matching

import (
	"embed"
	"io/fs"

	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
)

//go:embed templates
var templatesFS embed.FS

// Templates are the area's pages and partials (*.html at its root).
var Templates, _ = fs.Sub(templatesFS, "templates")

// Area answers the matching routes.
type Area struct {
	db      *store.DB
	rd      *render.Renderer
	match   *recommend.Recommender
	suggest *recommend.Suggester
}

// New keeps the store, the renderer, the index and the suggester: the area
// only reads, so it publishes no events and subscribes to none.
func New(d *area.Deps) *Area {
	return &Area{db: d.DB, rd: d.Render, match: d.Match, suggest: d.Suggest}
}

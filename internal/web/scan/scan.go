// Package scan is the web layer's scan area: QR codes and posters, the scan
// landing with one-tap apply and quick registration, CVs, and applying.
// The landing is the convention's hottest page: it keeps each post's fixed
// parts rendered a short while (landing.go) and drops them when this
// instance saves the post (notify.PostsSaved).
package scan

import (
	"context"
	"embed"
	"html/template"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/ttlcache"
	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("scan", files)

// Area serves the scan routes.
type Area struct {
	*area.Deps
	posts *ttlcache.Cache[int64, *landing]        // posts' landings (landing.go)
	heads *ttlcache.Cache[headKey, template.HTML] // suggestions' kept parts (landing.go)
}

// landingPostTTL is how long a landing shows a post as read: a popular
// booth's code is scanned many times a second. Edits made here show at once;
// through another instance, within this time. Applying always checks the
// database, so a post closed a moment ago refuses the application and says so.
const landingPostTTL = 2 * time.Second

// maxLandingPosts bounds the cache's memory (a convention has about 10,000 posts).
const maxLandingPosts = 50_000

// New builds the area over the server's shared parts and follows the posts
// saved on this instance.
func New(d *area.Deps) *Area {
	a := &Area{Deps: d, posts: ttlcache.New[int64, *landing](landingPostTTL, maxLandingPosts), // A suggestion's head is kept as long as the suggester keeps its card.
		heads: ttlcache.New[headKey, template.HTML](recommend.CardTTL, 2*maxLandingPosts)}
	d.Notify.Subscribe(a.follow)
	return a
}

// follow drops what the landing keeps of posts saved here: their landing
// (post and fixed parts) and their suggestions' heads in every language.
func (a *Area) follow(_ context.Context, e notify.Event) {
	ps, ok := e.(notify.PostsSaved)
	if !ok {
		return
	}
	for _, p := range ps.Posts {
		a.posts.Forget(p.ID)
		for _, l := range model.Locales {
			a.heads.Forget(headKey{p.ID, l})
		}
	}
}

// Package area is what the server gives each area of the web layer (account,
// admin, fairs, scan, matching, meetings, …): the store, the renderer, the
// session manager and the services. An area keeps the ones it uses; areas
// never call each other: what others must learn goes through Notify.
package area

import (
	"log/slog"
	"net/http"

	"github.com/convene/convene/internal/chromium"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/scancode"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/visits"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/session"
)

// Deps are the server's shared parts.
type Deps struct {
	DB       *store.DB
	Render   *render.Renderer
	Log      *slog.Logger
	Sessions *session.Manager
	Notify   *notify.Bus
	// Match is the matching index (a cache of the store); Suggest picks a
	// talent's suggested posts from it.
	Match   *recommend.Recommender
	Suggest *recommend.Suggester
	Visits  *visits.Counter
	Codes   *scancode.Signer
	Print   *chromium.Printer
	// SecureCookies: the server is behind TLS (links it makes are https).
	SecureCookies bool
}

// BaseURL is this server's scheme and host as the request reached it (a
// proxy must pass Host on): https whenever cookies are secure, that is, in
// production.
func (d *Deps) BaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || d.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// PathPost is the post named by the path's {id}; who may see or change
// it is the caller's check.
func (d *Deps) PathPost(r *http.Request) (model.Post, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Post{}, err
	}
	return d.DB.Post(r.Context(), id)
}

// EditionForm parses a posted form for the current edition: the first
// steps of an organizer's form that adds to the edition.
func (d *Deps) EditionForm(r *http.Request) (model.Edition, error) {
	if err := request.Form(r); err != nil {
		return model.Edition{}, err
	}
	return d.Edition(r)
}

// Edition is the current edition; when there is none yet the error is one
// a user can read (err.not_found.edition).
func (d *Deps) Edition(r *http.Request) (model.Edition, error) {
	e, err := d.DB.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return e, model.Errorf(model.NotFound, "err.not_found.edition")
	}
	return e, err
}

// Package account is a user's own side of Convene: the home page, the
// language switch, signing in and out, registering, each role's dashboard,
// a talent's profile and applications, an organization's profile and a
// user's notifications; and the API over the same operations.
package account

import (
	"embed"
	"io/fs"
	"log/slog"

	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/session"
)

//go:embed templates
var templatesFS embed.FS

// Templates are the area's pages and partials (*.html at its root).
var Templates, _ = fs.Sub(templatesFS, "templates")

// Area answers the account routes.
type Area struct {
	db       *store.DB
	rd       *render.Renderer
	log      *slog.Logger
	sessions *session.Manager
	notify   *notify.Bus          // TalentSaved after a profile is saved
	suggest  *recommend.Suggester // the dashboard's recommendations
	secure   bool                 // the language cookie is Secure behind TLS
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area {
	return &Area{db: d.DB, rd: d.Render, log: d.Log, sessions: d.Sessions, notify: d.Notify, suggest: d.Suggest, secure: d.SecureCookies}
}

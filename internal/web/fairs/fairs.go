// Package fairs is the job fairs: a fair's page, posts (browse and search,
// an enterprise's own, saving them one by one or importing a file, the
// exports), the enterprise inbox with each application's page, and the
// organizer's figures; and the API over the same operations.
package fairs

import (
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/visits"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// A pattern, not the directory: embedding a directory leaves out files
// whose names begin with "_", the partials.
//
//go:embed templates/*.html
var templatesFS embed.FS

// Templates are the area's pages and partials (*.html at its root).
var Templates, _ = fs.Sub(templatesFS, "templates")

// Area answers the job fairs' routes.
type Area struct {
	db     *store.DB
	rd     *render.Renderer
	log    *slog.Logger
	notify *notify.Bus
	match  *recommend.Recommender // the figures page's matching rate
	visits *visits.Counter
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area {
	return &Area{db: d.DB, rd: d.Render, log: d.Log, notify: d.Notify, match: d.Match, visits: d.Visits}
}

// myOrg is the signed-in enterprise's organization; changing posts needs
// an organizer's approval first.
func (a *Area) myOrg(r *http.Request) (model.Organization, error) {
	u := request.User(r)
	if u.OrgID == nil {
		return model.Organization{}, model.Errorf(model.Forbidden, "err.forbidden")
	}
	o, err := a.db.Organization(r.Context(), *u.OrgID)
	if err != nil {
		return o, err
	}
	if o.Status != model.OrgApproved {
		return o, model.Errorf(model.Forbidden, "err.org_not_approved")
	}
	return o, nil
}

// scopeOrg is the organization whose data an export or inbox shows: the
// enterprise's own, or 0 (every one) for organizers, even one whose user
// row names an organization.
func scopeOrg(r *http.Request) int64 {
	if u := request.User(r); u == nil || u.Role == model.RoleOrganizer {
		return 0
	}
	return request.OrgID(r)
}

func itoa(n int) string          { return strconv.Itoa(n) }
func joinList(l []string) string { return strings.Join(l, ", ") }

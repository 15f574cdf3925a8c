// Package fairs is the job fairs: a fair's page, posts (browse and search,
// an enterprise's own, saving them one by one or importing a file, the
// exports), the enterprise inbox with each application's page, and the
// organizer's figures; and the API over the same operations.
package fairs

import (
	"embed"
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("fairs", files)

// Area answers the job fairs' routes.
type Area struct {
	*area.Deps
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area {
	return &Area{Deps: d}
}

// myOrg is the signed-in enterprise's organization; changing posts needs
// an organizer's approval first.
func (a *Area) myOrg(r *http.Request) (model.Organization, error) {
	u := request.User(r)
	if u.OrgID == nil {
		return model.Organization{}, model.Errorf(model.Forbidden, "err.forbidden")
	}
	o, err := a.DB.Organization(r.Context(), *u.OrgID)
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

package checkin

import (
	"html/template"
	"net/http"
	"time"

	"github.com/convene/convene/internal/badge"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// badgeView is a badge as its page and the sheet show it.
type badgeView struct {
	store.Badge
	Token string
	Short string        // the code to type where no camera reads the QR
	QR    template.HTML // an inline SVG
	From  string
	Until string
}

type badgePageData struct {
	Badge   *badgeView
	Edition model.Edition
}

func (a *Area) view(r *http.Request, b store.Badge, loc *time.Location) (badgeView, error) {
	tok, err := a.token(r.Context(), b)
	if err != nil {
		return badgeView{}, err
	}
	svg, err := qr.SVG(tok)
	if err != nil {
		return badgeView{}, err
	}
	key, err := a.shortKey(r.Context())
	if err != nil {
		return badgeView{}, err
	}
	return badgeView{Badge: b, Token: tok, Short: badge.ShortCode(key, uint32(b.ID)), QR: template.HTML(svg), // our own SVG of the signed token: no user text inside
		From: b.NotBefore.In(loc).Format("2006-01-02"), Until: b.NotAfter.In(loc).Format("2006-01-02")}, nil
}

// myBadge is the signed-in person's current badge, or not found.
func (a *Area) myBadge(r *http.Request) (model.Edition, store.Badge, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return ed, store.Badge{}, err
	}
	b, err := a.DB.CurrentBadge(r.Context(), ed.ID, request.User(r).ID)
	return ed, b, err
}

// badgePage shows the person's own badge (no one else's): name,
// organization, role in its colour, and the QR code. The page registers a
// service worker that keeps it for use without a network.
func (a *Area) badgePage(w http.ResponseWriter, r *http.Request) {
	ed, b, err := a.myBadge(r)
	d := badgePageData{Edition: ed}
	switch {
	case err == nil:
		v, err := a.view(r, b, model.Zone(ed.TimeZone))
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		d.Badge = &v
	case !model.IsNotFound(err):
		a.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	a.Render.Page(w, r, http.StatusOK, "ci_badge", a.Render.View(r, "badge.title", d))
}

// badgeIssue gives the signed-in person their badge when they have none.
func (a *Area) badgeIssue(w http.ResponseWriter, r *http.Request) {
	ed, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u := request.User(r)
	nbf, naf := validity(ed, a.now())
	b := store.Badge{EditionID: ed.ID, UserID: u.ID, Role: badgeRoles[u.Role], NotBefore: nbf, NotAfter: naf}
	if err := a.DB.IssueBadge(r.Context(), &b); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.badge.issued")
	http.Redirect(w, r, "/me/badge", http.StatusSeeOther)
}

type badgeJ struct {
	ID           int64     `json:"id"`
	Token        string    `json:"token"`
	Role         string    `json:"role"`
	Name         string    `json:"name"`
	Organization string    `json:"organization"`
	NotBefore    time.Time `json:"not_before"`
	NotAfter     time.Time `json:"not_after"`
}

func (a *Area) apiBadge(w http.ResponseWriter, r *http.Request) {
	_, b, err := a.myBadge(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	tok, err := a.token(r.Context(), b)
	render.Answer(a.Render, w, r, http.StatusOK, b, err, func(b store.Badge) badgeJ {
		return badgeJ{ID: b.ID, Token: tok, Role: b.Role, Name: b.Name, Organization: b.OrgName, NotBefore: b.NotBefore, NotAfter: b.NotAfter}
	})
}

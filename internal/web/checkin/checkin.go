// Package checkin is the check-in area: every participant's badge (a QR
// code carrying an Ed25519-signed token, internal/badge) on a page that
// works offline once opened, printable badge sheets, the gate page that
// verifies badges itself and queues scans while offline, the sync API that
// takes every past scan exactly once, and the organizer's view of the gates.
package checkin

import (
	"context"
	"crypto/ed25519"
	"embed"
	"sync"
	"time"

	"github.com/convene/convene/internal/badge"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("checkin", files)

//go:embed static
var staticFS embed.FS

// Area answers the check-in routes.
type Area struct {
	*area.Deps
	now func() time.Time

	mu   sync.Mutex
	priv ed25519.PrivateKey
}

// New keeps the store, the renderer and the printer.
func New(d *area.Deps) *Area { return &Area{Deps: d, now: time.Now} }

// key is the badge signing key: its seed is created once in the database,
// so every instance signs alike, and read once per instance.
func (a *Area) key(ctx context.Context) (ed25519.PrivateKey, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.priv == nil {
		seed, err := a.DB.Secret(ctx, "badge-ed25519", ed25519.SeedSize)
		if err != nil {
			return nil, err
		}
		a.priv = ed25519.NewKeyFromSeed(seed)
	}
	return a.priv, nil
}

// badgeRoles maps an account's role to its badge's.
var badgeRoles = func() map[model.Role]string {
	m := map[model.Role]string{}
	for r, b := range badge.AccountRoles {
		m[model.Role(r)] = b.String()
	}
	return m
}()

// validity is when the edition's badges admit (badge.Window).
func validity(e model.Edition, now time.Time) (time.Time, time.Time) {
	return badge.Window(e.StartDate, e.EndDate, now)
}

// shortKey is the short codes' MAC key, from the signing key's seed.
func (a *Area) shortKey(ctx context.Context) ([]byte, error) {
	priv, err := a.key(ctx)
	if err != nil {
		return nil, err
	}
	return badge.ShortKey(priv.Seed()), nil
}

// resolveShort turns each typed short code of this edition's badges into
// the badge's signed token, so it is judged as a scanned QR is; anything
// else stays as typed (and is refused as malformed if it is no token).
func (a *Area) resolveShort(ctx context.Context, editionID int64, scans []scanInput) error {
	var key []byte
	for i, s := range scans {
		if !badge.LooksShort(s.Token) {
			continue
		}
		if key == nil {
			var err error
			if key, err = a.shortKey(ctx); err != nil {
				return err
			}
		}
		id, ok := badge.ParseShortCode(key, s.Token)
		if !ok {
			continue
		}
		b, err := a.DB.BadgeByID(ctx, int64(id))
		if model.IsNotFound(err) || (err == nil && b.EditionID != editionID) {
			continue
		}
		if err != nil {
			return err
		}
		if scans[i].Token, err = a.token(ctx, b); err != nil {
			return err
		}
	}
	return nil
}

// token signs a stored badge.
func (a *Area) token(ctx context.Context, b store.Badge) (string, error) {
	priv, err := a.key(ctx)
	if err != nil {
		return "", err
	}
	return badge.Sign(priv, badge.Claims{Badge: uint32(b.ID), Person: uint32(b.UserID), Edition: uint32(b.EditionID),
		Role: badge.RoleNamed(b.Role), NotBefore: b.NotBefore, NotAfter: b.NotAfter})
}

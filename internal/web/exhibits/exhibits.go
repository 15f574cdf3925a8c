// Package exhibits is the exhibits catalogue: searchable and filterable on
// phones at the booth, each exhibit's page (opened from the QR on its card
// through a signed URL) with a contact form whose message Convene relays to
// the owner, whose address no page shows; the owner's messages, any of
// which may become a docking.
package exhibits

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"strconv"

	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("exhibits", files)

// Area answers the exhibits' routes.
type Area struct {
	*area.Deps
}

// New keeps the store, the renderer and the scan codes' key (which signs
// the exhibits' QR links).
func New(d *area.Deps) *Area { return &Area{Deps: d} }

// sign is the signature of an exhibit's QR link.
func (a *Area) sign(ctx context.Context, id int64) (string, error) {
	key, err := a.Codes.Secret(ctx)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("exhibit:" + strconv.FormatInt(id, 10)))
	return hex.EncodeToString(m.Sum(nil)[:12]), nil
}

// signedPath is the path an exhibit's QR opens.
func (a *Area) signedPath(ctx context.Context, id int64) (string, error) {
	s, err := a.sign(ctx, id)
	return "/exhibits/" + strconv.FormatInt(id, 10) + "?qr=" + s, err
}

// fromQR reports whether sig is the exhibit's QR signature.
func (a *Area) fromQR(ctx context.Context, id int64, sig string) bool {
	if sig == "" {
		return false
	}
	want, err := a.sign(ctx, id)
	return err == nil && hmac.Equal([]byte(want), []byte(sig))
}

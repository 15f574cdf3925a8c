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
	"io/fs"
	"strconv"

	"github.com/convene/convene/internal/scancode"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
)

//go:embed templates/*.html
var templatesFS embed.FS

// Templates are the area's pages.
var Templates, _ = fs.Sub(templatesFS, "templates")

//go:embed catalog
var catalogFS embed.FS

// Catalog is the area's messages (zh.json, en.json), merged at start.
var Catalog, _ = fs.Sub(catalogFS, "catalog")

// OpenAPI is the area's part of the API document.
//
//go:embed openapi.json
var OpenAPI []byte

// Area answers the exhibits' routes.
type Area struct {
	db    *store.DB
	rd    *render.Renderer
	codes *scancode.Signer
	d     *area.Deps
}

// New keeps the store, the renderer and the scan codes' key (which signs
// the exhibits' QR links).
func New(d *area.Deps) *Area { return &Area{db: d.DB, rd: d.Render, codes: d.Codes, d: d} }

// sign is the signature of an exhibit's QR link.
func (a *Area) sign(ctx context.Context, id int64) (string, error) {
	key, err := a.codes.Secret(ctx)
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

// Package areatest builds what an area's own tests need the way the server
// builds it: a renderer of the area's pages and messages.
package areatest

import (
	"io"
	"io/fs"
	"log/slog"
	"testing"

	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
)

// Renderer loads the parts' catalogs and parses their templates, in the
// order given; log nil writes nothing.
func Renderer(t testing.TB, log *slog.Logger, parts ...area.Parts) *render.Renderer {
	t.Helper()
	var catalogs, templates []fs.FS
	for _, p := range parts {
		if p.Catalog != nil {
			catalogs = append(catalogs, p.Catalog)
		}
		if p.Templates != nil {
			templates = append(templates, p.Templates)
		}
	}
	cat, err := i18n.Load(catalogs...)
	if err != nil {
		t.Fatal(err)
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	rd, err := render.New(cat, log, templates...)
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

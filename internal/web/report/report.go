// Package report is the post-convention report of an edition: headline
// figures with the previous edition's beside them, each section with its
// charts, the docking funnel by source, a per-delegation annex and a press
// release drafted from the figures in Chinese and English, as a page and
// as a PDF (the Chromium printer). Every number is a named figure
// (internal/figures) and links to its definition. Publishing freezes what
// the report was computed from, so the published report never changes
// under later edits.
package report

import (
	"embed"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html catalog openapi.json report.css
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("report", files)

var reportCSS, _ = files.ReadFile("report.css")

// Area answers the report routes.
type Area struct{ *area.Deps }

// New keeps the shared parts.
func New(d *area.Deps) *Area { return &Area{Deps: d} }

func (a *Area) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(reportCSS)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

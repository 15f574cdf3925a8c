package area

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/convene/convene/internal/chromium"
	"github.com/convene/convene/internal/web/render"
)

// Printout is a page printed to PDF: the template doc defined in page's
// set, executed with v, printed with margin (inches) and answered as the
// download filename; without Chromium the answer is 503 with the message
// missing (the HTML page itself still prints from any browser).
type Printout struct {
	Page, Doc string
	Margin    float64
	Missing   string
	Filename  string
}

// PrintPDF answers p for v through the Chromium printer.
func (d *Deps) PrintPDF(w http.ResponseWriter, r *http.Request, v *render.View, p Printout) {
	var html bytes.Buffer
	if err := d.Render.Template(v.L, p.Page).ExecuteTemplate(&html, p.Doc, v); err != nil {
		d.Render.Fail(w, r, err)
		return
	}
	pdf, err := d.Print.PDF(r.Context(), html.String(), p.Margin)
	if errors.Is(err, chromium.ErrMissing) {
		miss := d.Render.View(r, v.Title, nil)
		miss.Flash = d.Render.T(v.L, p.Missing)
		d.Render.Page(w, r, http.StatusServiceUnavailable, "error", miss)
		return
	}
	if err != nil {
		d.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+p.Filename+`"`)
	w.Write(pdf)
}

package checkin

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/convene/convene/internal/chromium"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

// SheetMax bounds one sheet (8 badges per A4 page).
const SheetMax = 400

type sheetData struct {
	Badges  []badgeView
	Edition model.Edition
}

func (a *Area) sheet(r *http.Request) (sheetData, error) {
	ed, err := a.edition(r)
	if err != nil {
		return sheetData{}, err
	}
	n := request.QueryInt(r, "n")
	if n <= 0 || n > SheetMax {
		n = SheetMax
	}
	bs, err := a.db.Badges(r.Context(), ed.ID, n)
	if err != nil {
		return sheetData{}, err
	}
	d := sheetData{Edition: ed}
	loc := zone(ed.TimeZone)
	for _, b := range bs {
		v, err := a.view(r, b, loc)
		if err != nil {
			return d, err
		}
		d.Badges = append(d.Badges, v)
	}
	return d, nil
}

// sheetPage shows the badges as they print: A4, two across, four down.
func (a *Area) sheetPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.sheet(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	a.rd.Page(w, r, http.StatusOK, "ci_sheet", a.rd.View(r, "badge.sheet", d))
}

// sheetPDF prints the sheet through Chromium.
func (a *Area) sheetPDF(w http.ResponseWriter, r *http.Request) {
	d, err := a.sheet(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	v := a.rd.View(r, "badge.sheet", d)
	if err := a.rd.Template(v.L, "ci_sheet").ExecuteTemplate(&buf, "badge_sheet_doc", v); err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	pdf, err := a.print.PDF(r.Context(), buf.String(), 0.3)
	if errors.Is(err, chromium.ErrMissing) {
		v := a.rd.View(r, "badge.sheet", nil)
		v.Flash = a.rd.T(v.L, "badge.no_pdf")
		a.rd.Page(w, r, http.StatusServiceUnavailable, "error", v)
		return
	}
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="badges.pdf"`)
	w.Write(pdf)
}

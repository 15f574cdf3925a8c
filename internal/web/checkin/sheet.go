package checkin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

// SheetMax bounds one sheet (8 badges per A4 page).
const SheetMax = 400

type sheetData struct {
	Badges  []badgeView
	Edition model.Edition
}

func (a *Area) sheet(r *http.Request) (sheetData, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return sheetData{}, err
	}
	n := request.QueryInt(r, "n")
	if n <= 0 || n > SheetMax {
		n = SheetMax
	}
	bs, err := a.DB.Badges(r.Context(), ed.ID, n)
	if err != nil {
		return sheetData{}, err
	}
	d := sheetData{Edition: ed}
	loc := model.Zone(ed.TimeZone)
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
	a.Render.Show(w, r, "ci_sheet", "badge.sheet", d, err)
}

// sheetPDF prints the sheet through Chromium.
func (a *Area) sheetPDF(w http.ResponseWriter, r *http.Request) {
	d, err := a.sheet(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.PrintPDF(w, r, a.Render.View(r, "badge.sheet", d), area.Printout{Page: "ci_sheet", Doc: "badge_sheet_doc",
		Margin: 0.3, Missing: "badge.no_pdf", Filename: "badges.pdf"})
}

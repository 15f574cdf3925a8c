package report

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/convene/convene/internal/chart"
	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type annexLine struct {
	store.DelegationFigures
	Display string
	Place   string // the province in the reader's language when it is one
}

type reportData struct {
	Edition          model.Edition
	Prev             *model.Edition
	Lang, Other      string
	Lines            []line
	Sections         []section
	Funnel           []funnelLine
	Ranks            []string
	Annex            []annexLine
	Defs             []defLine
	Press            string
	PressZH, PressEN string // the draft form's
	Draft            bool
	Published        *store.ReportSnapshot
	Base             string // this report's URL, without ?lang
	DefBase          string // the figures' definitions (the report's own appendix)
	Computed         string
	CSS              template.CSS
}

// lang is ?lang= when it names one of ours, else the reader's language.
func lang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		return l
	}
	return request.Locale(r)
}

func (a *Area) labeler(lang string) labeler {
	return func(k string) string {
		if k == "" {
			return "–"
		}
		if a.Render.Has("report.k." + k) {
			return a.Render.T(lang, "report.k."+k)
		}
		return k
	}
}

// data builds the report's view in lang.
func (a *Area) data(fz *Frozen, lang string) reportData {
	T := func(k string) string { return a.Render.T(lang, k) }
	l := a.labeler(lang)
	e := fz.Cur.Edition
	d := reportData{Edition: e, Lang: lang, Other: map[string]string{"zh": "en", "en": "zh"}[lang], CSS: template.CSS(reportCSS),
		Lines: fz.lines(lang, T, l), Sections: fz.sections(lang, T, l), Funnel: fz.funnel(lang, l),
		DefBase: "#def-", Defs: definitions(lang), Computed: fz.Cur.At.Format("2006-01-02 15:04 UTC")}
	if fz.Prev != nil {
		p := fz.Prev.Edition
		d.Prev = &p
	}
	for i, st := range store.DockingRanks {
		if i > 0 {
			d.Ranks = append(d.Ranks, l(string(st)))
		}
	}
	for _, x := range fz.Annex {
		place := x.Province
		if p, ok := chart.Province(place); ok {
			place = p.Name(lang)
		}
		d.Annex = append(d.Annex, annexLine{x, model.DisplayName(lang, x.Name, x.NameZH), place})
	}
	d.PressZH, d.PressEN = press("zh", e, fz.lines("zh", func(k string) string { return a.Render.T("zh", k) }, a.labeler("zh"))),
		press("en", e, fz.lines("en", func(k string) string { return a.Render.T("en", k) }, a.labeler("en")))
	d.Press = d.PressEN
	if lang == "zh" {
		d.Press = d.PressZH
	}
	return d
}

func (a *Area) edition(r *http.Request) (model.Edition, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Edition{}, err
	}
	return a.DB.Edition(r.Context(), id)
}

// draft is the edition's report computed now, for the organizer.
func (a *Area) draft(r *http.Request) (*render.View, error) {
	e, err := a.edition(r)
	if err != nil {
		return nil, err
	}
	fz, err := freeze(r.Context(), a.DB, e)
	if err != nil {
		return nil, err
	}
	lg := lang(r)
	d := a.data(fz, lg)
	d.Draft, d.Base = true, "/admin/reports/"+itoa(e.ID)
	// The draft is the organizer's: each definition links to the list of
	// the records it counts (the published report is anyone's).
	cur, err := a.DB.CurrentEdition(r.Context())
	if err != nil && !model.IsNotFound(err) {
		return nil, err
	}
	for i, l := range d.Defs {
		def, _ := figures.ByName(l.Name)
		d.Defs[i].Records = def.RecordsFor(e, err == nil && cur.ID == e.ID)
	}
	if s, err := a.DB.LatestReport(r.Context(), e.ID); err == nil {
		d.Published = &s
	}
	v := a.Render.View(r, "report.title", d)
	v.L = lg
	return v, nil
}

// published is the newest published report, as frozen.
func (a *Area) published(r *http.Request) (*render.View, *store.ReportSnapshot, error) {
	e, err := a.edition(r)
	if err != nil {
		return nil, nil, err
	}
	s, err := a.DB.LatestReport(r.Context(), e.ID)
	if err != nil {
		return nil, nil, err
	}
	var fz Frozen
	if err := json.Unmarshal([]byte(s.Figures), &fz); err != nil || fz.Cur == nil {
		return nil, nil, fmt.Errorf("report snapshot %d: %v", s.ID, err)
	}
	lg := lang(r)
	d := a.data(&fz, lg)
	d.Published, d.Base = &s, "/reports/"+itoa(e.ID)
	d.Press = s.PressEN
	if lg == "zh" {
		d.Press = s.PressZH
	}
	v := a.Render.View(r, "report.title", d)
	v.L = lg
	return v, &s, nil
}

func (a *Area) draftPage(w http.ResponseWriter, r *http.Request) {
	v, err := a.draft(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "report", v)
}

func (a *Area) publishedPage(w http.ResponseWriter, r *http.Request) {
	v, _, err := a.published(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "report", v)
}

func (a *Area) printout(v *render.View) area.Printout {
	d := v.Data.(reportData)
	return area.Printout{Page: "report", Doc: "report_doc", Margin: 0.4, Missing: "report.no_pdf",
		Filename: "report-" + strings.ReplaceAll(d.Edition.Slug, `"`, "") + "-" + d.Lang + ".pdf"}
}

func (a *Area) draftPDF(w http.ResponseWriter, r *http.Request) {
	v, err := a.draft(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.PrintPDF(w, r, v, a.printout(v))
}

func (a *Area) publishedPDF(w http.ResponseWriter, r *http.Request) {
	v, _, err := a.published(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.PrintPDF(w, r, v, a.printout(v))
}

// publishOp freezes the edition's report now with the press release as
// edited (the drafts when left empty).
func (a *Area) publishOp(r *http.Request, pressZH, pressEN string) (store.ReportSnapshot, error) {
	e, err := a.edition(r)
	if err != nil {
		return store.ReportSnapshot{}, err
	}
	fz, err := freeze(r.Context(), a.DB, e)
	if err != nil {
		return store.ReportSnapshot{}, err
	}
	b, err := json.Marshal(fz)
	if err != nil {
		return store.ReportSnapshot{}, err
	}
	if strings.TrimSpace(pressZH) == "" || strings.TrimSpace(pressEN) == "" {
		d := a.data(fz, "en")
		if strings.TrimSpace(pressZH) == "" {
			pressZH = d.PressZH
		}
		if strings.TrimSpace(pressEN) == "" {
			pressEN = d.PressEN
		}
	}
	s := store.ReportSnapshot{EditionID: e.ID, Figures: string(b), PressZH: pressZH, PressEN: pressEN, PublishedBy: request.From(r).User.ID}
	err = a.DB.PublishReport(r.Context(), &s)
	return s, err
}

func (a *Area) publish(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.invalid"))
		return
	}
	s, err := a.publishOp(r, r.PostForm.Get("press_zh"), r.PostForm.Get("press_en"))
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "report.published_flash")
	http.Redirect(w, r, "/reports/"+itoa(s.EditionID)+"?lang="+lang(r), http.StatusSeeOther)
}

type snapshotJ struct {
	EditionID   int64           `json:"edition_id"`
	Version     int             `json:"version"`
	PublishedAt string          `json:"published_at"`
	PressZH     string          `json:"press_zh"`
	PressEN     string          `json:"press_en"`
	Figures     json.RawMessage `json:"figures"`
}

func snapJSON(s store.ReportSnapshot) snapshotJ {
	return snapshotJ{s.EditionID, s.Version, s.PublishedAt.UTC().Format("2006-01-02T15:04:05Z"), s.PressZH, s.PressEN, json.RawMessage(s.Figures)}
}

func (a *Area) apiPublished(w http.ResponseWriter, r *http.Request) {
	e, err := a.edition(r)
	var s store.ReportSnapshot
	if err == nil {
		s, err = a.DB.LatestReport(r.Context(), e.ID)
	}
	render.Answer(a.Render, w, r, http.StatusOK, s, err, snapJSON)
}

func (a *Area) apiPublish(w http.ResponseWriter, r *http.Request) {
	var in struct {
		PressZH string `json:"press_zh"`
		PressEN string `json:"press_en"`
	}
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	s, err := a.publishOp(r, in.PressZH, in.PressEN)
	render.Answer(a.Render, w, r, http.StatusCreated, s, err, snapJSON)
}

package contests

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/request"
)

type sheetsData struct {
	Contest store.Contest
	Sheets  []store.Sheet // the current round's first, then earlier rounds' (locked)
	Current int           // sheets in the current round
	Done    int           // of which submitted
	Others  []otherEntry  // the contest's entries not assigned to the judge: titles only
}

// otherEntry is an entry a judge does not score, for declaring a conflict
// before the assignment: its title and nothing else.
type otherEntry struct {
	ID             int64
	Title, TitleZH string
	Declared       bool
}

// sheetsPage lists the judge's assigned entries with their own progress.
func (a *Area) sheetsPage(w http.ResponseWriter, r *http.Request) {
	c, err := a.contest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if err := a.judgeOf(r, c.ID); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := sheetsData{Contest: c}
	if d.Sheets, err = a.DB.JudgeSheets(r.Context(), c.ID, request.User(r).ID); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if c.State == store.ContestEntry || c.State == store.ContestJudging {
		if d.Others, err = a.otherEntries(r, c, d.Sheets); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	v := a.Render.View(r, "judge.sheets", nil)
	for i, s := range d.Sheets {
		if s.Round == c.Round {
			d.Current++
			if s.Submitted != nil {
				d.Done++
			}
		}
		d.Sheets[i].Field = vocab.Industry.Label(v.L, s.Field) // for display only
	}
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "contest_sheets", v)
}

type criterionView struct {
	store.Criterion
	Value   string // "" when not scored yet
	Comment string
	Err     string
}

type scoreData struct {
	Contest  store.Contest
	Sheet    store.Sheet
	Criteria []criterionView
	Locked   bool
	Contact  *store.Contact     // the owner's, when the organizer lets judges see it
	Others   []store.PanelScore // the other judges' marks, anonymized, once the round is closed
}

// withContact adds the entry owner's contact details when the organizer
// allows judges to see them.
func (a *Area) withContact(r *http.Request, d scoreData) (scoreData, error) {
	c, ok, err := a.DB.JudgeEntryContact(r.Context(), d.Sheet.EntryID, request.User(r).ID)
	if ok {
		d.Contact = &c
	}
	if err == nil {
		d.Others, err = a.DB.PanelScores(r.Context(), d.Sheet.EntryID, request.User(r).ID)
	}
	for i, o := range d.Others { // criterion names for display
		for _, cr := range d.Contest.Rubric {
			if cr.Key == o.Criterion {
				d.Others[i].Criterion = model.DisplayName(request.Locale(r), cr.Name, cr.NameZH)
			}
		}
	}
	return d, err
}

// sheetForm is the judge's sheet in the path and its posted form.
func (a *Area) sheetForm(r *http.Request) (store.Contest, store.Sheet, error) {
	c, s, err := a.sheet(r)
	if err == nil {
		err = request.Form(r)
	}
	return c, s, err
}

// sheet finds the judge's sheet for the entry in the path, in the round
// ?round= names (an earlier round's, to read) or else the latest; an entry
// not assigned to the judge (or conflicted) is not found.
func (a *Area) sheet(r *http.Request) (store.Contest, store.Sheet, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.Contest{}, store.Sheet{}, err
	}
	e, err := a.DB.EntryByID(r.Context(), id)
	if err != nil {
		return store.Contest{}, store.Sheet{}, err
	}
	c, err := a.DB.ContestByID(r.Context(), e.ContestID)
	if err != nil {
		return c, store.Sheet{}, err
	}
	sheets, err := a.DB.JudgeSheets(r.Context(), c.ID, request.User(r).ID)
	if err != nil {
		return c, store.Sheet{}, err
	}
	round, _ := strconv.Atoi(r.URL.Query().Get("round"))
	for _, s := range sheets { // the latest round first
		if s.EntryID == id && (round == 0 || s.Round == round) {
			return c, s, nil
		}
	}
	return c, store.Sheet{}, model.Errorf(model.Forbidden, "err.contest.not_assigned")
}

func (a *Area) scoreView(lang string, c store.Contest, s store.Sheet, form map[string][2]string, errs map[string]string) scoreData {
	s.Field = vocab.Industry.Label(lang, s.Field) // for display only
	// An earlier round's sheet is locked even while the current one is open.
	d := scoreData{Contest: c, Sheet: s, Locked: c.State != store.ContestJudging || s.Round != c.Round}
	for _, cr := range c.Rubric {
		cv := criterionView{Criterion: cr, Comment: s.Comments[cr.Key]}
		if v, ok := s.Scores[cr.Key]; ok {
			cv.Value = strconv.Itoa(v)
		}
		if f, ok := form[cr.Key]; ok {
			cv.Value, cv.Comment = f[0], f[1]
		}
		cv.Err = errs[cr.Key]
		d.Criteria = append(d.Criteria, cv)
	}
	return d
}

// scorePage is the phone-friendly scoring form: one criterion after the
// other, its anchors, a number and a comment; read-only once closed.
func (a *Area) scorePage(w http.ResponseWriter, r *http.Request) {
	c, s, err := a.sheet(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "judge.score", nil)
	d, err := a.withContact(r, a.scoreView(v.L, c, s, nil, nil))
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v.Data = d
	v.Title = model.DisplayName(v.L, s.ProjectTitle, s.ProjectZH)
	a.Render.Page(w, r, http.StatusOK, "contest_score", v)
}

// score saves the marks as a draft (action=draft) or submits the sheet.
func (a *Area) score(w http.ResponseWriter, r *http.Request) {
	c, s, err := a.sheetForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	form := map[string][2]string{}
	var marks []store.Mark
	p := model.Problems{}
	for _, cr := range c.Rubric {
		raw := strings.TrimSpace(r.PostForm.Get("score_" + cr.Key))
		note := strings.TrimSpace(r.PostForm.Get("comment_" + cr.Key))
		form[cr.Key] = [2]string{raw, note}
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil {
			p.Add(cr.Key, "err.number")
			continue
		}
		marks = append(marks, store.Mark{Criterion: cr.Key, Value: n, Comment: note})
	}
	submit := r.PostForm.Get("action") == "submit"
	err = p.Err()
	if err == nil {
		err = a.DB.SaveScores(r.Context(), s.EntryID, request.User(r).ID, marks, submit)
	}
	if me := model.AsError(err); me != nil && (me.Code == model.Invalid || me.Code == model.Conflict) {
		errs := map[string]string{}
		for k, key := range me.Fields {
			errs[k] = a.Render.T(request.Locale(r), key)
		}
		v := a.Render.View(r, "judge.score", nil)
		v.Data, _ = a.withContact(r, a.scoreView(v.L, c, s, form, errs))
		v.Title = model.DisplayName(v.L, s.ProjectTitle, s.ProjectZH)
		v.Flash = a.Render.T(v.L, me.Key)
		code := http.StatusUnprocessableEntity
		if me.Code == model.Conflict {
			code = http.StatusConflict
		}
		a.Render.Page(w, r, code, "contest_score", v)
		return
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if submit {
		back(w, r, "/contests/"+itoa(c.ID)+"/judge", "flash.judge.submitted")
		return
	}
	back(w, r, "/entries/"+itoa(s.EntryID)+"/score", "flash.judge.draft")
}

// declareConflict: the judge declares a conflict with an assigned entry,
// which leaves the judge's list; the organizer reassigns it.
func (a *Area) declareConflict(w http.ResponseWriter, r *http.Request) {
	c, s, err := a.sheetForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u := request.User(r)
	note := conflictNote(r.PostForm.Get("note"))
	a.after(w, r, "/contests/"+itoa(c.ID)+"/judge", a.DB.DeclareConflict(r.Context(), s.EntryID, u.ID, "declared", note, u.ID), "flash.judge.conflict")
}

// otherEntries are the contest's entries in the current round not on the
// judge's sheets, with whether the judge has declared a conflict with each.
func (a *Area) otherEntries(r *http.Request, c store.Contest, sheets []store.Sheet) ([]otherEntry, error) {
	ctx, me, contestID := r.Context(), request.User(r).ID, c.ID
	es, err := a.DB.ContestEntries(ctx, contestID)
	if err != nil {
		return nil, err
	}
	ks, err := a.DB.ContestConflicts(ctx, contestID)
	if err != nil {
		return nil, err
	}
	mine := map[int64]bool{}
	for _, s := range sheets {
		mine[s.EntryID] = true
	}
	declared := map[int64]bool{}
	for _, k := range ks {
		if k.JudgeID == me {
			declared[k.EntryID] = true
		}
	}
	var out []otherEntry
	for _, e := range es {
		if !mine[e.ID] && e.Round == c.Round {
			out = append(out, otherEntry{ID: e.ID, Title: e.ProjectTitle, TitleZH: e.ProjectZH, Declared: declared[e.ID]})
		}
	}
	return out, nil
}

// preDeclare records the judge's conflict with one of the contest's
// entries not assigned to them, so the assignment leaves them out.
func (a *Area) preDeclare(w http.ResponseWriter, r *http.Request) {
	c, err := a.contestForm(r)
	if err == nil {
		err = a.judgeOf(r, c.ID)
	}
	var e store.EntryRow
	if err == nil {
		id, perr := strconv.ParseInt(r.PostForm.Get("entry_id"), 10, 64)
		if e, err = a.DB.EntryByID(r.Context(), id); perr != nil || err == nil && e.ContestID != c.ID {
			err = model.ErrNotFound("entry")
		}
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u := request.User(r)
	note := conflictNote(r.PostForm.Get("note"))
	a.after(w, r, "/contests/"+itoa(c.ID)+"/judge", a.DB.DeclareConflict(r.Context(), e.ID, u.ID, "declared", note, u.ID), "flash.judge.conflict")
}

// conflictNote is a judge's note on a conflict, trimmed and cut to 500
// characters: runes, not bytes, so a Chinese note is never cut mid-character
// (500 bytes split the 167th of them).
func conflictNote(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 500 {
		return s
	}
	return string([]rune(s)[:500])
}

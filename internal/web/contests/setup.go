package contests

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// defaultRubric is what the set-up form offers first: one criterion a line,
// "key | name | 中文名 | weight | max | anchors" with anchors as "3=text; 9=text".
const defaultRubric = `innovation | Innovation | 创新性 | 0.3 | 10 | 3=incremental; 9=new to the field
market | Market potential | 市场前景 | 0.25 | 10 | 3=niche; 9=large and growing
team | Team | 团队 | 0.2 | 10 | 3=founders only; 9=complete, proven team
feasibility | Feasibility | 可行性 | 0.15 | 10 | 3=idea; 9=working product
impact | Social impact | 社会效益 | 0.1 | 10`

type setupData struct {
	Rubric   string
	ID       int64           // the contest edited; 0 for a new one
	Eligible map[string]bool // the project sources ticked as eligible
}

// sources are the project sources a contest may restrict entries to.
var sources = []string{string(model.SourceTalent), string(model.SourceDelegation), string(model.SourceExpert), string(model.SourceContest)}

// Sources lists them for the form.
func (setupData) Sources() []string { return sources }

func ticked(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// newPage is the contest set-up form.
func (a *Area) newPage(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "contest.new", setupData{Rubric: defaultRubric})
	v.Form.Set("k", "3")
	v.Form.Set("select_n", "10")
	// No rounds by default: named rounds mean judging round by round
	// (advance the top N, then select), which the organizer opts into.
	a.Render.Page(w, r, http.StatusOK, "contest_new", v)
}

// parseRubric reads the rubric text; problems go on "rubric".
func parseRubric(s string) ([]store.Criterion, bool) {
	var out []store.Criterion
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 5 {
			return nil, false
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		wt, err1 := strconv.ParseFloat(f[3], 64)
		mx, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil {
			return nil, false
		}
		c := store.Criterion{Key: f[0], Name: f[1], NameZH: f[2], Weight: wt, Max: mx}
		if len(f) > 5 && f[5] != "" {
			for _, an := range strings.Split(f[5], ";") {
				n, text, ok := strings.Cut(strings.TrimSpace(an), "=")
				sc, err := strconv.Atoi(strings.TrimSpace(n))
				if !ok || err != nil {
					return nil, false
				}
				c.Anchors = append(c.Anchors, store.Anchor{Score: sc, Text: strings.TrimSpace(text), TextZH: strings.TrimSpace(text)})
			}
		}
		out = append(out, c)
	}
	return out, len(out) > 0
}

func slug(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Join(strings.Fields(s), "-")
}

// readContest fills c's set-up from the posted form; problems go in p.
func readContest(f url.Values, c *store.Contest, p model.Problems) {
	c.Name, c.NameZH, c.TieBreak = f.Get("name"), f.Get("name_zh"), f.Get("tie_break")
	c.Tracks, c.Rounds, c.OpensAt, c.ClosesAt = nil, nil, nil, nil
	c.Eligible = f["eligible"]
	for _, t := range model.SplitList(f.Get("tracks")) {
		c.Tracks = append(c.Tracks, store.Track{Key: slug(t), Name: t, NameZH: t})
	}
	for _, rd := range model.SplitList(f.Get("rounds")) {
		c.Rounds = append(c.Rounds, store.Round{Name: rd, NameZH: rd})
	}
	var ok bool
	if c.Rubric, ok = parseRubric(f.Get("rubric")); !ok {
		p.Add("rubric", "err.contest.rubric")
	}
	c.K, _ = strconv.Atoi(f.Get("k"))
	c.SelectN, _ = strconv.Atoi(f.Get("select_n"))
	c.GrantYuan, _ = strconv.ParseInt(f.Get("grant_yuan"), 10, 64)
	if s := f.Get("opens_at"); s != "" {
		t := request.ParseDate(p, "opens_at", s)
		c.OpensAt = &t
	}
	if s := f.Get("closes_at"); s != "" {
		t := request.ParseDate(p, "closes_at", s)
		t = t.AddDate(0, 0, 1) // the whole closing day
		c.ClosesAt = &t
	}
	if err := c.Validate(); err != nil {
		p.Merge(err)
	}
}

// create saves a new contest of the current edition.
func (a *Area) create(w http.ResponseWriter, r *http.Request) {
	if err := request.Form(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	f := r.PostForm
	ed, err := a.DB.CurrentEdition(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	p := model.Problems{}
	c := store.Contest{EditionID: ed.ID}
	readContest(f, &c, p)
	if err := p.Err(); err != nil {
		a.Render.FormError(w, r, "contest_new", "contest.new", err, setupData{Rubric: f.Get("rubric"), Eligible: ticked(f["eligible"])})
		return
	}
	if err := a.DB.CreateContest(r.Context(), &c, request.User(r).ID); err != nil {
		a.Render.FormError(w, r, "contest_new", "contest.new", err, setupData{Rubric: f.Get("rubric"), Eligible: ticked(f["eligible"])})
		return
	}
	back(w, r, "/contests/"+itoa(c.ID), "flash.contest.created")
}

// rubricText writes a rubric back as the form's lines (see defaultRubric).
func rubricText(rs []store.Criterion) string {
	var b strings.Builder
	for i, cr := range rs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s | %s | %s | %s | %d", cr.Key, cr.Name, cr.NameZH, strconv.FormatFloat(cr.Weight, 'f', -1, 64), cr.Max)
		for j, an := range cr.Anchors {
			sep := "; "
			if j == 0 {
				sep = " | "
			}
			fmt.Fprintf(&b, "%s%d=%s", sep, an.Score, an.Text)
		}
	}
	return b.String()
}

// editable is the contest in the path while its set-up may change (it
// takes entries); otherwise back to its page saying why.
func (a *Area) editable(w http.ResponseWriter, r *http.Request) (store.Contest, bool) {
	c, err := a.contest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return c, false
	}
	if c.State != store.ContestEntry {
		back(w, r, "/contests/"+itoa(c.ID), "err.contest.locked")
		return c, false
	}
	return c, true
}

// editPageContest is the contest set-up form filled with what is saved.
func (a *Area) editPageContest(w http.ResponseWriter, r *http.Request) {
	c, ok := a.editable(w, r)
	if !ok {
		return
	}
	v := a.Render.View(r, "contest.edit", setupData{Rubric: rubricText(c.Rubric), ID: c.ID, Eligible: ticked(c.Eligible)})
	var tracks, rounds []string
	for _, t := range c.Tracks {
		tracks = append(tracks, t.Name)
	}
	for _, rd := range c.Rounds {
		rounds = append(rounds, rd.Name)
	}
	v.Form.Set("name", c.Name)
	v.Form.Set("name_zh", c.NameZH)
	v.Form.Set("tracks", strings.Join(tracks, ", "))
	v.Form.Set("rounds", strings.Join(rounds, ", "))
	if c.OpensAt != nil {
		v.Form.Set("opens_at", c.OpensAt.Format(time.DateOnly))
	}
	if c.ClosesAt != nil {
		v.Form.Set("closes_at", c.ClosesAt.AddDate(0, 0, -1).Format(time.DateOnly))
	}
	v.Form.Set("k", strconv.Itoa(c.K))
	v.Form.Set("select_n", strconv.Itoa(c.SelectN))
	v.Form.Set("tie_break", c.TieBreak)
	v.Form.Set("grant_yuan", strconv.FormatInt(c.GrantYuan, 10))
	a.Render.Page(w, r, http.StatusOK, "contest_new", v)
}

// update saves the edited set-up: every problem at once, nothing changed
// on bad input; what entries or scores rest on is refused by the store.
func (a *Area) update(w http.ResponseWriter, r *http.Request) {
	c, ok := a.editable(w, r)
	if !ok {
		return
	}
	if err := request.Form(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	f := r.PostForm
	p := model.Problems{}
	readContest(f, &c, p)
	err := p.Err()
	if err == nil {
		err = a.DB.UpdateContest(r.Context(), &c, request.User(r).ID)
	}
	if model.ErrorCode(err) == model.Conflict {
		back(w, r, "/contests/"+itoa(c.ID), "err.contest.locked")
		return
	}
	if err != nil {
		a.Render.FormError(w, r, "contest_new", "contest.edit", err, setupData{Rubric: f.Get("rubric"), ID: c.ID, Eligible: ticked(f["eligible"])})
		return
	}
	back(w, r, "/contests/"+itoa(c.ID), "flash.contest.updated")
}

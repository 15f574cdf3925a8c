package contests

import (
	"net/http"
	"strconv"
	"strings"

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
	Rubric string
}

// newPage is the contest set-up form.
func (a *Area) newPage(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "contest.new", setupData{Rubric: defaultRubric})
	v.Form.Set("k", "3")
	v.Form.Set("select_n", "10")
	v.Form.Set("rounds", "Screening, Final")
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
	c := store.Contest{EditionID: ed.ID, Name: f.Get("name"), NameZH: f.Get("name_zh"), TieBreak: f.Get("tie_break")}
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
	if err := p.Err(); err != nil {
		a.Render.FormError(w, r, "contest_new", "contest.new", err, setupData{Rubric: f.Get("rubric")})
		return
	}
	if err := a.DB.CreateContest(r.Context(), &c, request.User(r).ID); err != nil {
		a.Render.FormError(w, r, "contest_new", "contest.new", err, setupData{Rubric: f.Get("rubric")})
		return
	}
	back(w, r, "/contests/"+itoa(c.ID), "flash.contest.created")
}

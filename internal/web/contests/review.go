package contests

import (
	"context"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// rankContest ranks a contest's current round.
func (a *Area) rankContest(ctx context.Context, c store.Contest) (judging.Ranking, error) {
	return a.rankRound(ctx, c, c.Round)
}

// rankRound ranks one round's scores with the contest's rubric, selection
// size and tie-break rule.
func (a *Area) rankRound(ctx context.Context, c store.Contest, round int) (judging.Ranking, error) {
	rows, err := a.DB.RoundScores(ctx, c.ID, round)
	if err != nil {
		return judging.Ranking{}, err
	}
	in := judging.RankInput{Rubric: rubric(c), Select: c.SelectN, TieBreak: c.TieBreak, MinPerJudge: 3, Scores: make([]judging.Score, len(rows))}
	for i, s := range rows {
		in.Scores[i] = judging.Score{Entry: s.EntryID, Judge: s.JudgeID, Criterion: s.Criterion, Value: s.Value}
	}
	return judging.Rank(in), nil
}

// rankedEntries ranks the current round and reads the contest's entries,
// also by id: the two halves of every ranking's rows.
func (a *Area) rankedEntries(ctx context.Context, c store.Contest) (judging.Ranking, []store.EntryRow, map[int64]store.EntryRow, error) {
	rk, err := a.rankContest(ctx, c)
	if err != nil {
		return rk, nil, nil, err
	}
	es, err := a.DB.ContestEntries(ctx, c.ID)
	byID := make(map[int64]store.EntryRow, len(es))
	for _, e := range es {
		byID[e.ID] = e
	}
	return rk, es, byID, err
}

type reviewRow struct {
	judging.Ranked
	Entry    store.EntryRow
	Selected bool         // proposed (top N by the method used) or recorded
	Earlier  []roundScore // the entry's scores in the rounds before this one
}

// roundScore is an entry's raw and normalized score in one round.
type roundScore struct {
	Round           store.Round
	Scored          bool
	Raw, Normalized float64
}

// behindRow is an entry left behind at the close of an earlier round,
// with its score there.
type behindRow struct {
	Entry store.EntryRow
	Round store.Round
	Score roundScore
}

type trackFigures struct {
	Track             store.Track
	Entries, Selected int
}

type grantFigures struct {
	Policy   store.Policy
	Projects int   // this contest's projects meeting the policy
	Sum      int64 // and the grants they add up to
}

type reviewData struct {
	Contest  store.Contest
	Ranking  judging.Ranking
	Earlier  []store.Round // the rounds before the current one, for the columns
	Behind   []behindRow
	AdvanceN int // the advance form's default
	Rows     []reviewRow
	Depends  int
	Min      string // the threshold asked for, if any
	Entries  int
	Selected int
	Tracks   []trackFigures
	Grants   []grantFigures
}

// figures counts entries and selected ones per track, and, for each
// project policy, how many of the contest's projects meet it and the sum
// of their grants (for the report).
func (a *Area) figures(ctx context.Context, c store.Contest, es []store.EntryRow, d *reviewData) error {
	at := map[string]int{}
	for _, t := range c.Tracks {
		at[t.Key] = len(d.Tracks)
		d.Tracks = append(d.Tracks, trackFigures{Track: t})
	}
	inContest := map[int64]bool{}
	for _, e := range es {
		inContest[e.ProjectID] = true
		i, ok := at[e.Track]
		if !ok {
			at[e.Track] = len(d.Tracks)
			i = len(d.Tracks)
			d.Tracks = append(d.Tracks, trackFigures{Track: store.Track{Key: e.Track, Name: e.Track, NameZH: e.Track}})
		}
		d.Tracks[i].Entries++
		d.Entries++
		if e.Status == model.EntrySelected {
			d.Tracks[i].Selected++
			d.Selected++
		}
	}
	ps, err := a.DB.ListPolicies(ctx, c.EditionID)
	if err != nil {
		return err
	}
	var subs []store.Subject
	for _, p := range ps {
		if p.Subject != "project" {
			continue
		}
		cp, err := p.Compile()
		if err != nil {
			continue
		}
		if subs == nil {
			if subs, err = a.DB.ProjectSubjects(ctx, c.EditionID); err != nil {
				return err
			}
		}
		g := grantFigures{Policy: p}
		for _, s := range subs {
			if inContest[s.ID] && cp.Met(s.Facts) {
				g.Projects++
			}
		}
		g.Sum = int64(g.Projects) * p.AmountYuan
		d.Grants = append(d.Grants, g)
	}
	return nil
}

// reviewPage shows raw and normalized ranks side by side, the spread per
// entry, Kendall's W, the entries whose rank depends on the method, and
// the selection form (the top N checked) once the round is closed.
func (a *Area) reviewPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := a.closedContest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	rk, es, byID, err := a.rankedEntries(ctx, c)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := reviewData{Contest: c, Ranking: rk}
	// Earlier rounds: each entry's raw and normalized score there, ranked
	// as that round's own review showed it.
	past := make([]map[int64]roundScore, c.Round)
	for n := 1; n < c.Round; n++ {
		prk, err := a.rankRound(ctx, c, n)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		past[n] = map[int64]roundScore{}
		for _, x := range prk.Entries {
			past[n][x.Entry] = roundScore{Round: c.RoundAt(n), Scored: true, Raw: x.Raw, Normalized: x.Normalized}
		}
		d.Earlier = append(d.Earlier, c.RoundAt(n))
	}
	for _, e := range es {
		if e.Round < c.Round {
			d.Behind = append(d.Behind, behindRow{Entry: e, Round: c.RoundAt(e.Round), Score: past[e.Round][e.ID]})
		}
	}
	d.AdvanceN = advanceDefault(c.SelectN, len(rk.Entries))
	// ?min=7.5 proposes every entry scoring at least that (by the method
	// used) instead of the top N.
	min, byMin := 0.0, false
	if s := r.URL.Query().Get("min"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.invalid", "min", "err.number"))
			return
		}
		min, byMin, d.Min = v, true, s
	}
	for _, x := range rk.Entries {
		e := byID[x.Entry]
		sel := x.Rank <= c.SelectN
		if byMin {
			score := x.Raw
			if rk.Normalized {
				score = x.Normalized
			}
			sel = score >= min
		}
		if c.State == store.ContestDecided {
			sel = e.Status == model.EntrySelected
		}
		if x.Depends {
			d.Depends++
		}
		row := reviewRow{Ranked: x, Entry: e, Selected: sel}
		for n := 1; n < c.Round; n++ {
			sc := past[n][x.Entry]
			sc.Round = c.RoundAt(n)
			row.Earlier = append(row.Earlier, sc)
		}
		d.Rows = append(d.Rows, row)
	}
	if err := a.figures(ctx, c, es, &d); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "contest_review", a.Render.View(r, "contest.review", d))
}

// selectTop records the organizer's selection (the entries checked).
func (a *Area) selectTop(w http.ResponseWriter, r *http.Request) {
	c, err := a.contestForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var ids []int64
	for _, s := range r.PostForm["entry_id"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.form"))
			return
		}
		ids = append(ids, id)
	}
	if err := a.DB.Select(r.Context(), c.ID, ids, request.User(r).ID, r.PostForm.Get("note")); err != nil {
		if me := model.AsError(err); me != nil && me.Code != model.Forbidden {
			back(w, r, "/contests/"+itoa(c.ID)+"/review", me.Key)
			return
		}
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "/contests/"+itoa(c.ID)+"/review", "flash.contest.selected")
}

// publish lets owners see their own scores.
func (a *Area) publish(w http.ResponseWriter, r *http.Request) {
	c, err := a.contest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.after(w, r, "/contests/"+itoa(c.ID)+"/review", a.DB.PublishScores(r.Context(), c.ID, request.User(r).ID), "flash.contest.published")
}

// showContacts switches whether the contest's judges see the owners'
// contact details (show=on or off).
func (a *Area) showContacts(w http.ResponseWriter, r *http.Request) {
	c, err := a.contestForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	on := r.PostForm.Get("show") == "on"
	flash := "flash.contest.contacts_hidden"
	if on {
		flash = "flash.contest.contacts_shown"
	}
	a.after(w, r, "/contests/"+itoa(c.ID), a.DB.SetShowContacts(r.Context(), c.ID, on, request.User(r).ID), flash)
}

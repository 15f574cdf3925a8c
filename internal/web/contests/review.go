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

// rankContest ranks a contest's scores with its rubric, selection size and
// tie-break rule.
func (a *Area) rankContest(ctx context.Context, c store.Contest) (judging.Ranking, error) {
	rows, err := a.db.ContestScores(ctx, c.ID)
	if err != nil {
		return judging.Ranking{}, err
	}
	in := judging.RankInput{Rubric: rubric(c), Select: c.SelectN, TieBreak: c.TieBreak, MinPerJudge: 3, Scores: make([]judging.Score, len(rows))}
	for i, s := range rows {
		in.Scores[i] = judging.Score{Entry: s.EntryID, Judge: s.JudgeID, Criterion: s.Criterion, Value: s.Value}
	}
	return judging.Rank(in), nil
}

type reviewRow struct {
	judging.Ranked
	Entry    store.EntryRow
	Selected bool // proposed (top N by the method used) or recorded
}

type reviewData struct {
	Contest store.Contest
	Ranking judging.Ranking
	Rows    []reviewRow
	Depends int
}

// reviewPage shows raw and normalized ranks side by side, the spread per
// entry, Kendall's W, the entries whose rank depends on the method, and
// the selection form (the top N checked) once the round is closed.
func (a *Area) reviewPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := a.contest(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	if c.State != store.ContestClosed && c.State != store.ContestDecided {
		a.rd.Fail(w, r, model.Errorf(model.Conflict, "err.contest.not_closed"))
		return
	}
	rk, err := a.rankContest(ctx, c)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	es, err := a.db.ContestEntries(ctx, c.ID)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	byID := map[int64]store.EntryRow{}
	for _, e := range es {
		byID[e.ID] = e
	}
	d := reviewData{Contest: c, Ranking: rk}
	for _, x := range rk.Entries {
		e := byID[x.Entry]
		sel := x.Rank <= c.SelectN
		if c.State == store.ContestDecided {
			sel = e.Status == model.EntrySelected
		}
		if x.Depends {
			d.Depends++
		}
		d.Rows = append(d.Rows, reviewRow{Ranked: x, Entry: e, Selected: sel})
	}
	a.rd.Page(w, r, http.StatusOK, "contest_review", a.rd.View(r, "contest.review", d))
}

// selectTop records the organizer's selection (the entries checked).
func (a *Area) selectTop(w http.ResponseWriter, r *http.Request) {
	c, err := a.contest(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		a.rd.Fail(w, r, model.Errorf(model.Invalid, "err.form"))
		return
	}
	var ids []int64
	for _, s := range r.PostForm["entry_id"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			a.rd.Fail(w, r, model.Errorf(model.Invalid, "err.form"))
			return
		}
		ids = append(ids, id)
	}
	if err := a.db.Select(r.Context(), c.ID, ids, request.User(r).ID, r.PostForm.Get("note")); err != nil {
		if me := model.AsError(err); me != nil && me.Code != model.Forbidden {
			back(w, r, "/contests/"+itoa(c.ID)+"/review", me.Key)
			return
		}
		a.rd.Fail(w, r, err)
		return
	}
	back(w, r, "/contests/"+itoa(c.ID)+"/review", "flash.contest.selected")
}

// publish lets owners see their own scores.
func (a *Area) publish(w http.ResponseWriter, r *http.Request) {
	c, err := a.contest(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	if err := a.db.PublishScores(r.Context(), c.ID, request.User(r).ID); err != nil {
		if model.ErrorCode(err) == model.Conflict {
			back(w, r, "/contests/"+itoa(c.ID)+"/review", "err.contest.state")
			return
		}
		a.rd.Fail(w, r, err)
		return
	}
	back(w, r, "/contests/"+itoa(c.ID)+"/review", "flash.contest.published")
}

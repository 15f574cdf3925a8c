package contests

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// advanceDefault is the advance form's n: the contest's number to select
// when it fits the round, else half the ranked entries (rounded up), a
// screening's usual cut.
func advanceDefault(selectN, ranked int) int {
	if selectN >= 1 && selectN <= ranked {
		return selectN
	}
	return max(1, (ranked+1)/2)
}

// advance ends a closed round that is not the last (round, n): the top n
// entries by the review's ranking go on to the next round, the others stay
// behind, and the engine assigns the new round's judges (conflicts of
// every round respected), all in one transaction. Bad input is answered
// on the review page with nothing changed.
func (a *Area) advance(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := a.contestForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	to := "/contests/" + itoa(c.ID) + "/review"
	from, err := strconv.Atoi(r.PostForm.Get("round"))
	switch {
	case err != nil || from != c.Round:
		back(w, r, "/contests/"+itoa(c.ID), "err.contest.stale")
		return
	case c.State == store.ContestJudging:
		back(w, r, "/contests/"+itoa(c.ID), "err.contest.advance_open")
		return
	case c.State != store.ContestClosed:
		back(w, r, "/contests/"+itoa(c.ID), "err.contest.state")
		return
	case c.Last():
		back(w, r, to, "err.contest.last_round")
		return
	}
	rk, err := a.rankContest(ctx, c)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("n")))
	if err != nil || n < 1 || n > len(rk.Entries) {
		back(w, r, to, "err.contest.advance_n")
		return
	}
	ids := make([]int64, n)
	for i, x := range rk.Entries[:n] {
		ids[i] = x.Entry
	}
	in, _, _, _, err := a.assignInput(ctx, c)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	in.Entries = ids // the next round's entries
	out := judging.Assign(in)
	pairs := make([]store.Pair, len(out.Pairs))
	for i, p := range out.Pairs {
		pairs[i] = store.Pair{EntryID: p.Entry, JudgeID: p.Judge}
	}
	if err := a.DB.AdvanceRound(ctx, c.ID, from, ids, pairs, request.User(r).ID); err != nil {
		if me := model.AsError(err); me != nil && (me.Code == model.Conflict || me.Code == model.Invalid) {
			back(w, r, "/contests/"+itoa(c.ID), me.Key)
			return
		}
		a.Render.Fail(w, r, err)
		return
	}
	flash := "flash.contest.advanced"
	if len(out.Short) > 0 || !out.Balanced {
		flash = "flash.contest.advanced_short"
	}
	back(w, r, "/contests/"+itoa(c.ID)+"/assignment", flash)
}

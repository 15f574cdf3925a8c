package contests

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

func fmtInt(n int64) string { return strconv.FormatInt(n, 10) }

type listData struct {
	Contests []store.Contest
	Entries  []store.EntryRow // a talent's own
}

// listPage is each role's start: organizers see every contest of the
// edition, judges the contests they sit on, talents the contests and
// their own entries.
func (a *Area) listPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := request.User(r)
	var d listData
	var err error
	if u.Role == model.RoleJudge {
		d.Contests, err = a.DB.ContestsForJudge(ctx, u.ID)
	} else {
		var ed model.Edition
		if ed, err = a.DB.CurrentEdition(ctx); err == nil {
			d.Contests, err = a.DB.ListContests(ctx, ed.ID)
		} else if model.IsNotFound(err) {
			err = nil
		}
	}
	if err == nil && (u.Role == model.RoleTalent || u.Role == model.RoleDelegation) {
		d.Entries, err = a.DB.OwnerEntries(ctx, u.ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "contests", a.Render.View(r, "contest.list", d))
}

func parseID(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }

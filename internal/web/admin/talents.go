package admin

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// talentListData is the organizer's list of talent profiles: the records
// behind the talent figures (internal/figures links here with the
// figure's own scope), filtered, counted and paged.
type talentListData struct {
	request.Pager
	Talents []model.Talent
	Total   int
	Filter  store.TalentFilter
	Edition *model.Edition // the scope's edition, when the list is one figure's
}

// talentFilter reads the list's filters. edition=N keeps those registered
// before edition N closed (as its talent figures count them), or with
// applied=1 those who applied to its posts (the platform stays open
// between editions, so whenever they registered), with video=1 to its
// video fair's. An unknown category, degree or intent is refused, not ignored,
// so a list never looks narrower than it is.
func (a *Area) talentFilter(r *http.Request) (store.TalentFilter, *model.Edition, error) {
	q := r.URL.Query()
	f := store.TalentFilter{Category: model.TalentCategory(q.Get("category")), Degree: model.Degree(q.Get("degree")),
		Intent: model.Intent(q.Get("intent")), Residence: q.Get("residence"), Discipline: q.Get("discipline"),
		HasCV: q.Get("cv") == "1", Query: q.Get("q")}
	pr := model.Problems{}
	if f.Category != "" && !f.Category.Valid() {
		pr.Add("category", "err.choice")
	}
	if f.Degree != "" && !f.Degree.Valid() {
		pr.Add("degree", "err.choice")
	}
	if f.Intent != "" && !f.Intent.Valid() {
		pr.Add("intent", "err.choice")
	}
	var ed *model.Edition
	if s := q.Get("edition"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			pr.Add("edition", "err.number")
		} else if e, err := a.DB.Edition(r.Context(), id); err != nil {
			return f, nil, err
		} else {
			ed = &e
			switch {
			case q.Get("video") == "1":
				f.VideoIn = e.ID
			case q.Get("applied") == "1":
				f.AppliedIn = e.ID
			default:
				_, f.Before = figures.Window(e)
			}
		}
	}
	return f, ed, pr.Err()
}

func (a *Area) talentList(w http.ResponseWriter, r *http.Request) {
	f, ed, err := a.talentFilter(r)
	d := talentListData{Pager: request.NewPager(r, "/admin/talents"), Filter: f, Edition: ed}
	if me := model.AsError(err); me != nil && me.Code == model.Invalid {
		// The form again with its problems, and no list, rather than an
		// error page the filters cannot be corrected from.
		v := a.Render.View(r, "talents.title", d)
		v.Errors, v.Flash = me.Fields, v.T(me.Key)
		a.Render.Page(w, r, http.StatusUnprocessableEntity, "talents", v)
		return
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	f.Limit, f.Offset = d.Pager.Limit(), d.Pager.Offset()
	l, err := a.DB.ListTalents(r.Context(), f)
	if err == nil {
		d.Total, err = a.DB.CountTalents(r.Context(), f)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "talents.title", nil)
	d.Talents = talentsIn(v.L, request.Trim(&d.Pager, l))
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "talents", v)
}

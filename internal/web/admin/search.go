package admin

import (
	"net/http"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
)

// searchShown is how many of each kind a search shows.
const searchShown = 20

type searchData struct {
	Query   string
	Orgs    []model.Organization
	Talents []model.Talent
	Posts   []model.Post
}

// doSearch looks for q in organizations, talents and posts at once. When q
// is a place, industry or discipline the vocabulary knows, its spellings in
// both languages are looked for too, so "Guangzhou" finds posts in 广州市
// and "Guangdong" the delegation of 广东省.
func (a *Area) doSearch(r *http.Request) (searchData, error) {
	d := searchData{Query: r.URL.Query().Get("q")}
	if d.Query == "" {
		return d, nil
	}
	ctx := r.Context()
	for _, q := range spellings(d.Query) {
		orgs, err := a.DB.ListOrganizations(ctx, store.OrgFilter{Query: q, Limit: searchShown})
		if err != nil {
			return d, err
		}
		talents, err := a.DB.ListTalents(ctx, store.TalentFilter{Query: q, Limit: searchShown})
		if err != nil {
			return d, err
		}
		posts, err := a.DB.ListPosts(ctx, store.PostFilter{Query: q, Limit: searchShown})
		if err != nil {
			return d, err
		}
		d.Orgs = union(d.Orgs, orgs, func(o model.Organization) int64 { return o.ID })
		d.Talents = union(d.Talents, talents, func(t model.Talent) int64 { return t.ID })
		d.Posts = union(d.Posts, posts, func(p model.Post) int64 { return p.ID })
	}
	return d, nil
}

// spellings are q and, when the vocabulary knows it as a city, province,
// industry or discipline, that term's English and Chinese names.
func spellings(q string) []string {
	out := []string{q}
	seen := map[string]bool{strings.ToLower(strings.TrimSpace(q)): true}
	for _, k := range []vocab.Kind{vocab.City, vocab.Province, vocab.Industry, vocab.Discipline} {
		t, ok := k.Lookup(q)
		if !ok {
			continue
		}
		for _, s := range []string{t.EN, t.ZH} {
			if l := strings.ToLower(s); s != "" && !seen[l] {
				seen[l] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// union appends to l the rows of more it lacks (by id), up to searchShown.
func union[T any](l, more []T, id func(T) int64) []T {
	have := make(map[int64]bool, len(l))
	for _, x := range l {
		have[id(x)] = true
	}
	for _, x := range more {
		if len(l) >= searchShown {
			break
		}
		if !have[id(x)] {
			have[id(x)] = true
			l = append(l, x)
		}
	}
	return l
}

func (a *Area) search(w http.ResponseWriter, r *http.Request) {
	d, err := a.doSearch(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "search.title", nil)
	d.Orgs, d.Talents, d.Posts = orgsIn(v.L, d.Orgs), talentsIn(v.L, d.Talents), postsIn(v.L, d.Posts)
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "search", v)
}

type searchJSON struct {
	Query   string            `json:"query"`
	Orgs    []jsonview.Org    `json:"organizations"`
	Talents []jsonview.Talent `json:"talents"`
	Posts   []jsonview.Post   `json:"posts"`
}

func (a *Area) apiSearch(w http.ResponseWriter, r *http.Request) {
	d, err := a.doSearch(r)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d searchData) searchJSON {
		return searchJSON{d.Query, jsonview.Map(d.Orgs, jsonview.OrgOf), jsonview.Map(d.Talents, jsonview.TalentOf), jsonview.Map(d.Posts, jsonview.PostOf)}
	})
}

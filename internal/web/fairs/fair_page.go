package fairs

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type fairPageData struct {
	Fair     model.Fair
	Edition  model.Edition
	Sessions []sessionPosts
	Posts    []model.Post // posts not offered in a session
}

type sessionPosts struct {
	model.RemoteSession
	Posts []model.Post
}

// fairPage shows a fair, its remote sessions (local time and the
// convention's) and its open posts, by session.
func (a *Area) fairPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var d fairPageData
	if d.Fair, err = a.DB.Fair(ctx, id); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if d.Edition, err = a.DB.Edition(ctx, d.Fair.EditionID); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ss, err := a.DB.ListRemoteSessions(ctx, id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	posts, err := a.DB.SearchPosts(ctx, store.PostSearch{FairID: id, Status: model.PostOpen, Limit: 200})
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	posts = postsIn(request.Locale(r), posts)
	idx := map[int64]int{}
	for i, x := range ss {
		idx[x.ID] = i
		d.Sessions = append(d.Sessions, sessionPosts{RemoteSession: x})
	}
	for _, p := range posts {
		if p.SessionID != nil {
			if i, ok := idx[*p.SessionID]; ok {
				d.Sessions[i].Posts = append(d.Sessions[i].Posts, p)
				continue
			}
		}
		d.Posts = append(d.Posts, p)
	}
	v := a.Render.View(r, "fairpage.title", d)
	v.Title = model.DisplayName(v.L, d.Fair.Name, d.Fair.NameZH)
	a.Render.Page(w, r, http.StatusOK, "fair", v)
}

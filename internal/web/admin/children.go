package admin

import (
	"context"
	"net/http"

	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) apiVenues(w http.ResponseWriter, r *http.Request) {
	children(a.Render, w, r, a.editionExists, a.DB.ListVenues, jsonview.VenueOf)
}

func (a *Area) apiFairs(w http.ResponseWriter, r *http.Request) {
	children(a.Render, w, r, a.editionExists, a.DB.ListFairs, jsonview.FairOf)
}

func (a *Area) apiSessions(w http.ResponseWriter, r *http.Request) {
	children(a.Render, w, r, func(ctx context.Context, id int64) error { _, err := a.DB.Fair(ctx, id); return err },
		a.DB.ListRemoteSessions, jsonview.SessionOf)
}

func (a *Area) editionExists(ctx context.Context, id int64) error {
	_, err := a.DB.Edition(ctx, id)
	return err
}

// children answers GET /api/v1/<parent>/{id}/<things>: 404 when the parent
// does not exist (an empty list would hide a wrong id), else the list.
func children[T, J any](rd *render.Renderer, w http.ResponseWriter, r *http.Request, exists func(context.Context, int64) error,
	list func(context.Context, int64) ([]T, error), view func(T) J) {
	id, err := request.PathID(r)
	if err == nil {
		err = exists(r.Context(), id)
	}
	if err != nil {
		rd.Fail(w, r, err)
		return
	}
	l, err := list(r.Context(), id)
	render.Answer(rd, w, r, http.StatusOK, l, err, func(l []T) []J { return jsonview.Map(l, view) })
}

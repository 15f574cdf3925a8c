package scan

import (
	"context"
	"fmt"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// apply is every way of applying: the store decides (never a cache), then
// this instance learns of it (the suggester's kept applied posts).
func (a *Area) apply(ctx context.Context, talentID, postID int64, ch model.Channel) (model.Application, bool, error) {
	app, created, err := a.DB.Apply(ctx, talentID, postID, ch)
	if err == nil {
		a.Notify.Publish(ctx, notify.Applied{Application: app, Created: created})
	}
	return app, created, err
}

// scanApply is the one tap: the signed-in talent applies with channel scan.
// Only the token is checked here: Apply itself refuses a missing or closed post.
func (a *Area) scanApply(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	sec, err := a.Codes.Secret(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	k, id, err := qr.Parse(sec, tok)
	if err != nil || k != qr.Post {
		a.Render.Fail(w, r, errBadToken)
		return
	}
	a.applyThenBack(w, r, id, model.ChannelScan, "/s/"+tok)
}

// postApply applies from the ordinary post page: channel mobile or pc by
// User-Agent (the scan channel is only for the scan landing).
func (a *Area) postApply(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.applyThenBack(w, r, id, request.Channel(r), fmt.Sprintf("/posts/%d", id))
}

func (a *Area) applyThenBack(w http.ResponseWriter, r *http.Request, postID int64, ch model.Channel, back string) {
	tid := request.User(r).TalentID
	if tid == 0 {
		a.Render.Fail(w, r, model.Errorf(model.NotFound, "err.not_found.talent"))
		return
	}
	_, created, err := a.apply(r.Context(), tid, postID, ch)
	switch {
	case model.ErrorCode(err) == model.Conflict:
		render.SetFlash(w, "err.post_closed")
	case err != nil:
		a.Render.Fail(w, r, err)
		return
	case created:
		render.SetFlash(w, "scan.applied")
	default:
		render.SetFlash(w, "scan.already_applied")
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

type applyInput struct {
	Channel string `json:"channel"` // pc, mobile or scan
	Token   string `json:"token"`   // the scanned post's token: required with channel scan
}

type applyJSON struct {
	Application jsonview.Application `json:"application"`
	Created     bool                 `json:"created"` // false: the talent had applied already
}

// apiApply records the signed-in talent's application to a post. Applying
// twice answers 200 with the first application; a new one answers 201.
func (a *Area) apiApply(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in applyInput
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	t, err := a.DB.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if model.Channel(in.Channel) == model.ChannelScan {
		// Scan figures count real scans: the client must show the token
		// it scanned, and it must name this post.
		sec, err := a.Codes.Secret(r.Context())
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		if k, pid, err := qr.Parse(sec, in.Token); err != nil || k != qr.Post || pid != id {
			a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.invalid", "token", "scan.bad_token"))
			return
		}
	}
	app, created, err := a.apply(r.Context(), t.ID, id, model.Channel(in.Channel))
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
	}
	render.JSON(w, code, applyJSON{jsonview.ApplicationOf(app), created})
}

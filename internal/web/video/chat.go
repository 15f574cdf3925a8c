package video

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// chatSay keeps a chat line from a side (or an organizer helping) while
// the room is open: one operation for the page's form and the script.
func (a *Area) chatSay(r *http.Request, v visit, body string) (store.VideoChat, error) {
	body = strings.TrimSpace(body)
	p := model.Problems{}
	switch {
	case body == "":
		p.Add("body", "err.required")
	case utf8.RuneCountInString(body) > maxChat || request.BadText(body):
		p.Add("body", "err.invalid")
	}
	if err := p.Err(); err != nil {
		return store.VideoChat{}, err
	}
	if v.State != "open" {
		return store.VideoChat{}, model.Errorf(model.Conflict, "err.video."+v.State)
	}
	if !a.limit.allow([2]int64{-v.Room.RequestID, v.User.ID}, a.now()) {
		return store.VideoChat{}, model.Errorf(model.TooMany, "err.video.rate")
	}
	c := store.VideoChat{RequestID: v.Room.RequestID, UserID: v.User.ID, Name: v.User.Name, Body: body}
	if err := a.DB.AddVideoChat(r.Context(), &c); err != nil {
		return c, err
	}
	a.hub.wake(v.Room.RequestID)
	return c, nil
}

// chat is the page's form (back to the room) and the script's POST (JSON
// answer when it asks for JSON).
func (a *Area) chat(w http.ResponseWriter, r *http.Request) {
	v, err := a.enter(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if err := request.Form(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	c, err := a.chatSay(r, v, r.PostFormValue("body"))
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		render.Answer(a.Render, w, r, http.StatusCreated, c, err, chatJSON)
		return
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/video/"+strconv.FormatInt(v.Room.RequestID, 10)+"#chat", http.StatusSeeOther)
}

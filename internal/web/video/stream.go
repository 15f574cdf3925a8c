package video

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// beat is how often a stream says it is alive (presence, proxies).
const beat = 10 * time.Second

// signalJ is a signaling message as the browser receives it.
type signalJ struct {
	ID   int64           `json:"id"`
	From int64           `json:"from"`
	Kind string          `json:"kind"`
	Body json.RawMessage `json:"body"`
}

// chatJ is a chat line as the browser and the API see it.
type chatJ struct {
	ID   int64     `json:"id"`
	From int64     `json:"from"`
	Name string    `json:"name"`
	Body string    `json:"body"`
	At   time.Time `json:"at"`
}

func chatJSON(c store.VideoChat) chatJ {
	return chatJ{ID: c.ID, From: c.UserID, Name: c.Name, Body: c.Body, At: c.CreatedAt}
}

// stream is the room's Server-Sent Events for one side: the other side's
// signaling messages ("signal", with ids so a reconnecting browser resumes
// after Last-Event-ID), chat lines ("chat", after the ?chat= cursor) and
// "closed" when the window ends. Opening it says hello to the other side;
// closing it says bye.
func (a *Area) stream(w http.ResponseWriter, r *http.Request) {
	v, err := a.enterCall(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ctx, room, me := r.Context(), v.Room.RequestID, v.User.ID
	zone := r.URL.Query().Get("tz")
	if _, err := time.LoadLocation(zone); err != nil || len(zone) > 64 {
		zone = ""
	}
	cursor, _ := strconv.ParseInt(r.Header.Get("Last-Event-ID"), 10, 64)
	if cursor <= 0 {
		if cursor, err = a.DB.LastVideoSignal(ctx, room); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	chatCursor, _ := strconv.ParseInt(r.URL.Query().Get("chat"), 10, 64)
	wake := a.hub.subscribe(room)
	defer a.hub.unsubscribe(room, wake)
	if err := a.DB.TouchVideoPresence(ctx, room, me, zone); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	hello, _ := json.Marshal(map[string]string{"zone": zone})
	if err := a.say(ctx, room, me, "hello", string(hello)); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.opened(room, me)
	defer func() {
		if a.closed(room, me) {
			a.say(context.WithoutCancel(ctx), room, me, "bye", "{}")
		}
	}()

	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // the server's timeouts would cut the stream
	rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte("retry: 2000\n\n")) // the browser reconnects after 2 s
	if rc.Flush() != nil {
		return
	}
	send := func(event, id string, v any) bool {
		b, _ := json.Marshal(v)
		msg := "event: " + event + "\n"
		if id != "" {
			msg += "id: " + id + "\n"
		}
		_, err := w.Write([]byte(msg + "data: " + string(b) + "\n\n"))
		return err == nil
	}
	ticker := time.NewTicker(beat)
	defer ticker.Stop()
	closes := time.NewTimer(time.Until(v.Closes))
	defer closes.Stop()
	for {
		sigs, err := a.DB.VideoSignalsAfter(ctx, room, me, cursor, 100)
		if err != nil {
			return
		}
		for _, s := range sigs {
			cursor = s.ID
			if !send("signal", strconv.FormatInt(s.ID, 10), signalJ{ID: s.ID, From: s.FromUserID, Kind: s.Kind, Body: json.RawMessage(s.Body)}) {
				return
			}
		}
		chats, err := a.DB.VideoChatAfter(ctx, room, chatCursor, 100)
		if err != nil {
			return
		}
		for _, c := range chats {
			chatCursor = c.ID
			if !send("chat", "", chatJSON(c)) {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
		if len(sigs) == 100 || len(chats) == 100 {
			continue // more to read
		}
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-ticker.C:
			if a.DB.TouchVideoPresence(ctx, room, me, "") != nil {
				return
			}
			if _, err := w.Write([]byte(": beat\n\n")); err != nil {
				return
			}
		case <-closes.C:
			send("closed", "", map[string]string{"message": a.Render.T(v.User.Locale, "err.video.closed")})
			rc.Flush()
			return
		}
	}
}

// say keeps a signaling message from a side and wakes the room.
func (a *Area) say(ctx context.Context, room, from int64, kind, body string) error {
	s := store.VideoSignal{RequestID: room, FromUserID: from, Kind: kind, Body: body}
	if err := a.DB.AddVideoSignal(ctx, &s); err != nil {
		return err
	}
	a.hub.wake(room)
	return nil
}

// signalIn is a message from the browser.
type signalIn struct {
	Kind string          `json:"kind"`
	Body json.RawMessage `json:"body"`
}

var signalKinds = map[string]bool{"offer": true, "answer": true, "candidate": true, "hello": true, "bye": true}

// signal takes one signaling message from a side of an open room: a known
// kind, a JSON object body of at most maxSignal bytes, within the rate
// limit. Anything else is refused (and logged), nothing kept.
func (a *Area) signal(w http.ResponseWriter, r *http.Request) {
	v, err := a.enterCall(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in signalIn
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxSignal+256)).Decode(&in); err != nil {
		a.refuse(w, r, v, "err.video.malformed")
		return
	}
	if !signalKinds[in.Kind] || len(in.Body) == 0 || len(in.Body) > maxSignal || in.Body[0] != '{' || !json.Valid(in.Body) {
		a.refuse(w, r, v, "err.video.malformed")
		return
	}
	if !a.limit.allow([2]int64{v.Room.RequestID, v.User.ID}, a.now()) {
		a.Log.Warn("video: signaling rate limit", "room", v.Room.RequestID, "user", v.User.ID)
		w.Header().Set("Retry-After", "1")
		a.Render.Fail(w, r, model.Errorf(model.TooMany, "err.video.rate"))
		return
	}
	if err := a.say(r.Context(), v.Room.RequestID, v.User.ID, in.Kind, string(in.Body)); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *Area) refuse(w http.ResponseWriter, r *http.Request, v visit, key string) {
	a.Log.Warn("video: malformed signaling refused", "room", v.Room.RequestID, "user", v.User.ID)
	a.Render.Fail(w, r, model.Errorf(model.Invalid, key))
}

package video

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/turn"
	"github.com/convene/convene/internal/web/request"
)

// visit is a person in a room: the room, which side they are (-1 for an
// organizer who came to help) and where the room is in its window.
type visit struct {
	Room    store.VideoRoom
	Side    int
	User    *model.User
	OpensAt time.Time
	Closes  time.Time
	State   string // early, open, closed
}

// Other is the other side (for an organizer, the requester's counterpart).
func (v visit) Other() store.VideoSide {
	if v.Side == 1 {
		return v.Room.Sides[0]
	}
	return v.Room.Sides[1]
}

// Member is a side of the meeting (not an organizer).
func (v visit) Member() bool { return v.Side >= 0 }

// Call says whether this person may take part in the call now.
func (v visit) Call() bool { return v.Member() && v.State == "open" && v.Room.ExternalURL == "" }

// enter reads the room of the path's meeting for the signed-in user:
// only its two sides and organizers may enter; others are refused and
// logged.
func (a *Area) enter(r *http.Request) (visit, error) {
	id, err := request.PathID(r)
	if err != nil {
		return visit{}, err
	}
	room, err := a.DB.VideoRoomOf(r.Context(), id)
	if err != nil {
		return visit{}, err
	}
	u := request.User(r)
	v := visit{Room: room, Side: room.Side(u.ID), User: u,
		OpensAt: room.StartsAt.Add(-openBefore), Closes: room.EndsAt.Add(closeAfter)}
	if v.Side < 0 && u.Role != model.RoleOrganizer {
		a.Log.Warn("video: refused a non-participant", "room", id, "user", u.ID, "id", request.From(r).ID)
		return v, model.Errorf(model.Forbidden, "err.video.not_a_side")
	}
	now := a.now()
	switch {
	case now.Before(v.OpensAt):
		v.State = "early"
	case now.After(v.Closes):
		v.State = "closed"
	default:
		v.State = "open"
	}
	return v, nil
}

// enterCall is enter for the call's own requests (signaling, stream,
// credentials): a side of the meeting, inside the window.
func (a *Area) enterCall(r *http.Request) (visit, error) {
	v, err := a.enter(r)
	if err != nil {
		return v, err
	}
	if !v.Member() {
		return v, model.Errorf(model.Forbidden, "err.video.organizer_watch")
	}
	if v.Room.ExternalURL != "" {
		return v, model.Errorf(model.Conflict, "err.video.external")
	}
	if v.State != "open" {
		a.Log.Warn("video: refused outside the window", "room", v.Room.RequestID, "user", v.User.ID, "state", v.State)
		return v, model.Errorf(model.Conflict, "err.video."+v.State)
	}
	return v, nil
}

// iceServers are the relays this member may use, with credentials for the
// built-in TURN relay that end when the room closes (plus a margin).
func (a *Area) iceServers(v visit) []ICEServer {
	c := currentConfig()
	out := append([]ICEServer(nil), c.External...)
	if len(c.TURNURLs) > 0 && len(c.Secret) > 0 {
		now := a.now()
		user, pass := turn.Credentials(c.Secret, v.User.ID, v.Closes.Sub(now)+c.CredentialTTL, now)
		out = append(out, ICEServer{URLs: c.TURNURLs, Username: user, Credential: pass})
	}
	return out
}

func iceJSON(s []ICEServer) string {
	if s == nil {
		s = []ICEServer{}
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// presence reads whether the other side is in the room now (seen within
// two heartbeats) and the zone their browser reported.
func (a *Area) presence(ctx context.Context, v visit) (joined bool, zone string) {
	ps, err := a.DB.VideoPresenceOf(ctx, v.Room.RequestID)
	if err != nil {
		return false, ""
	}
	for _, p := range ps {
		if p.UserID == v.Other().UserID {
			return a.now().Sub(p.LastSeen) < 2*beat+5*time.Second, p.TimeZone
		}
	}
	return false, ""
}

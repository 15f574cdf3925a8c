package video

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
)

// zoneTime is the slot in one zone, for the lobby.
type zoneTime struct {
	Label string // a catalog key: the room's, the edition's, the other side's
	Zone  string
	Time  string
}

type roomData struct {
	visit
	Other       store.VideoSide
	OtherJoined bool
	Times       []zoneTime
	StartsAt    string // RFC 3339, for the countdown
	OpensAt     string
	Chat        []store.VideoChat
	ChatAfter   int64
	ICE         string // JSON for RTCPeerConnection
}

func slotIn(from, to time.Time, zone string) string {
	loc := model.Zone(zone)
	return from.In(loc).Format("2006-01-02 15:04") + "–" + to.In(loc).Format("15:04 MST")
}

// page is the room: the lobby always, the call for its sides while the
// room is open, the external link when an organizer set one.
func (a *Area) page(w http.ResponseWriter, r *http.Request) {
	v, err := a.enter(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := roomData{visit: v, Other: v.Other(), StartsAt: v.Room.StartsAt.Format(time.RFC3339), OpensAt: v.OpensAt.Format(time.RFC3339), ICE: "[]"}
	joined, otherZone := a.presence(r.Context(), v)
	d.OtherJoined = joined
	rs, re := v.Room.StartsAt, v.Room.EndsAt
	seen := map[string]bool{}
	add := func(label, zone string) {
		if zone == "" || seen[zone] {
			return
		}
		seen[zone] = true
		d.Times = append(d.Times, zoneTime{Label: label, Zone: zone, Time: slotIn(rs, re, zone)})
	}
	add("video.zone.room", v.Room.RoomZone)
	add("video.zone.edition", v.Room.EditionZone)
	add("video.zone.other", otherZone)
	if d.Chat, err = a.DB.VideoChatAfter(r.Context(), v.Room.RequestID, 0, 200); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if n := len(d.Chat); n > 0 {
		d.ChatAfter = d.Chat[n-1].ID
	}
	if v.Call() {
		d.ICE = iceJSON(a.iceServers(v))
	}
	w.Header().Set("Cache-Control", "no-store") // the page carries short-lived credentials
	a.Render.Page(w, r, http.StatusOK, "video_room", a.Render.View(r, "video.title", d))
}

// roomJ is the room as the API shows it.
type roomJ struct {
	ID          int64       `json:"id"`
	Kind        string      `json:"kind"`
	StartsAt    time.Time   `json:"starts_at"`
	EndsAt      time.Time   `json:"ends_at"`
	OpensAt     time.Time   `json:"opens_at"`
	ClosesAt    time.Time   `json:"closes_at"`
	State       string      `json:"state"`
	Room        string      `json:"room"`
	RoomZone    string      `json:"room_zone"`
	EditionZone string      `json:"edition_zone"`
	ExternalURL string      `json:"external_url,omitempty"`
	With        string      `json:"with"`
	WithJoined  bool        `json:"with_joined"`
	ICEServers  []ICEServer `json:"ice_servers"`
	Chat        []chatJ     `json:"chat"`
}

// apiRoom is the room for the signed-in side or organizer, with relay
// credentials for a side while the room is open.
func (a *Area) apiRoom(w http.ResponseWriter, r *http.Request) {
	v, err := a.enter(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	joined, _ := a.presence(r.Context(), v)
	chat, err := a.DB.VideoChatAfter(r.Context(), v.Room.RequestID, 0, 200)
	j := roomJ{ID: v.Room.RequestID, Kind: string(v.Room.Kind), StartsAt: v.Room.StartsAt, EndsAt: v.Room.EndsAt, OpensAt: v.OpensAt, ClosesAt: v.Closes,
		State: v.State, Room: v.Room.TableCode, RoomZone: v.Room.RoomZone, EditionZone: v.Room.EditionZone, ExternalURL: v.Room.ExternalURL,
		With: v.Other().Name, WithJoined: joined, ICEServers: []ICEServer{}, Chat: []chatJ{}}
	if v.Call() {
		j.ICEServers = a.iceServers(v)
	}
	for _, c := range chat {
		j.Chat = append(j.Chat, chatJSON(c))
	}
	w.Header().Set("Cache-Control", "no-store")
	render.Answer(a.Render, w, r, http.StatusOK, j, err, func(j roomJ) roomJ { return j })
}

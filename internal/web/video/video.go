// Package video is the video rooms area (issue 17): every published
// meeting held in a video room has a room that opens a few minutes before
// its slot and closes after it. The room page shows a lobby (the other
// side's status, the slot in each side's zone, a countdown) and, with its
// small script (static/room.js, no build step), a WebRTC call between the
// two browsers with a chat kept with the meeting. The server carries the
// signaling — Server-Sent Events to the browser, POST from it — and hands
// out short-lived credentials for the built-in TURN relay (internal/turn)
// or the external STUN/TURN servers the operator configured. An organizer
// may point a video room at an external meeting system instead.
//
// Signaling messages are rows (store/video.go): a POST wakes the streams
// of its room on this instance at once, and one poller per instance reads
// the rows other instances wrote, so instances behind a load balancer
// share rooms (a cross-instance message waits at most pollEvery).
package video

import (
	"embed"
	"sync"
	"sync/atomic"
	"time"

	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html catalog openapi.json static
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("video", files)

// The room's window around its slot.
const (
	openBefore = 10 * time.Minute
	closeAfter = 15 * time.Minute
)

// Area answers the video routes.
type Area struct {
	*area.Deps
	now   func() time.Time
	hub   *hub
	limit *limiter
	// open counts each person's streams per room on this instance: a
	// reload opens the new stream before the old one ends, so only the
	// last to close says bye.
	mu   sync.Mutex
	open map[[2]int64]int
}

// New keeps the store and the renderer, a hub for this instance's streams
// and the signaling rate limits.
func New(d *area.Deps) *Area {
	a := &Area{Deps: d, now: time.Now, limit: newLimiter(signalRate, signalBurst), open: map[[2]int64]int{}}
	a.hub = newHub(d.DB)
	return a
}

// ICEServer is a STUN or TURN server as RTCPeerConnection takes it.
type ICEServer struct {
	URLs       []string `json:"urls"`
	Username   string   `json:"username,omitempty"`
	Credential string   `json:"credential,omitempty"`
}

// Config is how browsers reach the relays: the built-in TURN relay's URLs
// and secret (credentials are made per member), and external servers.
type Config struct {
	TURNURLs []string
	Secret   []byte
	External []ICEServer
	// CredentialTTL bounds a credential's life past the room's close
	// (default 10 minutes).
	CredentialTTL time.Duration
	// SignalRate and SignalBurst override the signaling limits per person
	// and room (0: signalRate a second, signalBurst at once).
	SignalRate, SignalBurst float64
}

var config atomic.Pointer[Config]

// Configure sets the relays for every video area of this process (the
// command does it once, before serving).
func Configure(c Config) {
	if c.CredentialTTL == 0 {
		c.CredentialTTL = 10 * time.Minute
	}
	config.Store(&c)
}

func currentConfig() Config {
	if c := config.Load(); c != nil {
		return *c
	}
	return Config{CredentialTTL: 10 * time.Minute}
}

// Signaling limits per person and room: a call's setup sends an offer or
// answer and some tens of ICE candidates, a renegotiation as many again.
const (
	maxSignal   = 16 << 10 // bytes of one message's body (an SDP is 3–8 KB)
	maxChat     = 2000     // characters of a chat line
	signalRate  = 20       // messages a second, sustained
	signalBurst = 120
)

// limiter is a token bucket per key (room and person), on this instance.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	buckets map[[2]int64]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate, burst float64) *limiter {
	return &limiter{rate: rate, burst: burst, buckets: map[[2]int64]*bucket{}}
}

// allow takes a token for key at now, or says no.
func (l *limiter) allow(key [2]int64, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) > 100_000 { // forget idle buckets rather than grow
			for k, v := range l.buckets {
				if now.Sub(v.at) > time.Minute {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	rate, burst := l.rate, l.burst
	if c := config.Load(); c != nil && c.SignalRate > 0 {
		rate, burst = c.SignalRate, max(c.SignalBurst, 1)
	}
	b.tokens = min(burst, b.tokens+now.Sub(b.at).Seconds()*rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// opened counts a stream of person in room; closed uncounts it and reports
// whether it was the person's last one there.
func (a *Area) opened(room, person int64) {
	a.mu.Lock()
	a.open[[2]int64{room, person}]++
	a.mu.Unlock()
}

func (a *Area) closed(room, person int64) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	k := [2]int64{room, person}
	a.open[k]--
	if a.open[k] > 0 {
		return false
	}
	delete(a.open, k)
	return true
}

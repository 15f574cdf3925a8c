package checkin

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/convene/convene/internal/badge"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type gateListData struct {
	Gates []store.Gate
}

// gateList lets gate staff pick their gate.
func (a *Area) gateList(w http.ResponseWriter, r *http.Request) {
	ed, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	gs, err := a.DB.Gates(r.Context(), ed.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "ci_gates", a.Render.View(r, "gate.choose", gateListData{gs}))
}

type keyJ struct {
	ID        uint32 `json:"id"`
	PublicKey string `json:"public_key"`
}

type gateJ struct {
	ID      int64    `json:"id"`
	Name    string   `json:"name"`
	Roles   []string `json:"roles"`
	Days    []string `json:"days"`
	EventID *int64   `json:"event_id"`
}

// configJ is what a gate page needs to decide alone: the public keys, the
// revocation list and the gate's rules.
type configJ struct {
	Gate    gateJ     `json:"gate"`
	Edition int64     `json:"edition"`
	Zone    string    `json:"zone"`
	Keys    []keyJ    `json:"keys"`
	Revoked []int64   `json:"revoked"`
	Now     time.Time `json:"now"`
}

func (a *Area) config(r *http.Request) (configJ, error) {
	id, err := request.PathID(r)
	if err != nil {
		return configJ{}, err
	}
	g, err := a.DB.GateByID(r.Context(), id)
	if err != nil {
		return configJ{}, err
	}
	ed, err := a.Edition(r)
	if err != nil {
		return configJ{}, err
	}
	if g.EditionID != ed.ID {
		return configJ{}, model.ErrNotFound("gate")
	}
	priv, err := a.key(r.Context())
	if err != nil {
		return configJ{}, err
	}
	rev, err := a.DB.RevokedBadges(r.Context(), ed.ID)
	if err != nil {
		return configJ{}, err
	}
	pub := priv.Public().(ed25519.PublicKey)
	return configJ{Gate: gateJ{ID: g.ID, Name: g.Name, Roles: nonNil(g.Roles), Days: nonNil(g.Days), EventID: g.EventID},
		Edition: ed.ID, Zone: ed.TimeZone, Keys: []keyJ{{ID: badge.KeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub)}},
		Revoked: nonNilIDs(rev), Now: a.now().UTC()}, nil
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func nonNilIDs(l []int64) []int64 {
	if l == nil {
		return []int64{}
	}
	return l
}

func (a *Area) apiConfig(w http.ResponseWriter, r *http.Request) {
	c, err := a.config(r)
	render.Answer(a.Render, w, r, http.StatusOK, c, err, func(c configJ) configJ { return c })
}

type gatePageData struct {
	Gate   gateJ
	Config configJ           // written as JSON into a data block the script reads
	Words  map[string]string // the verdicts and reasons in the page's language
}

var gateWords = []string{"gate.admitted", "gate.already", "gate.refused", "gate.queued", "gate.online", "gate.offline",
	"gate.reason.malformed", "gate.reason.signature", "gate.reason.key", "gate.reason.expired", "gate.reason.not_yet",
	"gate.reason.edition", "gate.reason.revoked", "gate.reason.role", "gate.reason.day", "gate.reason.unknown",
	"gate.reason.not_registered", "gate.reason.walk_in", "gate.reason.full", "gate.reason.same_gate", "gate.reason.other_gate", "gate.reason.nonce", "gate.reason.board_coach", "gate.reason.no_seat",
	"gate.reason.unverified", "gate.synced", "gate.person"}

// gatePage is the gate: the script verifies badges with the public key,
// keeps a queue in IndexedDB while offline and syncs it.
func (a *Area) gatePage(w http.ResponseWriter, r *http.Request) {
	c, err := a.config(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	words := map[string]string{}
	for _, k := range gateWords {
		words[k] = a.Render.T(request.Locale(r), k)
	}
	w.Header().Set("Cache-Control", "no-store")
	a.Render.Page(w, r, http.StatusOK, "ci_gate", a.Render.View(r, "gate.title", gatePageData{Gate: c.Gate, Config: c, Words: words}))
}

// Package session signs users in and out: a random token in an HttpOnly
// cookie, its SHA-256 in the database (so any instance can serve any user),
// and resolved sessions kept a few seconds in memory. It also signs the
// "device" cookie a browser gets after a successful sign-in, by which the
// sign-in throttle tells the account's owner from a stranger.
package session

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/ttlcache"
	"github.com/convene/convene/internal/web/request"
)

// Cookie is the session cookie's name.
const Cookie = "convene_session"

// cacheTTL is how long a resolved session is kept in memory. Every request
// begins with the lookup, and on SQLite's busy readers it was a sixth of a
// scan's cost. Signing out, signing out everywhere, changing the password
// or the language here drops the user's entries at once (a per-user
// generation). With Options.VerifyHits (on for PostgreSQL, the database
// several instances share) a cached session is also confirmed by a
// primary-key read of its row and its user's role and organization, so a
// session ended, or a role changed, through another instance takes effect
// on this one at the next request, not 5 s later; the cache still saves
// the three-table join. On SQLite, one file means one instance,
// and its own sign-outs are all it needs to see.
const cacheTTL = 5 * time.Second

// maxCached bounds the cache's memory.
const maxCached = 100_000

// DeviceCookie names the signed cookie a browser gets after a successful
// sign-in: "<user id>.<device id>.<mac>".
const DeviceCookie = "convene_device"

// Options are a manager's settings.
type Options struct {
	TTL    time.Duration // how long a session lasts
	Secure bool          // cookies Secure (behind TLS)
	// VerifyHits confirms a cached session's row on every request (see
	// cacheTTL); the server sets it for PostgreSQL.
	VerifyHits bool
	// Limits are the sign-in and sign-up throttles (zero: DefaultLimits).
	Limits Limits
}

// Limits are the throttles on sign-in and sign-up, counted in the store
// before any password is hashed (docs/security.md lists the flags).
type Limits struct {
	Account         store.Throttle // wrong passwords for an account from browsers it never signed in from
	Device          store.Throttle // per known device (a valid device cookie for the account)
	Address         store.Throttle // sign-in attempts per client address (trusted proxies decide it)
	RegisterAddress store.Throttle // registrations per client address
	RegisterAll     store.Throttle // registrations overall, every instance together
}

// DefaultLimits: an account is never locked: after 5 wrong passwords from
// strangers each further attempt waits 1 s, then 2 s, 4 s, … up to 15
// minutes, while its owner's known browsers have their own count; an
// address has 30 attempts per 15 minutes; registrations are 10 per address
// per hour and 60 a minute overall.
func DefaultLimits() Limits {
	return Limits{
		Account:         store.Throttle{Window: 15 * time.Minute, Free: 5, Backoff: time.Second},
		Device:          store.Throttle{Window: 15 * time.Minute, Free: 10, Backoff: time.Second},
		Address:         store.Throttle{Window: 15 * time.Minute, Free: 30},
		RegisterAddress: store.Throttle{Window: time.Hour, Free: 10},
		RegisterAll:     store.Throttle{Window: time.Minute, Free: 60},
	}
}

type cached struct {
	u     model.User
	epoch uint64 // the manager's epoch before the lookup
}

// Manager starts, resolves and ends sessions.
type Manager struct {
	db     *store.DB
	log    *slog.Logger
	ttl    time.Duration
	secure bool
	verify bool
	limits Limits
	cache  *ttlcache.Cache[string, cached]

	mu      sync.Mutex
	epoch   uint64           // bumped whenever a user's sessions all end here
	dropped map[int64]uint64 // per user: the epoch at which they did

	keyMu sync.Mutex
	key   []byte // the device cookie's key, from the store
}

// New returns a manager whose sessions last ttl; secure marks cookies Secure.
func New(db *store.DB, log *slog.Logger, ttl time.Duration, secure bool) *Manager {
	return NewWith(db, log, Options{TTL: ttl, Secure: secure})
}

// NewWith returns a manager with the given options.
func NewWith(db *store.DB, log *slog.Logger, o Options) *Manager {
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	return &Manager{db: db, log: log, ttl: o.TTL, secure: o.Secure, verify: o.VerifyHits, limits: o.Limits,
		cache: ttlcache.New[string, cached](cacheTTL, maxCached), dropped: map[int64]uint64{}}
}

func (m *Manager) curEpoch() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.epoch
}

// fresh reports whether an entry was looked up after its user's sessions
// last ended here.
func (m *Manager) fresh(e cached) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return e.epoch >= m.dropped[e.u.ID]
}

// dropUser makes every cached session of the user stale on this instance.
func (m *Manager) dropUser(id int64) {
	m.mu.Lock()
	m.epoch++
	m.dropped[id] = m.epoch
	m.mu.Unlock()
}

// Hash is the form a token is stored in: its SHA-256, so a database leak
// yields no usable session.
func Hash(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// Load resolves the session cookie to a user; a stale cookie is simply
// ignored.
func (m *Manager) Load(r *http.Request, ri *request.Info) {
	c, err := r.Cookie(Cookie)
	if err != nil || len(c.Value) < 20 || len(c.Value) > 100 {
		return
	}
	h := Hash(c.Value)
	e, ok := m.cache.Get(h)
	if ok && !m.fresh(e) {
		ok = false
	}
	if ok && m.verify {
		now, live, err := m.db.SessionAccess(r.Context(), h)
		if err != nil {
			m.log.Warn("session check", "id", ri.ID, "err", err)
		}
		if !live {
			m.cache.Forget(h)
			return
		}
		if now.Role != e.u.Role || !sameOrg(now.OrgID, e.u.OrgID) {
			ok = false // changed through another instance: read it anew
		}
	}
	if !ok {
		ep := m.curEpoch() // before the read: a drop during it wins
		u, err := m.db.SessionUser(r.Context(), h)
		if err != nil {
			if !model.IsNotFound(err) {
				m.log.Warn("session lookup", "id", ri.ID, "err", err)
			}
			return
		}
		e = cached{u: u, epoch: ep}
		m.cache.Put(h, e)
	}
	u := e.u
	ri.User, ri.Token = &u, h
}

func sameOrg(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// Forget drops this request's session from memory, after a change to its
// user (the language, say) that the next request must read anew.
func (m *Manager) Forget(r *http.Request) { m.cache.Forget(request.From(r).Token) }

// Limits are the manager's sign-in and sign-up throttles.
func (m *Manager) Limits() Limits { return m.limits }

// AdmitRegistration counts a registration against the client's address and
// the overall rate before its password is hashed, so a burst cannot take
// every hashing slot from sign-ins (issue 11, item 4). Every path that
// creates an account calls it.
func (m *Manager) AdmitRegistration(w http.ResponseWriter, r *http.Request) error {
	for _, k := range []struct {
		key string
		th  store.Throttle
	}{{"reg:ip:" + request.ClientIP(r), m.limits.RegisterAddress}, {"reg:all", m.limits.RegisterAll}} {
		ok, retry, err := m.db.AdmitAttempt(r.Context(), k.key, k.th)
		if err != nil {
			return err
		}
		if !ok {
			RetryAfter(w, retry)
			return model.Errorf(model.TooMany, "err.too_many_registrations")
		}
	}
	return nil
}

// RetryAfter tells a throttled client when to come back.
func RetryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int((d+time.Second-1)/time.Second))))
}

// Secure reports whether cookies are Secure (the server is behind TLS).
func (m *Manager) Secure() bool { return m.secure }

// SignIn starts a session for u and sets its cookie. The token is random;
// the database keeps only its hash.
func (m *Manager) SignIn(w http.ResponseWriter, r *http.Request, u model.User) error {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	if err := m.db.CreateSession(r.Context(), Hash(tok), u.ID, m.ttl); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: Cookie, Value: tok, Path: "/", HttpOnly: true, Secure: m.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(m.ttl.Seconds()),
	})
	ri := request.From(r)
	ri.User, ri.Token = &u, Hash(tok)
	m.setDevice(w, r, u.ID)
	return nil
}

// SignOut ends the session in the database and clears the cookie.
func (m *Manager) SignOut(w http.ResponseWriter, r *http.Request) error {
	if ri := request.From(r); ri.Token != "" {
		if err := m.db.DeleteSession(r.Context(), ri.Token); err != nil {
			return err
		}
		m.cache.Forget(ri.Token)
		ri.User, ri.Token = nil, ""
	}
	http.SetCookie(w, &http.Cookie{Name: Cookie, Value: "", Path: "/", HttpOnly: true, Secure: m.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	return nil
}

// SignOutEverywhere ends every session of the signed-in user, this one
// included, on every instance, and clears the cookie.
func (m *Manager) SignOutEverywhere(w http.ResponseWriter, r *http.Request) error {
	ri := request.From(r)
	if ri.User != nil {
		if _, err := m.db.DeleteUserSessions(r.Context(), ri.User.ID, ""); err != nil {
			return err
		}
		m.dropUser(ri.User.ID)
	}
	return m.SignOut(w, r)
}

// Revoked tells the manager that every session of the user but this
// request's has ended in the store (a password change): it drops them here.
func (m *Manager) Revoked(r *http.Request, userID int64) {
	m.dropUser(userID)
}

// deviceKey is the device cookie's HMAC key, created once in the store.
func (m *Manager) deviceKey(ctx context.Context) []byte {
	m.keyMu.Lock()
	defer m.keyMu.Unlock()
	if m.key == nil {
		k, err := m.db.Secret(ctx, "device", 32)
		if err != nil {
			m.log.Warn("device key", "err", err)
			return nil
		}
		m.key = k
	}
	return m.key
}

func (m *Manager) mac(key []byte, uid, dev string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(uid + "." + dev))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18])
}

// setDevice gives the browser a device cookie for the user, keeping the
// device id it already has for them.
func (m *Manager) setDevice(w http.ResponseWriter, r *http.Request, userID int64) {
	key := m.deviceKey(r.Context())
	if key == nil {
		return
	}
	dev := m.Device(r, userID)
	if dev == "" {
		var b [12]byte
		rand.Read(b[:])
		dev = base64.RawURLEncoding.EncodeToString(b[:])
	}
	uid := strconv.FormatInt(userID, 10)
	http.SetCookie(w, &http.Cookie{
		Name: DeviceCookie, Value: uid + "." + dev + "." + m.mac(key, uid, dev), Path: "/", HttpOnly: true, Secure: m.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600,
	})
}

// Device is the id of the browser's device cookie when it was signed here
// for userID (a browser the user signed in from before), else "".
func (m *Manager) Device(r *http.Request, userID int64) string {
	c, err := r.Cookie(DeviceCookie)
	if err != nil || len(c.Value) > 200 {
		return ""
	}
	parts := strings.Split(c.Value, ".")
	uid := strconv.FormatInt(userID, 10)
	if len(parts) != 3 || parts[0] != uid {
		return ""
	}
	key := m.deviceKey(r.Context())
	if key == nil || !hmac.Equal([]byte(parts[2]), []byte(m.mac(key, uid, parts[1]))) {
		return ""
	}
	return parts[1]
}

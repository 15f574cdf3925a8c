// Package session signs users in and out: a random token in an HttpOnly
// cookie, its SHA-256 in the database (so any instance can serve any user),
// and resolved sessions kept a few seconds in memory.
package session

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"net/http"
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
// scan's cost. Signing out or changing the language here drops the entry at
// once; a session ended through another instance stays usable on this one
// for at most this long.
const cacheTTL = 5 * time.Second

// maxCached bounds the cache's memory.
const maxCached = 100_000

// Manager starts, resolves and ends sessions.
type Manager struct {
	db     *store.DB
	log    *slog.Logger
	ttl    time.Duration
	secure bool
	cache  *ttlcache.Cache[string, model.User]
}

// New returns a manager whose sessions last ttl; secure marks cookies Secure.
func New(db *store.DB, log *slog.Logger, ttl time.Duration, secure bool) *Manager {
	return &Manager{db: db, log: log, ttl: ttl, secure: secure, cache: ttlcache.New[string, model.User](cacheTTL, maxCached)}
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
	u, ok := m.cache.Get(h)
	if !ok {
		var err error
		if u, err = m.db.SessionUser(r.Context(), h); err != nil {
			if !model.IsNotFound(err) {
				m.log.Warn("session lookup", "id", ri.ID, "err", err)
			}
			return
		}
		m.cache.Put(h, u)
	}
	ri.User, ri.Token = &u, h
}

// Forget drops this request's session from memory, after a change to its
// user (the language, say) that the next request must read anew.
func (m *Manager) Forget(r *http.Request) { m.cache.Forget(request.From(r).Token) }

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

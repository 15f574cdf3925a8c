package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
)

const sessionCookie = "convene_session"

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// loadSession resolves the session cookie to a user; a stale cookie is
// simply ignored.
func (s *Server) loadSession(r *http.Request, ri *reqInfo) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || len(c.Value) < 20 || len(c.Value) > 100 {
		return
	}
	h := hashToken(c.Value)
	u, ok := s.sessions.get(h)
	if !ok {
		var err error
		if u, err = s.store.SessionUser(r.Context(), h); err != nil {
			if !model.IsNotFound(err) {
				s.log.Warn("session lookup", "id", ri.id, "err", err)
			}
			return
		}
		s.sessions.put(h, u)
	}
	ri.user, ri.token = &u, h
}

// sessionTTL is how long a resolved session is kept in memory. Every request
// begins with the lookup, and on SQLite's busy readers it was a sixth of a
// scan's cost. Signing out or changing the language here drops the entry at
// once; a session ended through another instance stays usable on this one
// for at most this long.
const sessionTTL = 5 * time.Second

// maxCachedSessions bounds the cache's memory.
const maxCachedSessions = 100_000

// signIn starts a session for u and sets its cookie. The token is random;
// the database keeps only its hash.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, u model.User) error {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	if err := s.store.CreateSession(r.Context(), hashToken(tok), u.ID, s.cfg.SessionTTL); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.cfg.SessionTTL.Seconds()),
	})
	ri := info(r)
	ri.user, ri.token = &u, hashToken(tok)
	return nil
}

// signOut ends the session in the database and clears the cookie.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if ri := info(r); ri.token != "" {
		if err := s.store.DeleteSession(r.Context(), ri.token); err != nil {
			return err
		}
		s.sessions.forget(ri.token)
		ri.user, ri.token = nil, ""
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	return nil
}

package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"

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
	u, err := s.store.SessionUser(r.Context(), h)
	if err != nil {
		if !model.IsNotFound(err) {
			s.log.Warn("session lookup", "id", ri.id, "err", err)
		}
		return
	}
	ri.user, ri.token = &u, h
}

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
		ri.user, ri.token = nil, ""
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	return nil
}

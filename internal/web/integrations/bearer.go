package integrations

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/route"
)

// TokenPrefix starts every API token, so secret scanners can find leaked
// ones.
const TokenPrefix = "cvt_"

// NewToken returns a fresh token (32 random bytes) and the hash stored.
func NewToken() (tok, hash string) {
	var b [32]byte
	rand.Read(b[:])
	tok = TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return tok, HashToken(tok)
}

// HashToken is the form a token is kept in: its SHA-256.
func HashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

type ctxKey struct{}

// TokenOf is the token a request was authenticated with, or nil for a
// session or anonymous request.
func TokenOf(r *http.Request) *store.APIToken {
	t, _ := r.Context().Value(ctxKey{}).(*store.APIToken)
	return t
}

// ByToken reports whether the request was authenticated by a token. Such
// a request carries no session (the cookie is not read), so cross-origin
// protection, which guards cookies, does not apply to it.
func ByToken(r *http.Request) bool { return TokenOf(r) != nil }

// BearerOf is the request's bearer token, or "".
func BearerOf(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "Bearer ") {
		return ""
	}
	return strings.TrimSpace(h[7:])
}

// Limits are the per-token request rate: Rate a second on average, Burst
// at once.
type Limits struct {
	Rate  float64
	Burst float64
}

// DefaultLimits: 20 requests a second, 60 at once, per token and instance.
var DefaultLimits = Limits{Rate: 20, Burst: 60}

// Bearer resolves API tokens: one read by the hash per request (so a
// revocation on any instance is refused by every instance at its next
// request, well within a second), the use recorded at most once a minute.
type Bearer struct {
	db     *store.DB
	log    *slog.Logger
	limits Limits

	mu      sync.Mutex
	buckets map[int64]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewBearer returns a resolver over db.
func NewBearer(db *store.DB, log *slog.Logger, l Limits) *Bearer {
	if l.Rate <= 0 {
		l = DefaultLimits
	}
	return &Bearer{db: db, log: log, limits: l, buckets: map[int64]*bucket{}}
}

// Resolve authenticates r by its bearer token: ri gets the token's user,
// and the returned request carries the token (TokenOf). An unknown,
// revoked or expired token is unauthorized.
func (b *Bearer) Resolve(r *http.Request, ri *request.Info) (*http.Request, error) {
	tok := BearerOf(r)
	if len(tok) < 20 || len(tok) > 200 || b.db == nil {
		return r, model.Errorf(model.Unauthorized, "err.tokens.invalid")
	}
	t, u, err := b.db.TokenUser(r.Context(), HashToken(tok))
	if err != nil {
		return r, err
	}
	if t.LastUsedAt == nil || time.Since(*t.LastUsedAt) > time.Minute {
		if err := b.db.TouchAPIToken(r.Context(), t.ID); err != nil {
			b.log.Warn("token use", "id", ri.ID, "err", err)
		}
	}
	ri.User = &u
	return r.WithContext(context.WithValue(r.Context(), ctxKey{}, &t)), nil
}

// allow takes one request from the token's bucket; when empty it says how
// long until the next one.
func (b *Bearer) allow(id int64, now time.Time) (bool, time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k := b.buckets[id]
	if k == nil {
		if len(b.buckets) > 100_000 { // forget idle tokens now and then
			for id, k := range b.buckets {
				if now.Sub(k.at) > time.Minute {
					delete(b.buckets, id)
				}
			}
		}
		k = &bucket{tokens: b.limits.Burst, at: now}
		b.buckets[id] = k
	}
	k.tokens = math.Min(b.limits.Burst, k.tokens+now.Sub(k.at).Seconds()*b.limits.Rate)
	k.at = now
	if k.tokens >= 1 {
		k.tokens--
		return true, 0
	}
	return false, time.Duration((1 - k.tokens) / b.limits.Rate * float64(time.Second))
}

// Fail is how a refusal is answered (the renderer's Fail).
type Fail func(w http.ResponseWriter, r *http.Request, err error)

// Scoped wraps a route so a token request passes only with the route's
// scopes and within its token's rate; session requests pass untouched.
// A route with no scopes takes sessions only, unless it is a public read.
func (b *Bearer) Scoped(rt route.Route, fail Fail, next http.Handler) http.Handler {
	method, _, _ := strings.Cut(rt.Pattern, " ")
	publicRead := rt.Access.Allows(nil) && (method == http.MethodGet || method == http.MethodHead)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := TokenOf(r)
		if t == nil {
			next.ServeHTTP(w, r)
			return
		}
		if len(rt.Scopes) == 0 && !publicRead {
			fail(w, r, model.Errorf(model.Forbidden, "err.tokens.session_only"))
			return
		}
		for _, s := range rt.Scopes {
			if !slices.Contains(t.Scopes, s) {
				w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="`+strings.Join(rt.Scopes, " ")+`"`)
				fail(w, r, model.Errorf(model.Forbidden, "err.tokens.scope"))
				return
			}
		}
		if ok, wait := b.allow(t.ID, time.Now()); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			fail(w, r, model.Errorf(model.TooMany, "err.tokens.rate"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

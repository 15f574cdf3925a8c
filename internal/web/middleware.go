package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/integrations"
	"github.com/convene/convene/internal/web/request"
)

// statusWriter remembers the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// outer wraps every request: id, recovery, security headers, logs, metrics,
// the session and the locale. The mux runs inside it, so r.Pattern is known
// by the time metrics are recorded.
func (s *Server) outer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		var b [8]byte
		rand.Read(b[:])
		ri := &request.Info{ID: hex.EncodeToString(b[:])}
		sw := &statusWriter{ResponseWriter: w}
		h := sw.Header()
		h.Set("X-Request-Id", ri.ID)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
		if s.cfg.SecureCookies {
			// Cookies are Secure only behind TLS: tell browsers to stay on it.
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "id", ri.ID, "panic", p, "stack", string(debug.Stack()))
				if sw.code == 0 {
					s.deps.Render.Fail(sw, r, errPanic)
				}
			}
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			s.metrics.observe(r.Pattern, code, time.Since(start))
			lvl := slog.LevelInfo
			if code >= 500 {
				lvl = slog.LevelError
			}
			s.log.Log(r.Context(), lvl, "request", "id", ri.ID, "method", r.Method, "path", r.URL.Path, "code", code, "ms", time.Since(start).Milliseconds())
		}()
		ri.Client = s.cfg.TrustedProxies.Client(r)
		r = request.With(r, ri)
		if integrations.BearerOf(r) != "" && request.IsAPI(r) {
			// An API token (issue 18): the cookie is not read, so a token
			// request carries no session and skips cross-origin protection.
			var err error
			if r, err = s.bearer.Resolve(r, ri); err != nil {
				h.Set("WWW-Authenticate", `Bearer realm="convene", error="invalid_token"`)
				s.deps.Render.Fail(sw, r, err)
				return
			}
		} else {
			s.deps.Sessions.Load(r, ri)
		}
		ri.Locale = pickLocale(r, ri.User)
		if ri.User != nil {
			// Whatever a signed-in user is shown is theirs: no cache keeps
			// it (the inbox, an application, the API's answers, a CV).
			h.Set("Cache-Control", "no-store")
		}
		if err := checkText(r); err != nil {
			s.deps.Render.Fail(sw, r, err)
			return
		}
		next.ServeHTTP(sw, r)
	})
}

var errPanic = model.Errorf("", "err.internal")

// pickLocale: the account's choice, else the lang cookie, else the browser's.
func pickLocale(r *http.Request, u *model.User) string {
	if u != nil && model.ValidLocale(u.Locale) {
		return u.Locale
	}
	if c, err := r.Cookie("lang"); err == nil && model.ValidLocale(c.Value) {
		return c.Value
	}
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// checkText refuses a path or query holding NUL, other control characters
// or invalid UTF-8 (422, naming the parameter) before any handler reads
// it: the one check every filter and search passes (issue 11, item 10).
// Form bodies are checked in request.DecodeForm and textForms; JSON in
// request.ReadJSON.
func checkText(r *http.Request) error {
	if request.BadText(r.URL.Path) {
		return model.Errorf(model.Invalid, "err.invalid", "path", "err.text")
	}
	if r.URL.RawQuery == "" {
		return nil
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return model.Errorf(model.Invalid, "err.invalid", "query", "err.text")
	}
	return request.CheckValues(q)
}

// textForms parses a URL-encoded form body (within the route's body limit)
// and refuses one holding bad text, for the handlers that read r.PostForm
// directly (sign-in, sign-up).
func (s *Server) textForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
			if err := r.ParseForm(); err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
					return
				}
				s.deps.Render.Fail(w, r, model.Errorf(model.Invalid, "err.form"))
				return
			}
			if err := request.CheckValues(r.PostForm); err != nil {
				s.deps.Render.Fail(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps request bodies; uploads have their own larger limit.
func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

package web

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/model"
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
		r = request.With(r, ri)
		s.deps.Sessions.Load(r, ri)
		ri.Locale = pickLocale(r, ri.User)
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

// limitBody caps request bodies; uploads have their own larger limit.
func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/model"
)

// pageSet holds each page, parsed with the layout, per language.
type pageSet map[string]map[string]*template.Template

// get returns a page in locale (the default language's when locale has none).
func (p pageSet) get(locale, name string) *template.Template {
	m, ok := p[locale]
	if !ok {
		m = p[i18n.Default]
	}
	return m[name]
}

// parsePages parses each page template together with the layout, once at
// start and once per language, with its fixed texts translated (localize).
func parsePages(cat i18n.Catalog) (pageSet, error) {
	funcs := template.FuncMap{
		"date":  func(t time.Time) string { return t.Format("2006-01-02") },
		"since": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") },
		"in": func(t time.Time, tz string) string {
			loc, err := time.LoadLocation(tz)
			if err != nil {
				loc = time.UTC
			}
			return t.In(loc).Format("01-02 15:04 MST")
		},
		"name": model.DisplayName,
		"join": func(l []string) string { return strings.Join(l, ", ") },
		"list": func(s ...string) []string { return s },
		"deref": func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		},
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := pageSet{}
	for _, l := range model.Locales {
		pages[l] = map[string]*template.Template{}
		for _, f := range files {
			name := strings.TrimSuffix(path.Base(f), ".html")
			if name == "layout" || strings.HasPrefix(name, "_") {
				continue
			}
			t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html", f)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			localize(t, func(key string) string { return cat.T(l, key) })
			pages[l][name] = t
		}
	}
	return pages, nil
}

// view is what every page template sees; page data goes in Data.
type view struct {
	L      string
	User   *model.User
	Path   string
	Title  string
	Flash  string
	Errors map[string]string
	Form   url.Values
	Data   any
	ReqID  string
	cat    i18n.Catalog
}

// T translates a key in the request's language.
func (v *view) T(key string, args ...any) string { return v.cat.T(v.L, key, args...) }

// Err is a field's translated problem, or "".
func (v *view) Err(field string) string {
	if k, ok := v.Errors[field]; ok {
		return v.cat.T(v.L, k)
	}
	return ""
}

// Val is a submitted form value, for re-showing a form with its problems.
func (v *view) Val(field string) string { return v.Form.Get(field) }

// Is reports whether the signed-in user has the role.
func (v *view) Is(role string) bool { return v.User != nil && string(v.User.Role) == role }

// Name picks the localized one of two names.
func (v *view) Name(en, zh string) string { return model.DisplayName(v.L, en, zh) }

func (s *Server) view(r *http.Request, title string, data any) *view {
	ri := info(r)
	return &view{L: ri.locale, User: ri.user, Path: r.URL.Path, Title: title, Data: data, ReqID: ri.id, cat: s.cat, Form: url.Values{}}
}

// render writes a page; templates render into a buffer first so a template
// error becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, page string, v *view) {
	t := s.pages.get(v.L, page)
	if t == nil {
		s.fail(w, r, fmt.Errorf("no page %q", page))
		return
	}
	s.takeFlash(w, r, v)
	buf := pageBufs.Get().(*bytes.Buffer)
	defer pageBufs.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		s.fail(w, r, fmt.Errorf("render %s: %w", page, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// takeFlash moves the flash cookie's message, if any, onto the page.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request, v *view) {
	if k := popFlash(w, r); v.Flash == "" && k != "" && s.cat.Has(k) {
		v.Flash = s.cat.T(v.L, k) // only catalog keys: a forged cookie shows nothing
	}
}

// pageBufs recycles render buffers: a page is some kilobytes, grown anew
// on every request otherwise.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// status is the one place an error becomes an HTTP status.
func status(err error) int {
	switch model.ErrorCode(err) {
	case model.Invalid:
		return http.StatusUnprocessableEntity
	case model.NotFound:
		return http.StatusNotFound
	case model.Conflict:
		return http.StatusConflict
	case model.Forbidden:
		return http.StatusForbidden
	case model.Unauthorized:
		return http.StatusUnauthorized
	case model.TooMany:
		return http.StatusTooManyRequests
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// fail answers with an error page or JSON error. Internal errors are logged
// in full and shown only as an apology with the request id.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	ri := info(r)
	code := status(err)
	key := "err.internal"
	var fields map[string]string
	me := model.AsError(err)
	switch {
	case code == http.StatusRequestEntityTooLarge:
		key = "err.too_large"
	case code >= 500:
		s.log.Error("internal error", "id", ri.id, "method", r.Method, "path", r.URL.Path, "err", err)
	case me != nil:
		key, fields = me.Key, me.Fields
	}
	msg := s.cat.T(ri.locale, key)
	if code >= 500 {
		msg = s.cat.T(ri.locale, "err.internal", ri.id)
	}
	if isAPI(r) {
		tf := map[string]string{}
		for f, k := range fields {
			tf[f] = s.cat.T(ri.locale, k)
		}
		writeJSON(w, code, apiError{Error: apiErrorBody{Code: codeName(code), Message: msg, Fields: tf}, RequestID: ri.id})
		return
	}
	v := s.view(r, "err.title", nil)
	v.Flash = msg
	v.Errors = fields
	t := s.pages.get(v.L, "error")
	var buf bytes.Buffer
	if t == nil || t.ExecuteTemplate(&buf, "layout", v) != nil {
		http.Error(w, msg, code)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

func codeName(code int) string {
	switch code {
	case 422:
		return "invalid"
	case 404:
		return "not_found"
	case 409:
		return "conflict"
	case 403:
		return "forbidden"
	case 401:
		return "unauthorized"
	case 429:
		return "too_many"
	case 413:
		return "too_large"
	case 400:
		return "bad_request"
	}
	return "internal"
}

type apiError struct {
	Error     apiErrorBody `json:"error"`
	RequestID string       `json:"request_id"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// readJSON decodes a body strictly: unknown fields, trailing data and
// oversized bodies are refused with a clear message.
func readJSON(r *http.Request, dst any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) && ute.Field != "" {
			return model.Errorf(model.Invalid, "err.json", ute.Field, "err.type")
		}
		if strings.HasPrefix(err.Error(), "json: unknown field ") {
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return model.Errorf(model.Invalid, "err.json", f, "err.unknown_field")
		}
		return model.Errorf(model.Invalid, "err.json")
	}
	if dec.More() {
		return model.Errorf(model.Invalid, "err.json")
	}
	return nil
}

// flash messages survive one redirect in a short cookie (a message key).
func setFlash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: "flash", Value: key, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

func popFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie("flash")
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: "flash", Value: "", Path: "/", MaxAge: -1})
	return c.Value
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// safeNext keeps post-login redirects on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/me"
	}
	return next
}

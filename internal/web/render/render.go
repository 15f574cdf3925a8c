// Package render writes what handlers answer: pages (html/template, parsed
// once at start per language with their fixed texts translated), JSON,
// flashes, and errors, which become an HTTP status and a localized message
// here and nowhere else.
package render

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates
var ownFS embed.FS

// Renderer holds every page of every area, parsed with the layout, per
// language.
type Renderer struct {
	cat   i18n.Catalog
	log   *slog.Logger
	pages map[string]map[string]*template.Template // locale → page → template
}

// Funcs are the functions every template may call.
var Funcs = template.FuncMap{
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

// New parses the layout and the error page with each area's templates
// (areas: one file system per area holding its *.html). A file named _x.html
// is a partial every page may use; any other file is a page, named for its
// file, and page names are unique across areas.
func New(cat i18n.Catalog, log *slog.Logger, areas ...fs.FS) (*Renderer, error) {
	own, _ := fs.Sub(ownFS, "templates")
	all := append([]fs.FS{own}, areas...)
	var partials []string // contents, in order
	type page struct {
		name string
		fsys fs.FS
		file string
	}
	var pages []page
	seen := map[string]bool{}
	for _, fsys := range all {
		files, err := fs.Glob(fsys, "*.html")
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := strings.TrimSuffix(path.Base(f), ".html")
			if name == "layout" || strings.HasPrefix(name, "_") {
				b, err := fs.ReadFile(fsys, f)
				if err != nil {
					return nil, err
				}
				partials = append(partials, string(b))
				continue
			}
			if seen[name] {
				return nil, fmt.Errorf("template %s: defined by two areas", name)
			}
			seen[name] = true
			pages = append(pages, page{name, fsys, f})
		}
	}
	rd := &Renderer{cat: cat, log: log, pages: map[string]map[string]*template.Template{}}
	for _, l := range model.Locales {
		rd.pages[l] = map[string]*template.Template{}
		for _, p := range pages {
			t := template.New(p.name).Funcs(Funcs)
			for _, src := range partials {
				if _, err := t.New("").Parse(src); err != nil {
					return nil, fmt.Errorf("template %s: %w", p.name, err)
				}
			}
			if _, err := t.ParseFS(p.fsys, p.file); err != nil {
				return nil, fmt.Errorf("template %s: %w", p.name, err)
			}
			localize(t, func(key string) string { return cat.T(l, key) })
			rd.pages[l][p.name] = t
		}
	}
	return rd, nil
}

// Template is a page in locale (the default language's when locale has none).
func (rd *Renderer) Template(locale, name string) *template.Template {
	m, ok := rd.pages[locale]
	if !ok {
		m = rd.pages[i18n.Default]
	}
	return m[name]
}

// T translates a key.
func (rd *Renderer) T(locale, key string, args ...any) string {
	return rd.cat.T(locale, key, args...)
}

// Notice says a stored message (a notification, a meeting notice) in
// locale: arguments that are catalog keys (a status, a meeting kind) are
// translated too, others shown as they are. A key the catalogs lack says
// nothing.
func (rd *Renderer) Notice(locale, key string, args []string) string {
	if !rd.Has(key) {
		return ""
	}
	out := make([]any, len(args))
	for i, arg := range args {
		if rd.Has(arg) {
			arg = rd.T(locale, arg)
		}
		out[i] = arg
	}
	return rd.T(locale, key, out...)
}

// Has reports whether the catalogs know key.
func (rd *Renderer) Has(key string) bool { return rd.cat.Has(key) }

// View is what every page template sees; page data goes in Data.
type View struct {
	L      string
	User   *model.User
	Path   string
	Here   string // path and query: where the language switch and sign-in come back to (register?role=enterprise keeps its tab)
	Title  string
	Flash  string
	Errors map[string]string
	Form   url.Values
	Data   any
	ReqID  string
	cat    i18n.Catalog
}

// T translates a key in the request's language.
func (v *View) T(key string, args ...any) string { return v.cat.T(v.L, key, args...) }

// Err is a field's translated problem, or "".
func (v *View) Err(field string) string {
	if k, ok := v.Errors[field]; ok {
		return v.cat.T(v.L, k)
	}
	return ""
}

// Problems are err's field problems as lines sorted by field, each in the
// reader's language ("row 3 · title: Required"): an import's report.
func (v *View) Problems(err error) []string {
	fields := model.FieldsOf(err)
	out := make([]string, 0, len(fields))
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		out = append(out, k+": "+v.T(fields[k]))
	}
	return out
}

// Val is a submitted form value, for re-showing a form with its problems.
func (v *View) Val(field string) string { return v.Form.Get(field) }

// Is reports whether the signed-in user has the role.
func (v *View) Is(role string) bool { return v.User != nil && string(v.User.Role) == role }

// Name picks the localized one of two names.
func (v *View) Name(en, zh string) string { return model.DisplayName(v.L, en, zh) }

// View starts a page's view for r.
func (rd *Renderer) View(r *http.Request, title string, data any) *View {
	ri := request.From(r)
	return &View{L: ri.Locale, User: ri.User, Path: r.URL.Path, Here: here(r), Title: title, Data: data, ReqID: ri.ID, cat: rd.cat, Form: url.Values{}}
}

// here is the page's own address to come back to: a GET keeps its query;
// after a POST (a form with errors) only the path.
func here(r *http.Request) string {
	if r.Method == http.MethodGet && r.URL.RawQuery != "" {
		return r.URL.Path + "?" + r.URL.RawQuery
	}
	return r.URL.Path
}

// Page writes a page; templates render into a buffer first so a template
// error becomes a clean 500 instead of half a page.
func (rd *Renderer) Page(w http.ResponseWriter, r *http.Request, code int, page string, v *View) {
	t := rd.Template(v.L, page)
	if t == nil {
		rd.Fail(w, r, fmt.Errorf("no page %q", page))
		return
	}
	rd.TakeFlash(w, r, v)
	buf := pageBufs.Get().(*bytes.Buffer)
	defer pageBufs.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		rd.Fail(w, r, fmt.Errorf("render %s: %w", page, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// Show answers a page that only reads: the page with data, or the error
// that kept data from being read.
func (rd *Renderer) Show(w http.ResponseWriter, r *http.Request, page, title string, data any, err error) {
	if err != nil {
		rd.Fail(w, r, err)
		return
	}
	rd.Page(w, r, http.StatusOK, page, rd.View(r, title, data))
}

// TakeFlash moves the flash cookie's message, if any, onto the page.
func (rd *Renderer) TakeFlash(w http.ResponseWriter, r *http.Request, v *View) {
	if k := popFlash(w, r); v.Flash == "" && k != "" && rd.cat.Has(k) {
		v.Flash = rd.cat.T(v.L, k) // only catalog keys: a forged cookie shows nothing
	}
}

// pageBufs recycles render buffers: a page is some kilobytes, grown anew
// on every request otherwise.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// FormError re-shows a form with its field problems (422, or 409 for a
// conflict), or fails for anything that is not the user's input.
func (rd *Renderer) FormError(w http.ResponseWriter, r *http.Request, page, title string, err error, data any) {
	me := model.AsError(err)
	if me == nil || (me.Code != model.Invalid && me.Code != model.Conflict) {
		rd.Fail(w, r, err)
		return
	}
	v := rd.View(r, title, data)
	v.Form = r.PostForm
	v.Form.Del("password")
	v.Errors = me.Fields
	v.Flash = rd.cat.T(v.L, me.Key)
	rd.Page(w, r, Status(err), page, v)
}

// JSON writes v as the body.
func JSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// Answer writes f(v) as JSON, or the error.
func Answer[T, J any](rd *Renderer, w http.ResponseWriter, r *http.Request, code int, v T, err error, f func(T) J) {
	if err != nil {
		rd.Fail(w, r, err)
		return
	}
	JSON(w, code, f(v))
}

// SetFlash leaves a message (a catalog key) for the next page, in a short
// cookie that survives one redirect.
func SetFlash(w http.ResponseWriter, key string) {
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

// CommonZones are the time zones forms offer first (a convention's own and
// its remote sessions').
var CommonZones = []string{"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Tokyo", "Europe/Moscow", "Europe/London", "America/New_York", "America/Los_Angeles", "Australia/Sydney"}

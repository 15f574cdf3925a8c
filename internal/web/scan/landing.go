package scan

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"sync"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type scanData struct {
	target
	Applied model.AppStatus // of the signed-in talent's application to this post; "" for none
	Recs    []recview.Rec   // the talent's best other posts
}

func (d scanData) IsPost() bool { return d.Kind == qr.Post }
func (d scanData) Open() bool   { return d.Post != nil && d.Post.Post.Status == model.PostOpen }

// landingPage shows what a scanned code names: a post, or an enterprise's
// open posts.
func (a *Area) landingPage(w http.ResponseWriter, r *http.Request) {
	t, err := a.loadTarget(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if t.Kind == qr.Post {
		a.Visits.Count("post", t.Post.Post.ID, model.ChannelScan)
	} else {
		a.Visits.Count("enterprise", t.Org.ID, model.ChannelScan)
	}
	a.renderLanding(w, r, http.StatusOK, t, nil)
}

// renderLanding shows the landing; v carries a re-shown registration form.
// For a signed-in talent the suggester reads both their application to
// this post and their suggestions' cards, mostly from memory: the landing
// is the hottest page of the convention.
func (a *Area) renderLanding(w http.ResponseWriter, r *http.Request, code int, t target, v *render.View) {
	d := scanData{target: t.in(request.Locale(r))}
	if u := request.User(r); u != nil && u.TalentID != 0 && t.Kind == qr.Post {
		locale := request.Locale(r)
		sg, err := a.Suggest.Suggest(r.Context(), u.TalentID, recview.ScanShown, t.Post.Post.ID, true)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		d.Recs, d.Applied = recview.In(a.Render, locale).Suggestions(sg, true), sg.Here
		if err := a.suggestionHeads(a.Render.Template(locale, "scan"), locale, d.Recs); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	title := "scan.title"
	if t.Kind == qr.Post {
		title = t.Post.Post.Title
	}
	if v == nil {
		v = a.Render.View(r, title, nil)
		v.Form.Set("degree", "bachelor")
	}
	v.Title, v.Data = title, d
	if t.land != nil {
		a.renderPostLanding(w, r, code, t.land, v)
		return
	}
	a.Render.Page(w, r, code, "scan", v)
}

// landing is a post's scan landing as last read (kept landingPostTTL): the
// post, its enterprise and fair, and the page's fixed parts, rendered on
// first use per language and viewer from the same templates as the whole
// page ("top", "scan_open", "scan_close", "bottom"). A popular booth's code
// is scanned many times a second and those parts are most of the page, so
// each request renders only the flash, the action and the suggestions.
// The parts live and die with the post's entry: an edit here drops both.
type landing struct {
	postData
	mu    sync.Mutex
	parts map[landingKey]*landingParts
}

// landingKey is what the fixed parts depend on besides the post: the
// language, the viewer's role ("" signed out: the navigation differs) and
// the path (the language switch returns to it).
type landingKey struct {
	locale, path string
	role         model.Role
}

type landingParts struct {
	top   []byte // the layout up to <main>
	open  []byte // the post: title, facts, description
	close []byte // the end of the section and the layout
}

// partsFor returns the fixed parts for v, rendering them the first time.
func (l *landing) partsFor(t *template.Template, v *render.View) (*landingParts, error) {
	k := landingKey{locale: v.L, path: v.Path}
	if v.User != nil {
		k.role = v.User.Role
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if p, ok := l.parts[k]; ok {
		return p, nil
	}
	var p landingParts
	var b bytes.Buffer
	for _, part := range []struct {
		dst   *[]byte
		names []string
	}{{&p.top, []string{"top"}}, {&p.open, []string{"scan_open"}}, {&p.close, []string{"scan_close", "bottom"}}} {
		b.Reset()
		for _, n := range part.names {
			if err := t.ExecuteTemplate(&b, n, v); err != nil {
				return nil, err
			}
		}
		*part.dst = bytes.Clone(b.Bytes())
	}
	if l.parts == nil {
		l.parts = map[landingKey]*landingParts{}
	}
	l.parts[k] = &p
	return &p, nil
}

// pageBufs recycles the landing's buffers, as render.Page does its own.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPostLanding writes a post's landing: what a.Render.Page(…, "scan", v)
// writes (a test holds the two equal), with the fixed parts kept.
func (a *Area) renderPostLanding(w http.ResponseWriter, r *http.Request, code int, l *landing, v *render.View) {
	t := a.Render.Template(v.L, "scan")
	if t == nil {
		a.Render.Fail(w, r, fmt.Errorf("no page %q", "scan"))
		return
	}
	a.Render.TakeFlash(w, r, v)
	p, err := l.partsFor(t, v)
	if err != nil {
		a.Render.Fail(w, r, fmt.Errorf("render scan: %w", err))
		return
	}
	buf := pageBufs.Get().(*bytes.Buffer)
	defer pageBufs.Put(buf)
	buf.Reset()
	buf.Write(p.top)
	err = t.ExecuteTemplate(buf, "flash", v)
	buf.WriteByte('\n')
	buf.Write(p.open)
	if err == nil {
		err = t.ExecuteTemplate(buf, "scan_action", v)
	}
	buf.WriteByte('\n')
	if err == nil {
		err = t.ExecuteTemplate(buf, "match_scan", v)
	}
	buf.Write(p.close)
	if err != nil {
		a.Render.Fail(w, r, fmt.Errorf("render scan: %w", err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// headKey names a suggestion's kept rendering: the post, in a language.
type headKey struct {
	post   int64
	locale string
}

// suggestionHeads fills in each suggestion's part that is the same for
// everyone who is suggested the post (its link, title, enterprise and
// city), kept as long as the post's card (recommend.CardTTL) and rendered
// when missing: on the landing it was most of the suggestions' template work.
func (a *Area) suggestionHeads(t *template.Template, locale string, recs []recview.Rec) error {
	var b bytes.Buffer
	for i := range recs {
		k := headKey{recs[i].PostID, locale}
		if h, ok := a.heads.Get(k); ok {
			recs[i].Head = h
			continue
		}
		b.Reset()
		if err := t.ExecuteTemplate(&b, "match_scan_head", recs[i]); err != nil {
			return err
		}
		recs[i].Head = template.HTML(b.String())
		a.heads.Put(k, recs[i].Head)
	}
	return nil
}

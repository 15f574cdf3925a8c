package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"sync"

	"github.com/convene/convene/internal/model"
)

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
func (l *landing) partsFor(t *template.Template, v *view) (*landingParts, error) {
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

// renderPostLanding writes a post's landing: what render(…, "scan", v)
// writes (a test holds the two equal), with the fixed parts kept.
func (s *Server) renderPostLanding(w http.ResponseWriter, r *http.Request, code int, l *landing, v *view) {
	t := s.pages.get(v.L, "scan")
	s.takeFlash(w, r, v)
	p, err := l.partsFor(t, v)
	if err != nil {
		s.fail(w, r, fmt.Errorf("render scan: %w", err))
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
		s.fail(w, r, fmt.Errorf("render scan: %w", err))
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
// city), kept as long as the post's card (cardTTL) and rendered when
// missing: on the landing it was most of the suggestions' template work.
func (s *Server) suggestionHeads(t *template.Template, locale string, recs []recView) error {
	var b bytes.Buffer
	for i := range recs {
		k := headKey{recs[i].PostID, locale}
		if h, ok := s.heads.get(k); ok {
			recs[i].Head = h
			continue
		}
		b.Reset()
		if err := t.ExecuteTemplate(&b, "match_scan_head", recs[i]); err != nil {
			return err
		}
		recs[i].Head = template.HTML(b.String())
		s.heads.put(k, recs[i].Head)
	}
	return nil
}

package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
)

// qrSecret is the HMAC key of scan tokens: created once in the database, so
// every instance signs and verifies alike, then cached here.
func (s *Server) qrSecret(ctx context.Context) ([]byte, error) {
	st := &s.scan
	st.secretMu.Lock()
	defer st.secretMu.Unlock()
	if st.secret == nil {
		b, err := s.store.Secret(ctx, "qr", 32)
		if err != nil {
			return nil, err
		}
		st.secret = b
	}
	return st.secret, nil
}

// scanURL is the short URL a code carries: this server's /s/{token}. The
// host is the one the request came to (a proxy must pass Host on); the
// scheme is https whenever cookies are secure, that is, in production.
func (s *Server) scanURL(r *http.Request, k qr.Kind, id int64) (string, error) {
	sec, err := s.qrSecret(r.Context())
	if err != nil {
		return "", err
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/s/" + qr.Token(sec, k, id), nil
}

// ownOrg: an enterprise may print only its own codes; organizers any.
func ownOrg(r *http.Request, orgID int64) error {
	u := currentUser(r)
	if u.Role == organizer || (u.OrgID != nil && *u.OrgID == orgID) {
		return nil
	}
	return model.Errorf(model.Forbidden, "err.forbidden")
}

// qrPost serves a post's code: /qr/posts/{id}/code.png or code.svg.
func (s *Server) qrPost(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.store.Post(r.Context(), id)
	if err == nil {
		err = ownOrg(r, p.OrgID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.serveCode(w, r, qr.Post, p.ID, fmt.Sprintf("post-%d", p.ID))
}

// qrOrg serves an enterprise's booth code, or its poster sheet as PDF.
func (s *Server) qrOrg(w http.ResponseWriter, r *http.Request) {
	o, err := s.loadOwnEnterprise(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PathValue("file") == "poster.pdf" {
		s.posterPDF(w, r, o)
		return
	}
	s.serveCode(w, r, qr.Enterprise, o.ID, fmt.Sprintf("booth-%d", o.ID))
}

func (s *Server) loadOwnEnterprise(r *http.Request) (model.Organization, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Organization{}, err
	}
	if err := ownOrg(r, id); err != nil {
		return model.Organization{}, err
	}
	o, err := s.store.Organization(r.Context(), id)
	if err == nil && o.Kind != model.OrgEnterprise {
		err = model.ErrNotFound("organization")
	}
	return o, err
}

func (s *Server) serveCode(w http.ResponseWriter, r *http.Request, k qr.Kind, id int64, name string) {
	url, err := s.scanURL(r, k, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var body []byte
	switch r.PathValue("file") {
	case "code.png":
		body, err = qr.PNG(url, 512)
		w.Header().Set("Content-Type", "image/png")
	case "code.svg":
		var svg string
		svg, err = qr.SVG(url)
		body = []byte(svg)
		w.Header().Set("Content-Type", "image/svg+xml")
	default:
		err = model.ErrNotFound("page")
	}
	if err != nil {
		w.Header().Del("Content-Type")
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s%s"`, name, r.PathValue("file")[4:]))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(body)
}

// qrCode is one code on the QR page and the poster.
type qrCode struct {
	Title string
	URL   string
	PNG   template.URL // data: URI, so the page and the PDF need no second request
	Post  *model.Post
}

type qrPageData struct {
	Org   model.Organization
	Booth qrCode
	Posts []qrCode
}

func (s *Server) qrData(r *http.Request, o model.Organization) (qrPageData, error) {
	d := qrPageData{Org: o}
	code := func(k qr.Kind, id int64, title string) (qrCode, error) {
		url, err := s.scanURL(r, k, id)
		if err != nil {
			return qrCode{}, err
		}
		png, err := qr.PNG(url, 320)
		return qrCode{Title: title, URL: url, PNG: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))}, err
	}
	var err error
	if d.Booth, err = code(qr.Enterprise, o.ID, model.DisplayName(info(r).locale, o.Name, o.NameZH)); err != nil {
		return d, err
	}
	posts, err := s.store.ListPosts(r.Context(), store.PostFilter{OrgID: o.ID, Status: model.PostOpen, Limit: 200})
	if err != nil {
		return d, err
	}
	for i := range posts {
		c, err := code(qr.Post, posts[i].ID, posts[i].Title)
		if err != nil {
			return d, err
		}
		c.Post = &posts[i]
		d.Posts = append(d.Posts, c)
	}
	return d, nil
}

// qrPage lists an enterprise's codes with download links.
func (s *Server) qrPage(w http.ResponseWriter, r *http.Request) {
	o, err := s.loadOwnEnterprise(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.qrData(r, o)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "qr", s.view(r, "qr.title", d))
}

// myQR sends an enterprise member to its own codes.
func (s *Server) myQR(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, fmt.Sprintf("/qr/orgs/%d", *currentUser(r).OrgID), http.StatusSeeOther)
}

// The poster is HTML printed to PDF by Chromium (chromedp's PrintToPDF)
// rather than drawn with a pure-Go PDF library. Why: Chinese names must
// render, and Chromium finds Debian's fonts-noto-cjk through fontconfig and
// embeds subsets of them, where a Go library would need a TrueType face
// (Noto CJK ships CFF outlines in a .ttc collection, which the pure-Go
// libraries read poorly or not at all) and code of ours to subset it; HTML
// also wraps long names and lays out the grid for free. Chromium and
// fonts-noto-cjk are already installed by scripts/test for the browser
// tests. The cost is a Chromium process per poster (about a second), bounded
// by posterSlots; posters are printed a few times per enterprise, so that is
// acceptable. Without Chromium the route answers 503 with a clear message,
// and the QR page itself prints well from any browser.
var posterSlots = make(chan struct{}, 2)

func chromiumPath() (string, error) {
	if p := os.Getenv("CONVENE_CHROMIUM"); p != "" {
		return p, nil
	}
	return exec.LookPath("chromium")
}

func (s *Server) posterPDF(w http.ResponseWriter, r *http.Request, o model.Organization) {
	d, err := s.qrData(r, o)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "qr.poster", d)
	var html bytes.Buffer
	if err := s.pages.get(v.L, "qr_poster").ExecuteTemplate(&html, "poster", v); err != nil {
		s.fail(w, r, err)
		return
	}
	pdf, err := printPDF(r.Context(), html.String())
	if err == errNoChromium {
		v := s.view(r, "qr.poster", nil)
		v.Flash = s.cat.T(v.L, "qr.no_pdf")
		s.render(w, r, http.StatusServiceUnavailable, "error", v)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="poster-%d.pdf"`, o.ID))
	w.Write(pdf)
}

var errNoChromium = fmt.Errorf("chromium not installed")

// printPDF renders a standalone HTML document to an A4 PDF.
func printPDF(ctx context.Context, html string) ([]byte, error) {
	path, err := chromiumPath()
	if err != nil {
		return nil, errNoChromium
	}
	select {
	case posterSlots <- struct{}{}:
		defer func() { <-posterSlots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	dir, err := os.MkdirTemp("", "convene-pdf")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	actx, cancelA := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(dir))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		return nil, fmt.Errorf("print poster: %w", err)
	}
	tree, err := chromedp.Call(bctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("print poster: %w", err)
	}
	if _, err := chromedp.Call(bctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html}); err != nil {
		return nil, fmt.Errorf("print poster: %w", err)
	}
	// data: images decode before the document's load completes.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`new Promise(r => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("print poster: %w", err)
	}
	pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFMargin(0.4), chromedp.PDFPrintBackground()))
	if err != nil {
		return nil, fmt.Errorf("print poster: %w", err)
	}
	return pdf, nil
}

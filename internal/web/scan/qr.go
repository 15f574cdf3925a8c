package scan

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

// scanURL is the short URL a code carries: this server's /s/{token}.
func (a *Area) scanURL(r *http.Request, k qr.Kind, id int64) (string, error) {
	return a.Codes.URL(r.Context(), a.BaseURL(r), k, id)
}

// ownOrg: an enterprise may print only its own codes; organizers any.
func ownOrg(r *http.Request, orgID int64) error {
	u := request.User(r)
	if u.Role == model.RoleOrganizer || (u.OrgID != nil && *u.OrgID == orgID) {
		return nil
	}
	return model.Errorf(model.Forbidden, "err.forbidden")
}

// qrPost serves a post's code: /qr/posts/{id}/code.png or code.svg.
func (a *Area) qrPost(w http.ResponseWriter, r *http.Request) {
	p, err := a.PathPost(r)
	if err == nil {
		err = ownOrg(r, p.OrgID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.serveCode(w, r, qr.Post, p.ID, fmt.Sprintf("post-%d", p.ID))
}

// qrOrg serves an enterprise's booth code, or its poster sheet as PDF.
func (a *Area) qrOrg(w http.ResponseWriter, r *http.Request) {
	o, err := a.loadOwnEnterprise(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if r.PathValue("file") == "poster.pdf" {
		a.posterPDF(w, r, o)
		return
	}
	a.serveCode(w, r, qr.Enterprise, o.ID, fmt.Sprintf("booth-%d", o.ID))
}

func (a *Area) loadOwnEnterprise(r *http.Request) (model.Organization, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Organization{}, err
	}
	if err := ownOrg(r, id); err != nil {
		return model.Organization{}, err
	}
	o, err := a.DB.Organization(r.Context(), id)
	if err == nil && o.Kind != model.OrgEnterprise {
		err = model.ErrNotFound("organization")
	}
	return o, err
}

func (a *Area) serveCode(w http.ResponseWriter, r *http.Request, k qr.Kind, id int64, name string) {
	url, err := a.scanURL(r, k, id)
	if err != nil {
		a.Render.Fail(w, r, err)
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
		a.Render.Fail(w, r, err)
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

func (a *Area) qrData(r *http.Request, o model.Organization) (qrPageData, error) {
	d := qrPageData{Org: o}
	code := func(k qr.Kind, id int64, title string) (qrCode, error) {
		url, err := a.scanURL(r, k, id)
		if err != nil {
			return qrCode{}, err
		}
		png, err := qr.PNG(url, 320)
		return qrCode{Title: title, URL: url, PNG: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))}, err
	}
	var err error
	if d.Booth, err = code(qr.Enterprise, o.ID, model.DisplayName(request.Locale(r), o.Name, o.NameZH)); err != nil {
		return d, err
	}
	posts, err := a.DB.ListPosts(r.Context(), store.PostFilter{OrgID: o.ID, Status: model.PostOpen, Limit: 200})
	if err != nil {
		return d, err
	}
	for i := range posts {
		c, err := code(qr.Post, posts[i].ID, model.DisplayName(request.Locale(r), posts[i].Title, posts[i].TitleZH))
		if err != nil {
			return d, err
		}
		posts[i].City = vocab.City.Label(request.Locale(r), posts[i].City) // the poster's language
		c.Post = &posts[i]
		d.Posts = append(d.Posts, c)
	}
	return d, nil
}

// qrPage lists an enterprise's codes with download links.
func (a *Area) qrPage(w http.ResponseWriter, r *http.Request) {
	o, err := a.loadOwnEnterprise(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d, err := a.qrData(r, o)
	a.Render.Show(w, r, "qr", "qr.title", d, err)
}

// myQR sends an enterprise member to its own codes.
func (a *Area) myQR(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, fmt.Sprintf("/qr/orgs/%d", *request.User(r).OrgID), http.StatusSeeOther)
}

// posterPDF prints the codes on an A4 sheet through Chromium (why Chromium:
// internal/chromium). Without it the route answers 503 with a clear
// message; the QR page itself prints well from any browser.
func (a *Area) posterPDF(w http.ResponseWriter, r *http.Request, o model.Organization) {
	d, err := a.qrData(r, o)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.PrintPDF(w, r, a.Render.View(r, "qr.poster", d), area.Printout{Page: "qr_poster", Doc: "poster",
		Margin: 0.4, Missing: "qr.no_pdf", Filename: fmt.Sprintf("poster-%d.pdf", o.ID)})
}

package exhibits

import (
	"net/http"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type pageData struct {
	X      store.ExhibitView
	FromQR bool
	QRPath string
}

func (a *Area) loadPage(r *http.Request) (pageData, error) {
	var d pageData
	id, err := request.PathID(r)
	if err != nil {
		return d, err
	}
	if d.X, err = a.DB.Exhibit(r.Context(), id); err != nil {
		return d, err
	}
	d.FromQR = a.fromQR(r.Context(), id, r.URL.Query().Get("qr"))
	d.QRPath = "/exhibits/" + itoa(id) + "/qr.png"
	return d, nil
}

// page: the exhibit's page with its contact form.
func (a *Area) page(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadPage(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "exhibits.page", d)
	if u := request.User(r); u != nil {
		v.Form.Set("from_name", u.Name)
	}
	a.Render.Page(w, r, http.StatusOK, "exhibit_page", v)
}

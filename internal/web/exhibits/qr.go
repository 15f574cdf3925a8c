package exhibits

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/web/request"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// qrImage: the QR printed on the exhibit's card; it opens the exhibit's
// page through a signed link.
func (a *Area) qrImage(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err == nil {
		_, err = a.DB.Exhibit(r.Context(), id)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	path, err := a.signedPath(r.Context(), id)
	var png []byte
	if err == nil {
		png, err = qr.PNG(a.BaseURL(r)+path, 320)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(png)
}

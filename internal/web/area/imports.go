package area

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// SendXLSX answers sheet as the download name (an import's template, an
// export); written whole first, so a failure is still a clean error page.
func (d *Deps) SendXLSX(w http.ResponseWriter, r *http.Request, name string, sheet postio.Sheet) {
	var buf bytes.Buffer
	if err := postio.WriteXLSX(&buf, sheet); err != nil {
		d.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(buf.Bytes())
}

// ImportUpload reads an import form's file and the organization it is for
// (org_id, approved; kind too when one is given). A missing file or a bad
// choice are problems said together, so the form shows them side by side.
func (d *Deps) ImportUpload(r *http.Request, kind model.OrgKind) ([]byte, int64, error) {
	data, err := request.Upload(r)
	pr := model.Problems{}
	if len(model.FieldsOf(err)) > 0 {
		pr.Merge(err)
	} else if err != nil {
		return nil, 0, err
	}
	id, _ := strconv.ParseInt(r.FormValue("org_id"), 10, 64)
	if o, err := d.DB.Organization(r.Context(), id); err != nil || o.Status != model.OrgApproved || kind != "" && o.Kind != kind {
		pr.Add("org_id", "err.choice")
	}
	return data, id, pr.Err()
}

// Import names an import's form page and where a good file leads.
type Import struct {
	Page, Title string // the form's template and title key
	Flash, Next string // said, and gone to, once the file is imported
}

// Imported answers an import's post: a refused file re-shows the form with
// its problems (ImportRefused), another error fails, and an imported one
// goes on to imp.Next.
func (d *Deps) Imported(w http.ResponseWriter, r *http.Request, imp Import, err error, data func(rows []string) (any, error)) {
	if me := model.AsError(err); me != nil && me.Code == model.Invalid {
		d.ImportRefused(w, r, imp.Page, imp.Title, err, data)
		return
	}
	if err != nil {
		d.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, imp.Flash)
	http.Redirect(w, r, imp.Next, http.StatusSeeOther)
}

// ImportRefused re-shows an import's form (422) with every problem of a
// refused file, each by row and field in the reader's language; data
// builds the page's data around those lines.
func (d *Deps) ImportRefused(w http.ResponseWriter, r *http.Request, page, title string, err error, data func(rows []string) (any, error)) {
	v := d.Render.View(r, title, nil)
	pd, derr := data(v.Problems(err))
	if derr != nil {
		d.Render.Fail(w, r, derr)
		return
	}
	key := "err.invalid"
	if me := model.AsError(err); me != nil {
		key = me.Key
	}
	v.Data, v.Flash, v.Form = pd, v.T(key), r.PostForm
	d.Render.Page(w, r, http.StatusUnprocessableEntity, page, v)
}

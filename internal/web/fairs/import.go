package fairs

import (
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/convene/convene/internal/store"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// importErr carries a file's row/column problems; each becomes a field
// "row N · column" with a message key, so the one error path says them in
// the user's language (and the API answers them as fields).
func importErr(errs postio.Errors) error {
	pr := model.Problems{}
	for _, e := range errs {
		f := "row " + strconv.Itoa(e.Row)
		if e.Column != "" {
			f += " · " + e.Column
		}
		pr.Add(f, e.Key)
	}
	e := model.Errorf(model.Invalid, "err.import")
	e.Fields = pr
	return e
}

// doImport checks a whole file and imports all of its posts or none.
func (a *Area) doImport(r *http.Request, fairID, sessionID int64, data []byte) ([]model.Post, error) {
	o, err := a.myOrg(r)
	if err != nil {
		return nil, err
	}
	base := model.Post{OrgID: o.ID, FairID: fairID}
	if sessionID != 0 {
		base.SessionID = &sessionID
	}
	pr := model.Problems{}
	if fairID == 0 {
		pr.Add("fair_id", "err.required")
	}
	if err := a.checkPlace(r.Context(), &base, pr); err != nil {
		return nil, err
	}
	if len(data) == 0 {
		pr.Add("file", "err.required")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	posts, errs := postio.Parse(data, base)
	if errs != nil {
		return nil, importErr(errs)
	}
	if err := a.db.ImportPosts(r.Context(), posts); err != nil {
		return posts, err
	}
	a.saved(r.Context(), posts...)
	return posts, nil
}

type importData struct {
	Fairs []store.FairSessions
	Rows  []string // problems, said in the user's language
	Count int
}

func (a *Area) importForm(w http.ResponseWriter, r *http.Request) {
	if _, err := a.myOrg(r); err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	d, err := a.postFormData(r, model.Post{})
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	a.rd.Page(w, r, http.StatusOK, "import", a.rd.View(r, "import.title", importData{Fairs: d.Fairs}))
}

// importPosts takes the form's file (1 MiB at most, the default body limit)
// and re-shows the form with every bad row when the file is refused.
func (a *Area) importPosts(w http.ResponseWriter, r *http.Request) {
	var data []byte
	var fairID, sessionID int64
	err := r.ParseMultipartForm(1 << 20)
	if err == nil {
		fairID, _ = strconv.ParseInt(r.FormValue("fair_id"), 10, 64)
		sessionID, _ = strconv.ParseInt(r.FormValue("session_id"), 10, 64)
		if f, _, ferr := r.FormFile("file"); ferr == nil {
			data, err = io.ReadAll(f)
			f.Close()
		}
	} else if render.Status(err) != http.StatusRequestEntityTooLarge {
		err = model.Errorf(model.Invalid, "err.form")
	}
	var posts []model.Post
	if err == nil {
		posts, err = a.doImport(r, fairID, sessionID, data)
	}
	if err != nil {
		me := model.AsError(err)
		if me == nil || me.Code != model.Invalid {
			a.rd.Fail(w, r, err)
			return
		}
		fd, derr := a.postFormData(r, model.Post{})
		if derr != nil {
			a.rd.Fail(w, r, derr)
			return
		}
		v := a.rd.View(r, "import.title", nil)
		d := importData{Fairs: fd.Fairs}
		for _, k := range sortedKeys(me.Fields) {
			d.Rows = append(d.Rows, k+": "+v.T(me.Fields[k]))
		}
		v.Data, v.Flash = d, v.T(me.Key)
		a.rd.Page(w, r, http.StatusUnprocessableEntity, "import", v)
		return
	}
	render.SetFlash(w, "flash.imported")
	http.Redirect(w, r, "/org/posts?imported="+strconv.Itoa(len(posts)), http.StatusSeeOther)
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// apiImportPosts takes the file as the body (CSV or XLSX, told apart by
// content) with fair_id (and session_id) in the query.
func (a *Area) apiImportPosts(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	posts, err := a.doImport(r, int64(request.QueryInt(r, "fair_id")), int64(request.QueryInt(r, "session_id")), data)
	render.Answer(a.rd, w, r, http.StatusCreated, posts, err, func(l []model.Post) importJ { return importJ{len(l), postsJSON(l)} })
}

type importJ struct {
	Imported int             `json:"imported"`
	Posts    []jsonview.Post `json:"posts"`
}

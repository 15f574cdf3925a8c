package fairs

import (
	"io"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/store"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// doImport checks a whole file and imports all of its posts or none. The
// notices are the cities and industries the vocabulary does not know: kept
// as typed, and said to the importer.
func (a *Area) doImport(r *http.Request, fairID, sessionID int64, data []byte) ([]model.Post, []postio.Notice, error) {
	o, err := a.myOrg(r)
	if err != nil {
		return nil, nil, err
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
		return nil, nil, err
	}
	if len(data) == 0 {
		pr.Add("file", "err.required")
	}
	if err := pr.Err(); err != nil {
		return nil, nil, err
	}
	posts, notices, errs := postio.ParseNoticed(data, base)
	if errs != nil {
		return nil, nil, errs.Invalid()
	}
	if err := a.DB.ImportPosts(r.Context(), posts); err != nil {
		return posts, nil, err
	}
	a.saved(r.Context(), posts...)
	return posts, notices, nil
}

// noticeLines says each notice in lang: "row 4 · city: Foshan".
func (a *Area) noticeLines(lang string, notices []postio.Notice) []string {
	out := make([]string, len(notices))
	for i, n := range notices {
		out[i] = a.Render.T(lang, "import.unmapped_row", n.Row, a.Render.T(lang, "field."+n.Column), n.Value)
	}
	return out
}

type importData struct {
	Fairs    []store.FairSessions
	Rows     []string // problems, said in the user's language
	Count    int
	Unmapped []string // after an import: values kept as typed that the vocabulary does not know
}

func (a *Area) importForm(w http.ResponseWriter, r *http.Request) {
	d, err := a.newPostForm(r)
	a.Render.Show(w, r, "import", "import.title", importData{Fairs: d.Fairs}, err)
}

// importPosts takes the form's file (1 MiB at most, the default body limit)
// and re-shows the form with every bad row when the file is refused.
func (a *Area) importPosts(w http.ResponseWriter, r *http.Request) {
	data, err := request.Upload(r)
	if len(model.FieldsOf(err)) > 0 {
		err = nil // a missing file is said with the other fields' problems (doImport)
	}
	fairID, _ := strconv.ParseInt(r.FormValue("fair_id"), 10, 64)
	sessionID, _ := strconv.ParseInt(r.FormValue("session_id"), 10, 64)
	var posts []model.Post
	var notices []postio.Notice
	if err == nil {
		posts, notices, err = a.doImport(r, fairID, sessionID, data)
	}
	if err != nil {
		me := model.AsError(err)
		if me == nil || me.Code != model.Invalid {
			a.Render.Fail(w, r, err)
			return
		}
		fd, derr := a.postFormData(r, model.Post{})
		if derr != nil {
			a.Render.Fail(w, r, derr)
			return
		}
		v := a.Render.View(r, "import.title", nil)
		d := importData{Fairs: fd.Fairs, Rows: v.Problems(err)}
		v.Data, v.Flash = d, v.T(me.Key)
		a.Render.Page(w, r, http.StatusUnprocessableEntity, "import", v)
		return
	}
	if len(notices) > 0 { // imported, with values to look at: say them here rather than lose them in a redirect
		fd, err := a.postFormData(r, model.Post{})
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		v := a.Render.View(r, "import.title", nil)
		v.Data = importData{Fairs: fd.Fairs, Count: len(posts), Unmapped: a.noticeLines(v.L, notices)}
		v.Flash = v.T("flash.imported")
		a.Render.Page(w, r, http.StatusOK, "import", v)
		return
	}
	render.SetFlash(w, "flash.imported")
	http.Redirect(w, r, "/org/posts?imported="+strconv.Itoa(len(posts)), http.StatusSeeOther)
}

// apiImportPosts takes the file as the body (CSV or XLSX, told apart by
// content) with fair_id (and session_id) in the query.
func (a *Area) apiImportPosts(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	posts, notices, err := a.doImport(r, int64(request.QueryInt(r, "fair_id")), int64(request.QueryInt(r, "session_id")), data)
	lines := a.noticeLines(request.Locale(r), notices)
	render.Answer(a.Render, w, r, http.StatusCreated, posts, err, func(l []model.Post) importJ {
		j := importJ{Imported: len(l), Posts: postsJSON(l)}
		for i, n := range notices {
			j.Unmapped = append(j.Unmapped, unmappedJ{n.Row, n.Column, n.Value, lines[i]})
		}
		return j
	})
}

type importJ struct {
	Imported int             `json:"imported"`
	Posts    []jsonview.Post `json:"posts"`
	Unmapped []unmappedJ     `json:"unmapped,omitempty"`
}

// unmappedJ is a city or industry kept as typed that the vocabulary does
// not know, so filters list it apart and readers of the other language see
// it as typed.
type unmappedJ struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

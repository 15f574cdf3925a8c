package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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
func (s *Server) doImport(r *http.Request, fairID, sessionID int64, data []byte) ([]model.Post, error) {
	o, err := s.myOrg(r)
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
	if err := s.checkPlace(r.Context(), &base, pr); err != nil {
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
	return posts, s.matchPosts(r.Context(), posts, s.store.ImportPosts(r.Context(), posts))
}

type importData struct {
	Fairs []fairView
	Rows  []string // problems, said in the user's language
	Count int
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	if _, err := s.myOrg(r); err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.postFormData(r, model.Post{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "import", s.view(r, "import.title", importData{Fairs: d.Fairs}))
}

func (s *Server) importPosts(w http.ResponseWriter, r *http.Request) {
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
	} else if status(err) != http.StatusRequestEntityTooLarge {
		err = model.Errorf(model.Invalid, "err.form")
	}
	var posts []model.Post
	if err == nil {
		posts, err = s.doImport(r, fairID, sessionID, data)
	}
	if err != nil {
		me := model.AsError(err)
		if me == nil || me.Code != model.Invalid {
			s.fail(w, r, err)
			return
		}
		fd, derr := s.postFormData(r, model.Post{})
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		v := s.view(r, "import.title", nil)
		d := importData{Fairs: fd.Fairs}
		for _, k := range sortedKeys(me.Fields) {
			d.Rows = append(d.Rows, k+": "+v.T(me.Fields[k]))
		}
		v.Data, v.Flash = d, v.T(me.Key)
		s.render(w, r, http.StatusUnprocessableEntity, "import", v)
		return
	}
	setFlash(w, "flash.imported")
	http.Redirect(w, r, "/org/posts?imported="+strconv.Itoa(len(posts)), http.StatusSeeOther)
}

// apiImportPosts takes the file as the body (CSV or XLSX, told apart by
// content) with fair_id (and session_id) in the query.
func (s *Server) apiImportPosts(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	posts, err := s.doImport(r, int64(queryInt(r, "fair_id")), int64(queryInt(r, "session_id")), data)
	answer(s, w, r, http.StatusCreated, posts, err, func(l []model.Post) importJ { return importJ{len(l), mapSlice(l, postJSON)} })
}

type importJ struct {
	Imported int     `json:"imported"`
	Posts    []postJ `json:"posts"`
}

func sendXLSX(w http.ResponseWriter, r *http.Request, s *Server, name string, sheet postio.Sheet) {
	var buf bytes.Buffer
	if err := postio.WriteXLSX(&buf, sheet); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(buf.Bytes())
}

func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	sendXLSX(w, r, s, "convene-posts-template.xlsx", postio.Template())
}

// scopeOrg is the organization whose data an export or inbox shows: the
// enterprise's own, or 0 (every one) for organizers.
func scopeOrg(r *http.Request) int64 {
	u := currentUser(r)
	if u.Role == model.RoleOrganizer || u.OrgID == nil {
		return 0
	}
	return *u.OrgID
}

func (s *Server) exportPosts(w http.ResponseWriter, r *http.Request) {
	var all []model.Post
	for off := 0; ; off += 200 {
		l, err := s.store.ListPosts(r.Context(), store.PostFilter{OrgID: scopeOrg(r), Limit: 200, Offset: off})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		all = append(all, l...)
		if len(l) < 200 {
			break
		}
	}
	sendXLSX(w, r, s, "convene-posts.xlsx", postio.PostSheet(all))
}

func (s *Server) exportApplications(w http.ResponseWriter, r *http.Request) {
	f, err := inboxFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", nil)
	sheet := postio.Sheet{Name: "applications", Header: []string{"id", v.T("field.post"), "post_id", v.T("inbox.talent"), "talent_id",
		v.T("field.degree"), v.T("field.channel"), v.T("field.status"), v.T("field.date"), "cv"}}
	for off := 0; ; off += 200 {
		f.Limit, f.Offset = 200, off
		rows, err := s.store.Inbox(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, a := range rows {
			cv := ""
			if a.TalentHasCV {
				cv = "/cv/" + strconv.FormatInt(a.TalentID, 10)
			}
			sheet.Rows = append(sheet.Rows, []any{a.ID, a.PostTitle, a.PostID, a.TalentName, a.TalentID, v.T("degree." + string(a.TalentDegree)),
				v.T("channel." + string(a.Channel)), v.T("app." + string(a.Status)), a.CreatedAt.UTC().Format(time.DateTime), cv})
		}
		if len(rows) < 200 {
			break
		}
	}
	sendXLSX(w, r, s, "convene-applications.xlsx", sheet)
}

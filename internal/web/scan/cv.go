package scan

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// mayReadCV is the object-level rule for CVs: the talent, an enterprise the
// talent applied to, and organizers. Everyone else is refused alike.
func (a *Area) mayReadCV(r *http.Request, talentID int64) error {
	u := request.User(r)
	forbidden := model.Errorf(model.Forbidden, "err.forbidden")
	switch u.Role {
	case model.RoleOrganizer:
		return nil
	case model.RoleTalent:
		t, err := a.DB.TalentByUser(r.Context(), u.ID)
		if err != nil {
			return err
		}
		if t.ID != talentID {
			return forbidden
		}
		return nil
	case model.RoleEnterprise:
		ok, err := a.DB.AppliedToOrg(r.Context(), talentID, *u.OrgID)
		if err != nil {
			return err
		}
		if !ok {
			return forbidden
		}
		return nil
	}
	return forbidden
}

// cvDownload serves GET /cv/{talent id} to whoever may read it.
func (a *Area) cvDownload(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if err := a.mayReadCV(r, id); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	cv, err := a.DB.CV(r.Context(), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.FormatInt(cv.Size, 10))
	// attachment: a PDF from outside is not rendered in our origin.
	// The uploader's name, made safe (model.SafeFileName: no bidi or
	// zero-width characters, no second extension) and escaped as RFC 8187
	// asks; the plain filename is an ASCII fallback.
	fallback := fmt.Sprintf("cv-%d.pdf", id)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, fallback, attrChars(model.SafeFileName(cv.Name, ".pdf", fallback))))
	h.Set("Cache-Control", "private, no-store")
	h.Set("ETag", `"`+cv.SHA256+`"`)
	w.Write(cv.Content)
}

// attrChars percent-encodes s for an RFC 8187 ext-value: every byte but
// the attr-chars (letters, digits and !#$&+-.^_`|~).
func attrChars(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// cvUpload stores or replaces the signed-in talent's CV from the profile page.
func (a *Area) cvUpload(w http.ResponseWriter, r *http.Request) {
	t, err := a.DB.TalentByUser(r.Context(), request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	p := model.Problems{}
	var b []byte
	var name string
	if parseUpload(r, p) {
		b, name, p = readCV(r, p)
	}
	if len(p) == 0 {
		err = a.DB.SaveCV(r.Context(), &model.CV{TalentID: t.ID, Name: name, Content: b})
	} else {
		err = p.Err()
	}
	if err != nil {
		me := model.AsError(err)
		if me == nil || me.Code != model.Invalid {
			a.Render.Fail(w, r, err)
			return
		}
		v := a.Render.View(r, "profile.title", profileData{Talent: t})
		request.EncodeForm(v.Form, jsonview.TalentOf(t).TalentFields)
		v.Errors = me.Fields
		v.Flash = a.Render.T(v.L, me.Key)
		a.Render.Page(w, r, http.StatusUnprocessableEntity, "profile", v)
		return
	}
	render.SetFlash(w, "scan.cv_saved")
	http.Redirect(w, r, "/me/profile", http.StatusSeeOther)
}

// profileData is what the profile page (the account area's) reads: the CV link.
type profileData struct {
	Talent model.Talent
}

// parseUpload parses a form with a CV (1 MiB at most, the body limit); a
// body too large or not a form is a problem of the cv field.
func parseUpload(r *http.Request, p model.Problems) bool {
	err := r.ParseMultipartForm(1 << 20)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		p.Add("cv", "err.cv_too_large")
	case err != nil:
		p.Add("cv", "err.form")
	}
	return err == nil
}

// readCV reads the "cv" file of a parsed multipart form and checks it.
func readCV(r *http.Request, p model.Problems) ([]byte, string, model.Problems) {
	file, hdr, err := r.FormFile("cv")
	if err != nil {
		p.Add("cv", "err.cv_required")
		return nil, "", p
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, model.MaxCVSize+1))
	if err != nil {
		p.Add("cv", "err.form")
		return nil, "", p
	}
	if err := model.CheckPDF(b); err != nil {
		p.Add("cv", model.FieldsOf(err)["cv"])
	}
	return b, cleanFileName(hdr.Filename), p
}

// cleanFileName keeps a download name harmless in a header.
func cleanFileName(n string) string {
	n = n[strings.LastIndexAny(n, `/\`)+1:]
	n = strings.Map(func(r rune) rune {
		if r < 0x20 || r == '"' || r == ';' || r == 0x7f {
			return -1
		}
		return r
	}, n)
	if len([]rune(n)) > 100 {
		n = string([]rune(n)[:100])
	}
	if n == "" {
		n = "cv.pdf"
	}
	return n
}

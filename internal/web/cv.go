package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/convene/convene/internal/model"
)

// mayReadCV is the object-level rule for CVs: the talent, an enterprise the
// talent applied to, and organizers. Everyone else is refused alike.
func (s *Server) mayReadCV(r *http.Request, talentID int64) error {
	u := currentUser(r)
	forbidden := model.Errorf(model.Forbidden, "err.forbidden")
	switch u.Role {
	case organizer:
		return nil
	case talent:
		t, err := s.store.TalentByUser(r.Context(), u.ID)
		if err != nil {
			return err
		}
		if t.ID != talentID {
			return forbidden
		}
		return nil
	case enterprise:
		ok, err := s.store.AppliedToOrg(r.Context(), talentID, *u.OrgID)
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
func (s *Server) cvDownload(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.mayReadCV(r, id); err != nil {
		s.fail(w, r, err)
		return
	}
	cv, err := s.store.CV(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.FormatInt(cv.Size, 10))
	// attachment: a PDF from outside is not rendered in our origin.
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="cv-%d.pdf"; filename*=UTF-8''%s`, id, url.PathEscape(cv.Name)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("ETag", `"`+cv.SHA256+`"`)
	w.Write(cv.Content)
}

// cvUpload stores or replaces the signed-in talent's CV from the profile page.
func (s *Server) cvUpload(w http.ResponseWriter, r *http.Request) {
	t, err := s.store.TalentByUser(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := model.Problems{}
	var b []byte
	var name string
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			p.Add("cv", "err.cv_too_large")
		} else {
			p.Add("cv", "err.form")
		}
	} else {
		b, name, p = readCV(r, p)
	}
	if len(p) == 0 {
		err = s.store.SaveCV(r.Context(), &model.CV{TalentID: t.ID, Name: name, Content: b})
	} else {
		err = p.Err()
	}
	if err != nil {
		me := model.AsError(err)
		if me == nil || me.Code != model.Invalid {
			s.fail(w, r, err)
			return
		}
		v := s.view(r, "profile.title", profileData{Talent: t})
		fillTalentForm(v, t)
		v.Errors = me.Fields
		v.Flash = s.cat.T(v.L, me.Key)
		s.render(w, r, http.StatusUnprocessableEntity, "profile", v)
		return
	}
	setFlash(w, "scan.cv_saved")
	http.Redirect(w, r, "/me/profile", http.StatusSeeOther)
}

// profileData lets the profile page show the CV link.
type profileData struct {
	Talent model.Talent
}

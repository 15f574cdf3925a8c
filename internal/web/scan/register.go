package scan

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// quickReg is the landing's one-minute registration.
type quickReg struct {
	Name, Email, Password, Degree, Discipline string
	CV                                        []byte
	CVName                                    string
}

// readQuickReg reads the multipart form; every problem is a field problem,
// so the form comes back with all of them at once and nothing stored.
func readQuickReg(r *http.Request, locale string) (quickReg, *model.Registration, model.Problems) {
	p := model.Problems{}
	var q quickReg
	if !parseUpload(r, p) {
		return q, nil, p
	}
	f := r.PostForm
	q = quickReg{Name: f.Get("name"), Email: f.Get("email"), Password: f.Get("password"), Degree: f.Get("degree"), Discipline: strings.TrimSpace(f.Get("discipline"))}
	reg := &model.Registration{Email: q.Email, Name: q.Name, Password: q.Password, Locale: locale, Role: model.RoleTalent}
	if err := reg.Validate(); err != nil {
		p.Merge(err)
	}
	prof := model.Talent{Name: q.Name, Category: model.TalentOverseas, Degree: model.Degree(q.Degree), Discipline: q.Discipline, IntentChina: model.IntentUndecided}
	if err := prof.Validate(); err != nil {
		p.Merge(err)
	}
	q.CV, q.CVName, p = readCV(r, p)
	return q, reg, p
}

// register: a new talent registers on the landing with a CV and lands
// back on the post with the application made.
func (a *Area) register(w http.ResponseWriter, r *http.Request) {
	t, err := a.loadTarget(r)
	if err == nil && t.Kind != qr.Post {
		err = errBadToken
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if request.User(r) != nil {
		http.Redirect(w, r, "/s/"+t.Token, http.StatusSeeOther)
		return
	}
	q, reg, p := readQuickReg(r, request.Locale(r))
	if len(p) == 0 {
		err = a.quickRegister(w, r, t, q, reg)
		if !p.Merge(err) && err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	if len(p) > 0 {
		v := a.Render.View(r, "scan.title", nil)
		if r.PostForm != nil {
			v.Form = url.Values{"name": {q.Name}, "email": {q.Email}, "degree": {q.Degree}, "discipline": {q.Discipline}}
		}
		v.Errors = p
		v.Flash = a.Render.T(v.L, "err.invalid")
		a.renderLanding(w, r, http.StatusUnprocessableEntity, t, v)
		return
	}
	http.Redirect(w, r, "/s/"+t.Token, http.StatusSeeOther)
}

// quickRegister stores the account, profile, CV and application in one
// transaction (a closed post still gets the account), tells this instance
// of the new talent and application, and signs in.
func (a *Area) quickRegister(w http.ResponseWriter, r *http.Request, t target, q quickReg, reg *model.Registration) error {
	if err := a.Sessions.AdmitRegistration(w, r); err != nil { // the sign-up limits, before hashing
		return err
	}
	hash, err := password.Hash(reg.Password)
	if err != nil {
		return err
	}
	cv := &model.CV{Name: q.CVName, Content: q.CV}
	u, tal, app, applied, err := a.DB.QuickRegister(r.Context(), reg, hash, model.Degree(q.Degree), q.Discipline, cv, t.Post.Post.ID, model.ChannelScan)
	if err != nil {
		return err
	}
	a.Notify.Publish(r.Context(), notify.TalentSaved{Talent: tal})
	if applied {
		a.Notify.Publish(r.Context(), notify.Applied{Application: app, Created: true})
	}
	u.TalentID = tal.ID
	if err := a.Sessions.SignIn(w, r, u); err != nil {
		return err
	}
	if applied {
		render.SetFlash(w, "scan.registered_applied")
	} else {
		render.SetFlash(w, "scan.registered_closed")
	}
	return nil
}

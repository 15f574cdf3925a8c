package web

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
)

// Sign-in throttling: per address and per account, in the database so
// every instance counts the same failures.
const (
	loginWindow     = 15 * time.Minute
	maxFailsAccount = 5
	maxFailsAddress = 30
)

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// authenticate checks an email and password, counting failures. It hashes
// even for unknown accounts so timing does not reveal which exist.
func (s *Server) authenticate(ctx context.Context, r *http.Request, email, pw string) (model.User, error) {
	email, _ = model.NormalizeEmail(email)
	keys := []struct {
		key string
		max int
	}{{"acct:" + email, maxFailsAccount}, {"ip:" + clientIP(r), maxFailsAddress}}
	for _, k := range keys {
		n, err := s.store.LoginFailures(ctx, k.key, loginWindow)
		if err != nil {
			return model.User{}, err
		}
		if n >= k.max {
			return model.User{}, model.Errorf(model.TooMany, "err.too_many_logins")
		}
	}
	u, hash, err := s.store.UserByEmail(ctx, email)
	if err != nil && !model.IsNotFound(err) {
		return model.User{}, err
	}
	if err != nil {
		hash = dummyHash
	}
	ok, cerr := password.Check(hash, pw)
	if err != nil || cerr != nil || !ok {
		for _, k := range keys {
			if err := s.store.RecordLoginFailure(ctx, k.key, loginWindow); err != nil {
				return model.User{}, err
			}
		}
		return model.User{}, model.Errorf(model.Unauthorized, "err.bad_login")
	}
	s.store.ClearLoginFailures(ctx, "acct:"+email)
	return u, nil
}

var dummyHash, _ = password.Hash("not a real password")

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	v := s.view(r, "login.title", nil)
	v.Form.Set("next", r.URL.Query().Get("next"))
	s.render(w, r, http.StatusOK, "login", v)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, model.Errorf(model.Invalid, "err.form"))
		return
	}
	u, err := s.authenticate(r.Context(), r, r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		if c := model.ErrorCode(err); c == model.Unauthorized || c == model.TooMany {
			v := s.view(r, "login.title", nil)
			v.Form = r.PostForm
			v.Form.Del("password")
			v.Flash = s.cat.T(v.L, model.AsError(err).Key)
			s.render(w, r, status(err), "login", v)
			return
		}
		s.fail(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(r.PostForm.Get("next")), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.signOut(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// setLang switches the language: remembered on the account when signed in,
// in a cookie otherwise. Works as a plain form post, no script needed.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	l := r.FormValue("locale")
	if !model.ValidLocale(l) {
		s.fail(w, r, model.Errorf(model.Invalid, "err.invalid", "locale", "err.choice"))
		return
	}
	if u := currentUser(r); u != nil {
		if err := s.store.SetLocale(r.Context(), u.ID, l); err != nil {
			s.fail(w, r, err)
			return
		}
		s.sessions.forget(info(r).token)
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookies})
	http.Redirect(w, r, safeNext(r.FormValue("next")), http.StatusSeeOther)
}

func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	v := s.view(r, "register.title", nil)
	role := r.URL.Query().Get("role")
	if role != string(enterprise) && role != string(delegation) {
		role = string(talent)
	}
	v.Form.Set("role", role)
	s.render(w, r, http.StatusOK, "register", v)
}

// registration reads the sign-up form (shared by the page and the API).
type registration struct {
	Email     string `json:"email"`
	Name      string `json:"name"`
	Password  string `json:"password"`
	Locale    string `json:"locale"`
	Role      string `json:"role"`
	OrgName   string `json:"org_name"`
	OrgNameZH string `json:"org_name_zh"`
	Industry  string `json:"industry"`
	Province  string `json:"province"`
	Foreign   bool   `json:"foreign"`
}

func (g registration) model(locale string) *model.Registration {
	if g.Locale == "" {
		g.Locale = locale
	}
	m := &model.Registration{Email: g.Email, Name: g.Name, Password: g.Password, Locale: g.Locale, Role: model.Role(g.Role)}
	if m.Role == enterprise || m.Role == delegation {
		m.Org = &model.Organization{Name: g.OrgName, NameZH: g.OrgNameZH, Industry: g.Industry, Province: g.Province, Foreign: g.Foreign}
	}
	return m
}

// doRegister validates, hashes and stores a registration.
func (s *Server) doRegister(r *http.Request, reg *model.Registration) (model.User, error) {
	if err := reg.Validate(); err != nil {
		return model.User{}, err
	}
	hash, err := password.Hash(reg.Password)
	if err != nil {
		return model.User{}, err
	}
	return s.store.Register(r.Context(), reg, hash)
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, model.Errorf(model.Invalid, "err.form"))
		return
	}
	f := r.PostForm
	g := registration{Email: f.Get("email"), Name: f.Get("name"), Password: f.Get("password"), Role: f.Get("role"),
		OrgName: f.Get("org_name"), OrgNameZH: f.Get("org_name_zh"), Industry: f.Get("industry"), Province: f.Get("province"), Foreign: f.Get("foreign") == "on"}
	u, err := s.doRegister(r, g.model(info(r).locale))
	if err != nil {
		s.formError(w, r, "register", "register.title", err, nil)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	if u.OrgID != nil {
		setFlash(w, "flash.registered_pending")
	} else {
		setFlash(w, "flash.registered")
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}

// formError re-shows a form with its field problems (422), or fails for
// anything that is not the user's input.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, page, title string, err error, data any) {
	me := model.AsError(err)
	if me == nil || (me.Code != model.Invalid && me.Code != model.Conflict) {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, title, data)
	v.Form = r.PostForm
	v.Form.Del("password")
	v.Errors = me.Fields
	v.Flash = s.cat.T(v.L, me.Key)
	s.render(w, r, status(err), page, v)
}

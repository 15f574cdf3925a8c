package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) registerForm(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "register.title", nil)
	role := r.URL.Query().Get("role")
	if role != string(model.RoleEnterprise) && role != string(model.RoleDelegation) {
		role = string(model.RoleTalent)
	}
	v.Form.Set("role", role)
	a.Render.Page(w, r, http.StatusOK, "register", v)
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
	if m.Role == model.RoleEnterprise || m.Role == model.RoleDelegation {
		m.Org = &model.Organization{Name: g.OrgName, NameZH: g.OrgNameZH, Industry: g.Industry, Province: g.Province, Foreign: g.Foreign}
	}
	return m
}

// doRegister validates, hashes and stores a registration.
func (a *Area) doRegister(w http.ResponseWriter, r *http.Request, reg *model.Registration) (model.User, error) {
	if err := reg.Validate(); err != nil {
		return model.User{}, err
	}
	if err := a.Sessions.AdmitRegistration(w, r); err != nil {
		return model.User{}, err
	}
	hash, err := password.Hash(reg.Password)
	if err != nil {
		return model.User{}, err
	}
	return a.DB.Register(r.Context(), reg, hash)
}

func (a *Area) register(w http.ResponseWriter, r *http.Request) {
	if err := request.Form(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	f := r.PostForm
	g := registration{Email: f.Get("email"), Name: f.Get("name"), Password: f.Get("password"), Role: f.Get("role"),
		OrgName: f.Get("org_name"), OrgNameZH: f.Get("org_name_zh"), Industry: f.Get("industry"), Province: f.Get("province"), Foreign: f.Get("foreign") == "on"}
	u, err := a.doRegister(w, r, g.model(request.Locale(r)))
	if err != nil {
		a.Render.FormError(w, r, "register", "register.title", err, nil)
		return
	}
	if err := a.Sessions.SignIn(w, r, u); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if u.OrgID != nil {
		render.SetFlash(w, "flash.registered_pending")
	} else {
		render.SetFlash(w, "flash.registered")
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}

func (a *Area) apiRegister(w http.ResponseWriter, r *http.Request) {
	var g registration
	if err := request.ReadJSON(r, &g); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u, err := a.doRegister(w, r, g.model(request.Locale(r)))
	a.signInJSON(w, r, u, err, http.StatusCreated)
}

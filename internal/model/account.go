package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// User is an account. Accounts of delegations and enterprises belong to an
// organization; talents, judges and gate staff may stand alone.
type User struct {
	ID        int64
	Email     string
	Name      string
	Role      Role
	OrgID     *int64
	Locale    string // "en" or "zh"
	CreatedAt time.Time
	// TalentID is a talent account's profile, loaded with the session so
	// that the hot pages need no second lookup; 0 otherwise.
	TalentID int64
}

// Locales the catalogs speak.
var Locales = []string{"zh", "en"}

// ValidLocale reports whether l is a supported locale.
func ValidLocale(l string) bool { return in(l, Locales) }

// Registration is what a sign-up form or API call carries.
type Registration struct {
	Email    string
	Name     string
	Password string
	Locale   string
	Role     Role // talent, enterprise or delegation
	Org      *Organization
}

// Validate checks a registration; passwords are 10 to 200 characters.
func (r *Registration) Validate() error {
	p := Problems{}
	var ok bool
	if r.Email, ok = NormalizeEmail(r.Email); !ok {
		p.Add("email", "err.email")
	}
	r.Name = strings.TrimSpace(r.Name)
	requireText(p, "name", r.Name, 100)
	if n := utf8.RuneCountInString(r.Password); n < 10 {
		p.Add("password", "err.password_short")
	} else if n > 200 {
		p.Add("password", "err.too_long")
	}
	if r.Locale == "" {
		r.Locale = "zh"
	}
	if !ValidLocale(r.Locale) {
		p.Add("locale", "err.choice")
	}
	switch r.Role {
	case RoleTalent:
		r.Org = nil
	case RoleEnterprise, RoleDelegation:
		if r.Org == nil {
			p.Add("org_name", "err.required")
			break
		}
		if r.Role == RoleDelegation {
			r.Org.Kind = OrgDelegation
		} else if r.Org.Kind == "" || r.Org.Kind == OrgDelegation || r.Org.Kind == OrgOrganizer {
			r.Org.Kind = OrgEnterprise
		}
		if err := r.Org.Validate(); err != nil {
			for k, v := range err.(*Error).Fields {
				p.Add("org_"+k, v)
			}
		}
	default:
		p.Add("role", "err.choice")
	}
	return p.Err()
}

// Organization is an enterprise, delegation, innovation park, HR service
// firm or investor.
type Organization struct {
	ID        int64
	Kind      OrgKind
	Name      string
	NameZH    string
	Status    OrgStatus
	Industry  string
	Size      string // "1-49", "50-499", "500+"
	Global500 bool
	Province  string // delegations: province or region; foreign ones name a country
	Foreign   bool
	CreatedAt time.Time
}

var OrgSizes = []string{"", "1-49", "50-499", "500+"}

func (o *Organization) Validate() error {
	p := Problems{}
	o.Name = strings.TrimSpace(o.Name)
	o.NameZH = strings.TrimSpace(o.NameZH)
	if !o.Kind.Valid() {
		p.Add("kind", "err.choice")
	}
	requireText(p, "name", o.Name, 200)
	optionalText(p, "name_zh", o.NameZH, 200)
	optionalText(p, "industry", o.Industry, 100)
	if !in(o.Size, OrgSizes) {
		p.Add("size", "err.choice")
	}
	optionalText(p, "province", o.Province, 100)
	if o.Kind == OrgDelegation && strings.TrimSpace(o.Province) == "" {
		p.Add("province", "err.required")
	}
	if o.Status == "" {
		o.Status = OrgPending
	}
	if !o.Status.Valid() {
		p.Add("status", "err.choice")
	}
	return p.Err()
}

// DisplayName picks the name for a locale, falling back to the other.
func DisplayName(locale, en, zh string) string {
	if locale == "zh" && zh != "" {
		return zh
	}
	if en == "" {
		return zh
	}
	return en
}

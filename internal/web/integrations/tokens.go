package integrations

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// tokenIn is a new token's name, scopes and lifetime in days (0: none).
type tokenIn struct {
	Name    string   `json:"name"`
	Scopes  []string `json:"scopes"`
	Days    int      `json:"expires_in_days"`
	Forever bool     `json:"no_expiry"`
}

// maxTokenDays bounds a token's lifetime when it has one.
const maxTokenDays = 3650

func (in *tokenIn) validate() error {
	p := model.Problems{}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len([]rune(in.Name)) > 80 {
		p.Add("name", "err.required")
	}
	if len(in.Scopes) == 0 {
		p.Add("scopes", "err.tokens.no_scope")
	}
	for _, s := range in.Scopes {
		if !slices.Contains(Known, s) {
			p.Add("scopes", "err.choice")
		}
	}
	if !in.Forever && (in.Days < 1 || in.Days > maxTokenDays) {
		p.Add("expires_in_days", "err.tokens.days")
	}
	return p.Err()
}

// createToken makes a token for the signed-in user; the token comes back
// once, here, and is never shown again.
func (a *Area) createToken(r *http.Request) (string, store.APIToken, error) {
	var in tokenIn
	var t store.APIToken
	if err := request.DecodeThen(r, &in, in.validate); err != nil {
		return "", t, err
	}
	if !request.IsAPI(r) {
		in.Scopes = r.PostForm["scopes"] // checkboxes: one value each
		if err := in.validate(); err != nil {
			return "", t, err
		}
	}
	tok, hash := NewToken()
	t = store.APIToken{UserID: request.User(r).ID, Name: in.Name, Prefix: tok[:len(TokenPrefix)+6], Scopes: slices.Compact(slices.Sorted(slices.Values(in.Scopes)))}
	if !in.Forever {
		exp := a.now().UTC().Add(time.Duration(in.Days) * 24 * time.Hour)
		t.ExpiresAt = &exp
	}
	if err := a.DB.CreateAPIToken(r.Context(), &t, hash); err != nil {
		return "", t, err
	}
	return tok, t, nil
}

type tokensView struct {
	Tokens  []store.APIToken
	Scopes  []string
	New     string // the token just made, shown once
	NewName string
	Org     bool
	Now     time.Time
}

func (a *Area) tokensView(r *http.Request) (tokensView, error) {
	u := request.User(r)
	ts, err := a.DB.APITokens(r.Context(), u.ID)
	return tokensView{Tokens: ts, Scopes: KnownSorted(), Org: u.OrgID != nil && (u.Role == model.RoleEnterprise || u.Role == model.RoleDelegation), Now: a.now()}, err
}

func (a *Area) tokensPage(w http.ResponseWriter, r *http.Request) {
	v, err := a.tokensView(r)
	a.Render.Show(w, r, "int_tokens", a.Render.T(request.Locale(r), "tokens.title"), v, err)
}

func (a *Area) tokenCreatePost(w http.ResponseWriter, r *http.Request) {
	tok, t, err := a.createToken(r)
	v, verr := a.tokensView(r)
	if verr != nil {
		a.Render.Fail(w, r, verr)
		return
	}
	title := a.Render.T(request.Locale(r), "tokens.title")
	if err != nil {
		a.Render.FormError(w, r, "int_tokens", title, err, v)
		return
	}
	// Shown once, on this answer (not after a redirect, which would need
	// the token kept somewhere); signed-in answers are never cached.
	v.New, v.NewName = tok, t.Name
	a.Render.Page(w, r, http.StatusCreated, "int_tokens", a.Render.View(r, title, v))
}

func (a *Area) revokeToken(r *http.Request) error {
	id, err := request.PathID(r)
	if err != nil {
		return err
	}
	return a.DB.RevokeAPIToken(r.Context(), request.User(r).ID, id)
}

func (a *Area) tokenRevokePost(w http.ResponseWriter, r *http.Request) {
	if err := a.revokeToken(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.tokens.revoked")
	http.Redirect(w, r, "/integrations/tokens", http.StatusSeeOther)
}

type tokenJ struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Scopes     []string   `json:"scopes"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

func tokenJSON(t store.APIToken) tokenJ {
	s := t.Scopes
	if s == nil {
		s = []string{}
	}
	return tokenJ{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Scopes: s, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt, LastUsedAt: t.LastUsedAt}
}

func (a *Area) apiTokens(w http.ResponseWriter, r *http.Request) {
	ts, err := a.DB.APITokens(r.Context(), request.User(r).ID)
	render.Answer(a.Render, w, r, http.StatusOK, ts, err, func(ts []store.APIToken) map[string][]tokenJ {
		out := []tokenJ{}
		for _, t := range ts {
			out = append(out, tokenJSON(t))
		}
		return map[string][]tokenJ{"tokens": out}
	})
}

type newTokenJ struct {
	Token string `json:"token"`
	tokenJ
}

func (a *Area) apiTokenCreate(w http.ResponseWriter, r *http.Request) {
	tok, t, err := a.createToken(r)
	render.Answer(a.Render, w, r, http.StatusCreated, t, err, func(t store.APIToken) newTokenJ { return newTokenJ{Token: tok, tokenJ: tokenJSON(t)} })
}

func (a *Area) apiTokenRevoke(w http.ResponseWriter, r *http.Request) {
	if err := a.revokeToken(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

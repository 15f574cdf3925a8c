package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/integrations"
	"github.com/convene/convene/internal/web/route"
	"github.com/convene/convene/internal/webhook"
)

func init() {
	expect(map[string]string{
		"GET /integrations/tokens":                       "signed-in",
		"POST /integrations/tokens":                      "signed-in",
		"POST /integrations/tokens/{id}/revoke":          "signed-in",
		"GET /integrations/webhooks":                     "enterprise delegation",
		"POST /integrations/webhooks":                    "enterprise delegation",
		"GET /integrations/webhooks/{id}":                "enterprise delegation",
		"POST /integrations/webhooks/{id}/test":          "enterprise delegation",
		"POST /integrations/webhooks/{id}/rotate":        "enterprise delegation",
		"POST /integrations/webhooks/{id}/enable":        "enterprise delegation",
		"POST /integrations/webhooks/{id}/disable":       "enterprise delegation",
		"POST /integrations/webhooks/{id}/delete":        "enterprise delegation",
		"GET /integrations/deliveries/{id}":              "enterprise delegation",
		"POST /integrations/deliveries/{id}/redeliver":   "enterprise delegation",
		"GET /api/v1/tokens":                             "signed-in",
		"POST /api/v1/tokens":                            "signed-in",
		"DELETE /api/v1/tokens/{id}":                     "signed-in",
		"GET /api/v1/webhooks":                           "enterprise delegation",
		"POST /api/v1/webhooks":                          "enterprise delegation",
		"POST /api/v1/webhooks/{id}/test":                "enterprise delegation",
		"POST /api/v1/webhook-deliveries/{id}/redeliver": "enterprise delegation",
	})
}

// mustToken makes a token for the role's user with the scopes, straight in
// the store, and returns it.
func (f *fixture) mustToken(role model.Role, scopes ...string) string {
	f.t.Helper()
	tok, hash := integrations.NewToken()
	t := store.APIToken{UserID: f.users[role].ID, Name: "test", Prefix: tok[:10], Scopes: scopes}
	if err := f.db.CreateAPIToken(bg, &t, hash); err != nil {
		f.t.Fatal(err)
	}
	return tok
}

// bearer calls the server with a token and no cookie.
func (f *fixture) bearer(tok, method, path, body string, hdr ...string) (*http.Response, string) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// TestTokenRouteMatrix walks every route × role with a token holding every
// scope, and again with a token holding none: API routes that name scopes
// let the first through exactly where the role may go and refuse the
// second (403); session-only API routes refuse tokens; pages ignore them
// (the caller is anonymous there).
func TestTokenRouteMatrix(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	// Every route with one token: more requests than the default burst,
	// which TestTokenRateLimit covers on its own.
	f.srv.bearer = integrations.NewBearer(f.db, testLogger(t), integrations.Limits{Rate: 1e6, Burst: 1e6})
	probe := httptest.NewServer(f.srv.buildHandler(func(route.Route) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(299) })
	}))
	defer probe.Close()
	f.ts = probe
	rts := append([]route.Route(nil), f.srv.routes...)
	sort.Slice(rts, func(i, j int) bool { return rts[i].Pattern < rts[j].Pattern })
	for _, rt := range rts {
		for _, s := range rt.Scopes {
			if !strings.Contains(" "+strings.Join(integrations.Known, " ")+" ", " "+s+" ") {
				t.Errorf("%s needs scope %q, which is not in integrations.Known", rt.Pattern, s)
			}
		}
		method, path, _ := strings.Cut(rt.Pattern, " ")
		if strings.HasPrefix(path, "/api/v1/") && path != "/api/v1/openapi.json" && len(rt.Scopes) == 0 &&
			!strings.Contains(rt.Pattern, "/tokens") && !strings.Contains("POST /api/v1/register POST /api/v1/login POST /api/v1/logout PUT /api/v1/me/password POST /api/v1/me/logout-all", rt.Pattern) {
			t.Errorf("API route %s names no scope", rt.Pattern)
		}
		_ = method
	}
	for _, role := range model.Roles {
		all := f.mustToken(role, integrations.Known...)
		none := f.mustToken(role, "exhibits:read")
		for _, rt := range rts {
			method, path, _ := strings.Cut(rt.Pattern, " ")
			path = strings.NewReplacer("{$}", "", "{id}", "1", "{token}", "x").Replace(path)
			if strings.HasSuffix(path, "/static/") {
				path += "style.css"
			}
			resp, _ := f.bearer(all, method, path, "{}")
			api := strings.HasPrefix(path, "/api/")
			var want bool
			switch {
			case !api:
				want = allowed(expectedAccess[rt.Pattern], "")
			case len(rt.Scopes) == 0:
				want = rt.Access.Allows(nil) && method == "GET"
			default:
				want = allowed(expectedAccess[rt.Pattern], role)
			}
			if got := resp.StatusCode == 299; got != want {
				t.Errorf("%s by %s's full token: reached = %v (%d), want %v", rt.Pattern, role, got, resp.StatusCode, want)
			}
			if api && len(rt.Scopes) > 0 && rt.Scopes[0] != "exhibits:read" {
				if resp, _ := f.bearer(none, method, path, "{}"); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s by %s's token without its scope: %d, want 403", rt.Pattern, role, resp.StatusCode)
				}
			}
		}
	}
	if resp, _ := f.bearer("cvt_not-a-real-token-at-all-0123456789", "GET", "/api/v1/me", ""); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(resp.Header.Get("WWW-Authenticate"), "invalid_token") {
		t.Fatalf("unknown token: %d %v", resp.StatusCode, resp.Header)
	}
}

// independentVerify checks a Standard Webhooks signature from the
// specification alone (not webhook.Sign).
func independentVerify(secret string, h http.Header, body []byte) bool {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || !strings.HasPrefix(secret, "whsec_") {
		return false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(h.Get("webhook-id") + "." + h.Get("webhook-timestamp") + "."))
	mac.Write(body)
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, s := range strings.Split(h.Get("webhook-signature"), " ") {
		if hmac.Equal([]byte(s), []byte("v1,"+want)) {
			return true
		}
	}
	return false
}

// TestTokenApplicationFiresSignedWebhook is issue 18's first "done when",
// on both databases: an enterprise subscribes an endpoint on its page; a
// talent makes a token on theirs and applies through the API with it
// (from another origin: CSRF guards cookies, not tokens); the receiver,
// verifying each signature independently, answers 500 three times and then
// 200: the event is delivered once, with the four attempts logged and
// shown on the delivery's page.
func TestTokenApplicationFiresSignedWebhook(t *testing.T) {
	t.Setenv("CONVENE_WEBHOOK_ALLOW_PRIVATE", "127.0.0.1/32") // the receiver is local
	onEachStore(t, func(t *testing.T, f *fixture) {
		var mu sync.Mutex
		var secret string
		var got []http.Header
		var bodies [][]byte
		rcv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			defer mu.Unlock()
			if !independentVerify(secret, r.Header, body) {
				w.WriteHeader(401)
				return
			}
			got, bodies = append(got, r.Header.Clone()), append(bodies, body)
			if len(got) <= 3 {
				http.Error(w, "busy", 500)
				return
			}
			w.WriteHeader(204)
		}))
		defer rcv.Close()

		ent, tal := f.client(enterprise), f.client(talent)
		post := model.Post{OrgID: *f.users[enterprise].OrgID, FairID: f.fair.ID, Title: "Data engineer", City: "Guangzhou", MinDegree: model.DegreeBachelor}
		post.Validate()
		if err := f.db.CreatePost(bg, &post); err != nil {
			t.Fatal(err)
		}
		// Bad endpoints are refused with a message, and nothing is made.
		for _, bad := range []struct{ url, msg string }{
			{"http://ats.example.com/hook", "https"}, {"https://10.0.0.8/hook", "private"}, {"https://169.254.169.254/", "private"},
		} {
			resp, body := f.postForm(ent, "/integrations/webhooks", url.Values{"url": {bad.url}, "events": {"application.received"}})
			if resp.StatusCode != 422 || !strings.Contains(body, bad.msg) {
				t.Fatalf("endpoint %s: %d, want 422 saying %q", bad.url, resp.StatusCode, bad.msg)
			}
		}
		resp, body := f.postForm(ent, "/integrations/webhooks", url.Values{"url": {rcv.URL + "/convene"}, "events": {"application.received", "application.moved"}})
		if resp.StatusCode != 303 {
			t.Fatalf("subscribe: %d %s", resp.StatusCode, body)
		}
		es, _ := f.db.WebhookEndpoints(bg, *f.users[enterprise].OrgID)
		if len(es) != 1 {
			t.Fatalf("endpoints = %+v", es)
		}
		secret = es[0].Secret
		if _, page := f.do(ent, "GET", resp.Header.Get("Location"), "", ""); !strings.Contains(html.UnescapeString(page), secret) { // "+" is escaped as &#43;
			t.Fatal("the endpoint's page does not show its secret")
		}

		// The talent's token, made on the page and shown once.
		resp, page := f.postForm(tal, "/integrations/tokens", url.Values{"name": {"my ATS"}, "scopes": {"applications:write", "profile:read"}, "expires_in_days": {"30"}})
		if resp.StatusCode != 201 {
			t.Fatalf("make token: %d %s", resp.StatusCode, page)
		}
		i := strings.Index(page, `id="token-value">`)
		tok := page[i+len(`id="token-value">`):]
		tok = tok[:strings.Index(tok, "<")]
		if !strings.HasPrefix(tok, integrations.TokenPrefix) {
			t.Fatalf("token %q", tok)
		}
		if _, again := f.do(tal, "GET", "/integrations/tokens", "", ""); strings.Contains(again, tok) {
			t.Fatal("the token is shown a second time")
		}
		// Beyond its scopes: refused.
		if resp, _ := f.bearer(tok, "GET", "/api/v1/me/applications", ""); resp.StatusCode != 403 {
			t.Fatalf("read applications without applications:read: %d", resp.StatusCode)
		}
		resp, body = f.bearer(tok, "POST", "/api/v1/posts/"+itoa(int(post.ID))+"/apply", `{"channel":"pc"}`, "Sec-Fetch-Site", "cross-site", "Origin", "https://ats.example")
		if resp.StatusCode != 201 {
			t.Fatalf("apply with a token: %d %s", resp.StatusCode, body)
		}
		var ap applyJ
		json.Unmarshal([]byte(body), &ap)

		d := webhook.New(f.db, webhook.Options{Policy: f.policy(), Transport: rcv.Client().Transport.(*http.Transport), Backoff: func(int) time.Duration { return 0 }})
		for range 6 {
			if _, err := d.RunOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if len(got) != 4 || got[0].Get("webhook-id") != got[3].Get("webhook-id") {
			t.Fatalf("receiver accepted %d signed requests, want 4 of one message", len(got))
		}
		var env struct {
			Type string `json:"type"`
			Data struct {
				ApplicationID int64 `json:"application_id"`
			} `json:"data"`
		}
		if err := json.Unmarshal(bodies[3], &env); err != nil || env.Type != "application.received" || env.Data.ApplicationID != ap.Application.ID {
			t.Fatalf("payload %s (%v), want application %d received", bodies[3], err, ap.Application.ID)
		}
		ds, _ := f.db.WebhookDeliveries(bg, es[0].OrgID, es[0].ID, 10)
		if len(ds) != 1 || ds[0].Status != "delivered" || ds[0].Attempts != 4 {
			t.Fatalf("deliveries = %+v, want one delivered after 4 attempts", ds)
		}
		_, dp := f.do(ent, "GET", "/integrations/deliveries/"+itoa(int(ds[0].ID)), "", "")
		if strings.Count(dp, "<td>500</td>") != 3 || strings.Count(dp, "<td>204</td>") != 1 || !strings.Contains(dp, "busy") {
			t.Fatalf("delivery page does not log the attempts:\n%s", dp)
		}
		// Another organization sees none of it.
		if resp, _ := f.do(f.client(delegation), "GET", "/integrations/deliveries/"+itoa(int(ds[0].ID)), "", ""); resp.StatusCode != 404 {
			t.Fatalf("another organization's view of the delivery: %d", resp.StatusCode)
		}
		// Redeliver by hand and a test delivery: both go out once more.
		if resp, _ := f.postForm(ent, "/integrations/deliveries/"+itoa(int(ds[0].ID))+"/redeliver", nil); resp.StatusCode != 303 {
			t.Fatalf("redeliver: %d", resp.StatusCode)
		}
		if resp, _ := f.postForm(ent, "/integrations/webhooks/"+itoa(int(es[0].ID))+"/test", nil); resp.StatusCode != 303 {
			t.Fatalf("test delivery: %d", resp.StatusCode)
		}
		d.RunOnce(context.Background())
		if len(got) != 6 || (got[4].Get("webhook-id") != got[0].Get("webhook-id") && got[5].Get("webhook-id") != got[0].Get("webhook-id")) {
			t.Fatalf("after redeliver and test: %d requests", len(got))
		}
		// The token's use is recorded; revoked, it is refused.
		ts, _ := f.db.APITokens(bg, f.users[talent].ID)
		if len(ts) != 1 || ts[0].LastUsedAt == nil {
			t.Fatalf("tokens = %+v, want the last use recorded", ts)
		}
		if resp, _ := f.postForm(tal, "/integrations/tokens/"+itoa(int(ts[0].ID))+"/revoke", nil); resp.StatusCode != 303 {
			t.Fatalf("revoke: %d", resp.StatusCode)
		}
		if resp, _ := f.bearer(tok, "GET", "/api/v1/me", ""); resp.StatusCode != 401 {
			t.Fatalf("revoked token: %d, want 401", resp.StatusCode)
		}
	})
}

func (f *fixture) policy() webhook.Policy {
	p, err := webhook.PolicyFromEnv(func(k string) string {
		if k == "CONVENE_WEBHOOK_ALLOW_PRIVATE" {
			return "127.0.0.1/32"
		}
		return ""
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// TestRevokedTokenRefusedOnAnotherInstance: two servers over one database
// (a PostgreSQL, and a SQLite file); a token revoked through the first is
// refused by the second within a second, having just been accepted there.
func TestRevokedTokenRefusedOnAnotherInstance(t *testing.T) {
	t.Parallel()
	open := map[string]func() (*store.DB, *store.DB){
		"sqlite": func() (*store.DB, *store.DB) {
			p := filepath.Join(t.TempDir(), "shared.db")
			return mustOpen(t, p), mustOpen(t, p)
		},
	}
	if storetest.PostgresURL(t) != "" {
		open["postgres"] = func() (*store.DB, *store.DB) {
			u := storetest.NewPostgresDB(t)
			return mustOpen(t, u), mustOpen(t, u)
		}
	}
	for name, o := range open {
		t.Run(name, func(t *testing.T) {
			db1, db2 := o()
			a := newFixture(t, db1)
			s2, err := New(db2, Config{Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			b := httptest.NewServer(s2)
			defer b.Close()
			resp, body := a.json(a.client(enterprise), "POST", "/api/v1/tokens", `{"name":"ci","scopes":["applications:read"],"expires_in_days":7}`)
			if resp.StatusCode != 201 {
				t.Fatalf("make token: %d %s", resp.StatusCode, body)
			}
			var made struct {
				Token string `json:"token"`
				ID    int64  `json:"id"`
			}
			json.Unmarshal([]byte(body), &made)
			call := func(base string) int {
				req, _ := http.NewRequest("GET", base+"/api/v1/inbox", nil)
				req.Header.Set("Authorization", "Bearer "+made.Token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}
			if c := call(b.URL); c != 200 {
				t.Fatalf("second instance before revocation: %d", c)
			}
			if resp, _ := a.json(a.client(enterprise), "DELETE", "/api/v1/tokens/"+strconv.FormatInt(made.ID, 10), ""); resp.StatusCode != 204 {
				t.Fatalf("revoke: %d", resp.StatusCode)
			}
			start := time.Now()
			for call(b.URL) != 401 {
				if time.Since(start) > time.Second {
					t.Fatal("second instance still accepts the revoked token after a second")
				}
				time.Sleep(10 * time.Millisecond)
			}
			// A token cannot make or revoke tokens (it would outlive its own revocation).
			tok := a.mustToken(enterprise, integrations.Known...)
			if resp, _ := a.bearer(tok, "POST", "/api/v1/tokens", `{"name":"x","scopes":["posts:read"],"no_expiry":true}`); resp.StatusCode != 403 {
				t.Fatalf("a token made a token: %d", resp.StatusCode)
			}
		})
	}
}

func mustOpen(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestTokenRateLimit: past its burst a token is refused with 429 and
// Retry-After; another token is not affected.
func TestTokenRateLimit(t *testing.T) {
	t.Parallel()
	db := storetest.SQLite(t)
	srv, err := New(db, Config{Logger: testLogger(t), TokenLimits: integrations.Limits{Rate: 0.5, Burst: 3}})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, srv: srv, users: map[model.Role]model.User{}}
	f.ts = httptest.NewServer(srv)
	defer f.ts.Close()
	f.seed()
	one, two := f.mustToken(talent, "profile:read"), f.mustToken(talent, "profile:read")
	for i := range 3 {
		if resp, _ := f.bearer(one, "GET", "/api/v1/me", ""); resp.StatusCode != 200 {
			t.Fatalf("request %d: %d", i, resp.StatusCode)
		}
	}
	resp, _ := f.bearer(one, "GET", "/api/v1/me", "")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("past the burst: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := f.bearer(two, "GET", "/api/v1/me", ""); resp.StatusCode != 200 {
		t.Fatalf("another token: %d", resp.StatusCode)
	}
}

// TestOpenAPIStatesScopes: the document has the bearer scheme and every
// operation of a scoped route lists its scopes.
func TestOpenAPIStatesScopes(t *testing.T) {
	t.Parallel()
	var doc struct {
		Components struct {
			SecuritySchemes map[string]map[string]any `json:"securitySchemes"`
		} `json:"components"`
		Paths map[string]map[string]map[string]any `json:"paths"`
	}
	srv := readOpenAPI(t, &doc)
	if doc.Components.SecuritySchemes["bearer"]["scheme"] != "bearer" {
		t.Fatalf("bearer scheme = %v", doc.Components.SecuritySchemes["bearer"])
	}
	n := 0
	for _, rt := range srv.routes {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		op := doc.Paths[path][strings.ToLower(method)]
		if op == nil || len(rt.Scopes) == 0 {
			continue
		}
		n++
		if s, _ := op["x-scopes"].([]any); len(s) != len(rt.Scopes) || s[0] != rt.Scopes[0] {
			t.Errorf("%s: x-scopes = %v, want %v", rt.Pattern, op["x-scopes"], rt.Scopes)
		}
	}
	if n < 40 {
		t.Fatalf("only %d documented operations state scopes", n)
	}
}

// TestOpenAPIDocumentsEvents: every event an endpoint may subscribe to is
// in the document's enum and has its payload's schema, and no other.
func TestOpenAPIDocumentsEvents(t *testing.T) {
	t.Parallel()
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Description string `json:"description"`
			} `json:"schemas"`
		} `json:"components"`
		Paths map[string]map[string]struct {
			RequestBody struct {
				Content map[string]struct {
					Schema struct {
						Properties map[string]struct {
							Items struct {
								Enum []string `json:"enum"`
							} `json:"items"`
						} `json:"properties"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	readOpenAPI(t, &doc)
	enum := doc.Paths["/api/v1/webhooks"]["post"].RequestBody.Content["application/json"].Schema.Properties["events"].Items.Enum
	if !slices.Equal(enum, integrations.Events) {
		t.Fatalf("documented events %v, subscribable %v", enum, integrations.Events)
	}
	envelope := doc.Components.Schemas["WebhookEnvelope"].Description
	for _, e := range integrations.Events {
		// application.received → ApplicationReceivedEvent
		name := ""
		for _, part := range strings.FieldsFunc(e, func(r rune) bool { return r == '.' || r == '_' }) {
			name += strings.ToUpper(part[:1]) + part[1:]
		}
		name += "Event"
		if _, ok := doc.Components.Schemas[name]; !ok || !strings.Contains(envelope, e) || !strings.Contains(envelope, name) {
			t.Errorf("%s: schema %s documented %v, in the envelope's description %v", e, name, ok, strings.Contains(envelope, name))
		}
	}
}

// readOpenAPI decodes the server's merged API document into v.
func readOpenAPI(t *testing.T, v any) *Server {
	t.Helper()
	srv, err := New(nil, Config{Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(srv.openapi, v); err != nil {
		t.Fatal(err)
	}
	return srv
}

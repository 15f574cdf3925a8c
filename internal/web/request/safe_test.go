package request

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

// TestSafeNext: only a path on this site survives (issue 11, item 5).
func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"":                              "/me",
		"/inbox?status=applied":         "/inbox?status=applied",
		"/posts/12":                     "/posts/12",
		"//evil.example":                "/me",
		"/\\evil.example":               "/me",
		"/\t/evil.example":              "/me",
		"/\n/evil.example":              "/me",
		"/\r\n/evil.example":            "/me",
		"\t//evil.example":              "/me",
		" /x":                           "/me",
		"https://evil.example/":         "/me",
		"javascript:alert(1)":           "/me",
		"/%0a/evil":                     "/%0a/evil", // encoded: stays a path here
		"evil.example":                  "/me",
		"/x\x00":                        "/me",
		"/\u202e/x":                     "/me",
		"/@evil.example":                "/@evil.example",
		"/a/../../evil.example":         "/a/../../evil.example",
		"http:/evil.example":            "/me",
		"/" + strings.Repeat("a", 3000): "/me",
	} {
		if got := SafeNext(in); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestProxiesClient(t *testing.T) {
	p, err := ParseProxies("10.0.0.0/8, 192.168.1.1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		remote, xff, want string
		proxies           Proxies
	}{
		{"203.0.113.5:1234", "1.2.3.4", "203.0.113.5", p},             // not a proxy: header ignored
		{"10.1.2.3:1234", "198.51.100.7", "198.51.100.7", p},          // one trusted hop
		{"10.1.2.3:1234", "6.6.6.6, 198.51.100.7", "198.51.100.7", p}, // forged left part ignored
		{"10.1.2.3:1234", "198.51.100.7, 192.168.1.1", "198.51.100.7", p},
		{"10.1.2.3:1234", "", "10.1.2.3", p},
		{"10.1.2.3:1234", "198.51.100.7", "10.1.2.3", nil}, // no proxies configured
		{"[::ffff:10.1.2.3]:1234", "198.51.100.7", "198.51.100.7", p},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := c.proxies.Client(r); got != c.want {
			t.Errorf("%s via %q: client %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
	if _, err := ParseProxies("10.0.0.0/99"); err == nil {
		t.Fatal("bad CIDR accepted")
	}
}

// TestBadTextRefused: NUL, controls and invalid UTF-8 are refused with a
// field message in forms, queries and JSON (issue 11, item 10).
func TestBadTextRefused(t *testing.T) {
	type in struct {
		Name   string   `json:"name"`
		Skills []string `json:"skills"`
	}
	var v in
	err := DecodeForm(url.Values{"name": {"a\x00b"}}, &v)
	if model.FieldsOf(err)["name"] != "err.text" {
		t.Fatalf("form: %v", err)
	}
	if err := CheckValues(url.Values{"industry": {"\xff"}}); model.FieldsOf(err)["industry"] != "err.text" {
		t.Fatalf("query: %v", err)
	}
	if err := CheckValues(url.Values{"q": {"line\nbreak\tand tab"}}); err != nil {
		t.Fatalf("newline and tab refused: %v", err)
	}
	r, _ := http.NewRequest("POST", "/api/v1/x", strings.NewReader(`{"name":"ok","skills":["Go","x\u0000"]}`))
	if err := ReadJSON(r, &v); model.FieldsOf(err)["skills"] != "err.text" || model.ErrorCode(err) != model.Invalid {
		t.Fatalf("json: %v", err)
	}
}

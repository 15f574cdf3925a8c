package request

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/convene/convene/internal/model"
)

// SafeNext keeps post-login redirects on this site: next must parse as a
// URL with no scheme, no host and no user, its path must begin with one
// "/" (not "//", not "/\"), and no control character, backslash or space
// may appear anywhere in it (browsers drop tabs and newlines and read "\"
// as "/", which is how "/\t/evil.example" left the site). Anything else
// is the dashboard.
func SafeNext(next string) string {
	const home = "/me"
	if next == "" || len(next) > 2048 || !utf8.ValidString(next) {
		return home
	}
	for _, c := range next {
		if c < 0x21 || c == 0x7f || c == '\\' || unicode.IsControl(c) || unicode.Is(unicode.Cf, c) || unicode.IsSpace(c) {
			return home
		}
	}
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return home
	}
	return u.RequestURI()
}

// BadText is the first character a text input may not hold: NUL and the
// other C0 controls but tab, newline and carriage return, and any byte
// that is not UTF-8. PostgreSQL refuses NUL in text (an error 500 before
// this check), SQLite stores it, and neither is ever meant.
func BadText(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return true
		}
	}
	return false
}

// CheckValues refuses values (a query or a form) holding bad text, naming
// each field: a 422 with a field message on every input path.
func CheckValues(vals url.Values) error {
	p := model.Problems{}
	for k, l := range vals {
		name := k
		if BadText(k) {
			name = "query"
		}
		for _, v := range l {
			if BadText(k) || BadText(v) {
				p.Add(name, "err.text")
			}
		}
	}
	return p.Err()
}

// checkStrings refuses bad text in the string fields (and string lists) of
// a decoded JSON input, by json name.
func checkStrings(dst any) error {
	p := model.Problems{}
	walkStrings(reflect.ValueOf(dst), "", p)
	return p.Err()
}

func walkStrings(v reflect.Value, name string, p model.Problems) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), name, p)
		}
	case reflect.String:
		if BadText(v.String()) {
			if name == "" {
				name = "body"
			}
			p.Add(name, "err.text")
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes are data, not text
		}
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), name, p)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if it.Key().Kind() == reflect.String && BadText(it.Key().String()) {
				p.Add(name, "err.text")
			}
			walkStrings(it.Value(), name, p)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			n := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
			if n == "-" {
				continue
			}
			if n == "" {
				n = name
			}
			walkStrings(v.Field(i), n, p)
		}
	}
}

// Proxies are the addresses whose X-Forwarded-For is believed: the load
// balancers in front of Convene (flag -trusted-proxies). Without any, the
// client is the connection's address and the header is ignored.
type Proxies []netip.Prefix

// ParseProxies reads a comma-separated list of CIDRs or addresses.
func ParseProxies(s string) (Proxies, error) {
	var p Proxies
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, err
			}
			p = append(p, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		pf, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, err
		}
		p = append(p, pf.Masked())
	}
	return p, nil
}

func (p Proxies) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, pf := range p {
		if pf.Contains(a) {
			return true
		}
	}
	return false
}

// Client is the address of the client that made r: the connection's
// address, or, when that is a trusted proxy, the right-most address in
// X-Forwarded-For that is not a trusted proxy (the left part of the header
// is whatever the client wrote and is never believed).
func (p Proxies) Client(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || len(p) == 0 || !p.trusted(peer) {
		if err == nil {
			return peer.Unmap().String()
		}
		return host
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	client := peer.Unmap()
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a forged or broken entry: stop at the last good hop
		}
		client = a.Unmap()
		if !p.trusted(client) {
			break
		}
	}
	return client.String()
}

// ClientIP is the request's client address as the middleware found it.
func ClientIP(r *http.Request) string {
	if c := From(r).Client; c != "" {
		return c
	}
	return Proxies(nil).Client(r)
}

package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Policy is what the operator allows beyond public https receivers.
type Policy struct {
	// AllowHTTP lets endpoints use plain http (a receiver on the same
	// private network; never for the open internet).
	AllowHTTP bool
	// Allow are the private prefixes receivers may be in (say the
	// company's 10.1.2.0/24); everything else that is not a public unicast
	// address is refused.
	Allow []netip.Prefix
}

// PolicyFromEnv reads CONVENE_WEBHOOK_ALLOW_HTTP=1 and
// CONVENE_WEBHOOK_ALLOW_PRIVATE (comma-separated prefixes, or "all").
func PolicyFromEnv(getenv func(string) string) (Policy, error) {
	var p Policy
	p.AllowHTTP = getenv("CONVENE_WEBHOOK_ALLOW_HTTP") == "1"
	for _, s := range strings.Split(getenv("CONVENE_WEBHOOK_ALLOW_PRIVATE"), ",") {
		s = strings.TrimSpace(s)
		switch s {
		case "":
		case "all":
			p.Allow = append(p.Allow, netip.MustParsePrefix("0.0.0.0/0"), netip.MustParsePrefix("::/0"))
		default:
			pf, err := netip.ParsePrefix(s)
			if err != nil {
				return p, fmt.Errorf("CONVENE_WEBHOOK_ALLOW_PRIVATE: %w", err)
			}
			p.Allow = append(p.Allow, pf)
		}
	}
	return p, nil
}

// ErrRefused is a destination the policy does not allow; ErrScheme (not
// https), ErrPrivate (a private, loopback or link-local address or name)
// and ErrURL (not an absolute URL, or with credentials) say why.
var (
	ErrRefused = errors.New("webhook: destination not allowed")
	ErrScheme  = fmt.Errorf("%w: https only", ErrRefused)
	ErrPrivate = fmt.Errorf("%w: private address", ErrRefused)
	ErrURL     = fmt.Errorf("%w: bad URL", ErrRefused)
)

// special are the ranges never meant to be reached from here besides
// those the netip predicates name: carrier-grade NAT, benchmarking, the
// IPv4-mapped/NAT64 forms (checked after unmapping) and documentation.
var special = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// AddrAllowed reports whether a receiver may be at a.
func (p Policy) AddrAllowed(a netip.Addr) bool {
	a = a.Unmap()
	for _, pf := range p.Allow {
		if pf.Contains(a) {
			return true
		}
	}
	if !a.IsGlobalUnicast() || a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsUnspecified() || a.IsMulticast() {
		return false
	}
	for _, pf := range special {
		if pf.Contains(a) {
			return false
		}
	}
	return true
}

// CheckURL refuses a receiver URL the policy does not allow, without
// resolving names (the dialer checks every address it connects to, which
// is what defeats a name that resolves differently later).
func (p Policy) CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return ErrURL
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && p.AllowHTTP:
	default:
		return fmt.Errorf("%w (%q)", ErrScheme, u.Scheme)
	}
	if u.User != nil {
		return fmt.Errorf("%w: credentials in it", ErrURL)
	}
	host := u.Hostname()
	if a, err := netip.ParseAddr(host); err == nil {
		if !p.AddrAllowed(a) {
			return fmt.Errorf("%w %s", ErrPrivate, a)
		}
		return nil
	}
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || !strings.Contains(h, ".") {
		if !p.AddrAllowed(netip.MustParseAddr("127.0.0.1")) {
			return fmt.Errorf("%w (local name %s)", ErrPrivate, host)
		}
	}
	return nil
}

// Client is an HTTP client that connects only where the policy allows,
// redirects included (at most 3, each checked again), and gives up after
// timeout. tlsBase, when set, is the transport to copy TLS settings from
// (tests trust their receiver's certificate this way).
func (p Policy) Client(timeout time.Duration, base *http.Transport) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrRefused, address)
		}
		if !p.AddrAllowed(ap.Addr()) {
			return fmt.Errorf("%w %s", ErrPrivate, ap.Addr())
		}
		return nil
	}}
	var tr *http.Transport
	if base != nil {
		tr = base.Clone()
	} else {
		tr = http.DefaultTransport.(*http.Transport).Clone()
	}
	tr.Proxy = nil // a proxy would connect on our behalf, past the check
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	tr.MaxIdleConnsPerHost = 64
	tr.ResponseHeaderTimeout = timeout
	return &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return fmt.Errorf("webhook: too many redirects")
		}
		return p.CheckURL(req.URL.String())
	}}
}

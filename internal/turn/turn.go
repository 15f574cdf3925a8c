// Package turn is Convene's built-in TURN relay (pion/turn) for the video
// rooms: calls work behind NATs and firewalls with no other server.
//
// Credentials follow the TURN REST scheme: the username is
// "expiry:userid" (expiry in Unix seconds) and the password is
// base64(HMAC-SHA1(secret, username)). The web server hands them only to a
// room's members while the room is open, so the relay serves only them; a
// forged, malformed or expired credential is refused. The relay sends only
// to peers the operator allowed (by default public unicast addresses and
// its own relay address: never loopback, private or link-local networks),
// so it is not an open relay into the operator's network.
package turn

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	pion "github.com/pion/turn/v4"
)

// Credentials makes a TURN REST credential for userID valid until now+ttl.
func Credentials(secret []byte, userID int64, ttl time.Duration, now time.Time) (username, password string) {
	username = strconv.FormatInt(now.Add(ttl).Unix(), 10) + ":" + strconv.FormatInt(userID, 10)
	return username, sign(secret, username)
}

func sign(secret []byte, username string) string {
	mac := hmac.New(sha1.New, secret)
	mac.Write([]byte(username))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// ErrCredential is a username that is not "expiry:userid" or has expired.
var ErrCredential = errors.New("turn: malformed or expired credential")

// Parse reads a TURN REST username: its expiry and user id; it fails when
// the username is malformed or expired at now.
func Parse(username string, now time.Time) (expiry time.Time, userID int64, err error) {
	exp, user, ok := strings.Cut(username, ":")
	if !ok {
		return time.Time{}, 0, ErrCredential
	}
	e, err1 := strconv.ParseInt(exp, 10, 64)
	u, err2 := strconv.ParseInt(user, 10, 64)
	if err1 != nil || err2 != nil || u <= 0 {
		return time.Time{}, 0, ErrCredential
	}
	expiry = time.Unix(e, 0)
	if !expiry.After(now) {
		return expiry, u, ErrCredential
	}
	return expiry, u, nil
}

// Config is the relay's setting.
type Config struct {
	// Listen is the UDP address clients reach the relay on, e.g. ":3478".
	Listen string
	// PublicIP is the address announced for relayed candidates (the
	// machine's public address; behind 1:1 NAT, the public side).
	PublicIP net.IP
	// RelayBind is the local address relay sockets bind to (default
	// 0.0.0.0); RelayPorts bounds their ports (0, 0 for any).
	RelayBind          string
	RelayMin, RelayMax uint16
	Realm              string
	Secret             []byte
	// Allow lists the peer networks the relay may send to. Empty: public
	// unicast addresses only. The relay's own PublicIP is always allowed
	// (two relayed sides reach each other through it).
	Allow []*net.IPNet
	Log   *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Server is a running relay.
type Server struct {
	cfg  Config
	srv  *pion.Server
	conn net.PacketConn
}

// Start listens and serves until Close.
func Start(cfg Config) (*Server, error) {
	if len(cfg.Secret) < 16 {
		return nil, errors.New("turn: the shared secret needs at least 16 bytes")
	}
	if cfg.PublicIP == nil {
		return nil, errors.New("turn: a public IP is needed for relayed candidates")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Realm == "" {
		cfg.Realm = "convene"
	}
	if cfg.RelayBind == "" {
		cfg.RelayBind = "0.0.0.0"
	}
	conn, err := net.ListenPacket("udp4", cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("turn: listen: %w", err)
	}
	s := &Server{cfg: cfg, conn: conn}
	var gen pion.RelayAddressGenerator = &pion.RelayAddressGeneratorStatic{RelayAddress: cfg.PublicIP, Address: cfg.RelayBind}
	if cfg.RelayMin != 0 {
		gen = &pion.RelayAddressGeneratorPortRange{RelayAddress: cfg.PublicIP, Address: cfg.RelayBind, MinPort: cfg.RelayMin, MaxPort: cfg.RelayMax}
	}
	s.srv, err = pion.NewServer(pion.ServerConfig{
		Realm:       cfg.Realm,
		AuthHandler: s.auth,
		PacketConnConfigs: []pion.PacketConnConfig{{
			PacketConn:            conn,
			RelayAddressGenerator: gen,
			PermissionHandler:     s.permit,
		}},
	})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("turn: %w", err)
	}
	return s, nil
}

// Addr is the address the relay listens on.
func (s *Server) Addr() net.Addr { return s.conn.LocalAddr() }

// Close stops the relay and its allocations.
func (s *Server) Close() error { return s.srv.Close() }

// auth answers the key for a valid REST credential; malformed and expired
// ones are refused and logged (a wrong password fails pion's integrity
// check against this key).
func (s *Server) auth(username, realm string, src net.Addr) ([]byte, bool) {
	if _, _, err := Parse(username, s.cfg.Now()); err != nil {
		s.cfg.Log.Warn("turn: credential refused", "user", username, "from", src.String())
		return nil, false
	}
	return pion.GenerateAuthKey(username, realm, sign(s.cfg.Secret, username)), true
}

// permit lets the relay send only to allowed peers.
func (s *Server) permit(client net.Addr, peer net.IP) bool {
	if Allowed(peer, s.cfg.PublicIP, s.cfg.Allow) {
		return true
	}
	s.cfg.Log.Warn("turn: peer refused", "peer", peer.String(), "client", client.String())
	return false
}

// Allowed says whether the relay may send to peer: the relay's own
// address, any network in allow, or — when allow is empty — a public
// unicast address.
func Allowed(peer, self net.IP, allow []*net.IPNet) bool {
	if peer == nil {
		return false
	}
	if self != nil && peer.Equal(self) {
		return true
	}
	if len(allow) > 0 {
		for _, n := range allow {
			if n.Contains(peer) {
				return true
			}
		}
		return false
	}
	return peer.IsGlobalUnicast() && !peer.IsPrivate() && !peer.IsLoopback() && !peer.IsUnspecified()
}

// ParseNets reads comma-separated CIDRs (a bare address is a /32 or /128).
func ParseNets(s string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			if ip := net.ParseIP(f); ip != nil && ip.To4() != nil {
				f += "/32"
			} else {
				f += "/128"
			}
		}
		_, n, err := net.ParseCIDR(f)
		if err != nil {
			return nil, fmt.Errorf("turn: %q is not a network", f)
		}
		out = append(out, n)
	}
	return out, nil
}

package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/turn"
	"github.com/convene/convene/internal/web/video"
)

// videoFlags set the video rooms' relays: the built-in TURN relay and
// external STUN/TURN servers (docs: internal/web/video, internal/turn).
type videoFlags struct {
	addr, publicIP, allow, secret, ice, iceUser, iceCred *string
}

func addVideoFlags(fs *flag.FlagSet) *videoFlags {
	return &videoFlags{
		addr:     fs.String("turn-addr", os.Getenv("CONVENE_TURN_ADDR"), "run the built-in TURN relay on this UDP address, e.g. :3478 (env CONVENE_TURN_ADDR; empty: no built-in relay)"),
		publicIP: fs.String("turn-public-ip", os.Getenv("CONVENE_TURN_PUBLIC_IP"), "the relay's public IP, announced to browsers (env CONVENE_TURN_PUBLIC_IP; default: -turn-addr's host)"),
		allow:    fs.String("turn-allow", os.Getenv("CONVENE_TURN_ALLOW"), "comma-separated CIDRs the relay may send to (env CONVENE_TURN_ALLOW; default: public unicast addresses only)"),
		secret:   fs.String("turn-secret", os.Getenv("CONVENE_TURN_SECRET"), "shared secret of the relay's TURN REST credentials, the same on every instance (env CONVENE_TURN_SECRET; default: random, one instance)"),
		ice:      fs.String("ice-urls", os.Getenv("CONVENE_ICE_URLS"), "comma-separated external STUN/TURN URLs for the video rooms, e.g. stun:stun.example.com:3478 (env CONVENE_ICE_URLS)"),
		iceUser:  fs.String("ice-username", os.Getenv("CONVENE_ICE_USERNAME"), "username for the external TURN URLs (env CONVENE_ICE_USERNAME)"),
		iceCred:  fs.String("ice-credential", os.Getenv("CONVENE_ICE_CREDENTIAL"), "credential for the external TURN URLs (env CONVENE_ICE_CREDENTIAL)"),
	}
}

// start configures the video rooms and starts the built-in relay, which
// stops when ctx ends.
func (v *videoFlags) start(ctx context.Context, log *slog.Logger) error {
	cfg := video.Config{}
	if *v.ice != "" {
		var stun, turnURLs []string
		for _, u := range strings.Split(*v.ice, ",") {
			u = strings.TrimSpace(u)
			switch {
			case strings.HasPrefix(u, "stun:") || strings.HasPrefix(u, "stuns:"):
				stun = append(stun, u)
			case strings.HasPrefix(u, "turn:") || strings.HasPrefix(u, "turns:"):
				turnURLs = append(turnURLs, u)
			case u != "":
				return fmt.Errorf("-ice-urls: %q is not a stun: or turn: URL", u)
			}
		}
		if len(stun) > 0 {
			cfg.External = append(cfg.External, video.ICEServer{URLs: stun})
		}
		if len(turnURLs) > 0 {
			cfg.External = append(cfg.External, video.ICEServer{URLs: turnURLs, Username: *v.iceUser, Credential: *v.iceCred})
		}
	}
	if *v.addr == "" {
		video.Configure(cfg)
		return nil
	}
	host, _, err := net.SplitHostPort(*v.addr)
	if err != nil {
		return fmt.Errorf("-turn-addr: %w", err)
	}
	pub := *v.publicIP
	if pub == "" {
		pub = host
	}
	ip := net.ParseIP(pub)
	if ip == nil || ip.IsUnspecified() || ip.To4() == nil {
		return errors.New("-turn-public-ip: the relay needs the IPv4 address browsers reach it on")
	}
	allow, err := turn.ParseNets(*v.allow)
	if err != nil {
		return fmt.Errorf("-turn-allow: %w", err)
	}
	secret := []byte(*v.secret)
	if len(secret) == 0 {
		secret = make([]byte, 32)
		rand.Read(secret)
	}
	bind := host
	if bind == "" {
		bind = "0.0.0.0"
	}
	srv, err := turn.Start(turn.Config{Listen: *v.addr, PublicIP: ip, RelayBind: bind, Secret: secret, Allow: allow, Log: log})
	if err != nil {
		return err
	}
	go func() { <-ctx.Done(); srv.Close() }()
	port := srv.Addr().(*net.UDPAddr).Port
	cfg.TURNURLs = []string{"turn:" + net.JoinHostPort(ip.String(), strconv.Itoa(port)) + "?transport=udp"}
	cfg.Secret = secret
	video.Configure(cfg)
	log.Info("TURN relay", "addr", srv.Addr().String(), "url", cfg.TURNURLs[0])
	return nil
}

package turn

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"syscall"
	"testing"
	"time"

	pion "github.com/pion/turn/v4"
)

var secret = []byte("0123456789abcdef0123")

// relay starts a relay on loopback that may send to loopback peers.
func relay(t testing.TB) *Server {
	t.Helper()
	allow, _ := ParseNets("127.0.0.0/8")
	s, err := Start(Config{Listen: "127.0.0.1:0", PublicIP: net.ParseIP("127.0.0.1"), RelayBind: "127.0.0.1", Secret: secret, Allow: allow,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// allocate signs in to the relay and allocates a relayed address.
func allocate(t testing.TB, s *Server, user, pass string) (*pion.Client, net.PacketConn, error) {
	t.Helper()
	conn, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	c, err := pion.NewClient(&pion.ClientConfig{STUNServerAddr: s.Addr().String(), TURNServerAddr: s.Addr().String(),
		Conn: conn, Username: user, Password: pass, Realm: "convene", RTO: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	if err := c.Listen(); err != nil {
		t.Fatal(err)
	}
	rc, err := c.Allocate()
	if err == nil {
		t.Cleanup(func() { rc.Close() })
	}
	return c, rc, err
}

func TestCredentials(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	u, p := Credentials(secret, 42, time.Minute, now)
	if u != "1800000060:42" || p != sign(secret, u) {
		t.Fatalf("credential %q %q", u, p)
	}
	exp, id, err := Parse(u, now)
	if err != nil || id != 42 || exp.Unix() != 1800000060 {
		t.Fatalf("parse: %v %d %v", exp, id, err)
	}
	for _, bad := range []string{"", "42", "x:42", "1800000060:", "1800000060:0", "1800000060:-3", "1800000060:4:2"} {
		if _, _, err := Parse(bad, now); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, _, err := Parse(u, now.Add(2*time.Minute)); err == nil {
		t.Error("an expired credential is accepted")
	}
}

func TestAllowed(t *testing.T) {
	self := net.ParseIP("203.0.113.9")
	lan, _ := ParseNets("10.1.0.0/16, 192.0.2.7")
	cases := []struct {
		peer  string
		allow []*net.IPNet
		want  bool
	}{
		{"8.8.8.8", nil, true},
		{"203.0.113.9", nil, true},
		{"127.0.0.1", nil, false},
		{"10.0.0.5", nil, false},
		{"192.168.1.1", nil, false},
		{"169.254.169.254", nil, false},
		{"::1", nil, false},
		{"fd00::1", nil, false},
		{"10.1.2.3", lan, true},
		{"192.0.2.7", lan, true},
		{"8.8.8.8", lan, false},
		{"203.0.113.9", lan, true},
	}
	for _, c := range cases {
		if got := Allowed(net.ParseIP(c.peer), self, c.allow); got != c.want {
			t.Errorf("Allowed(%s, %v) = %v", c.peer, c.allow, got)
		}
	}
	if _, err := ParseNets("10.0.0.0/99"); err == nil {
		t.Error("a bad network is accepted")
	}
}

// TestRelay: a member's credential relays to an allowed peer; forged and
// expired credentials cannot allocate; a peer outside the allowed networks
// is refused.
func TestRelay(t *testing.T) {
	s := relay(t)
	user, pass := Credentials(secret, 7, time.Minute, time.Now())
	_, rc, err := allocate(t, s, user, pass)
	if err != nil {
		t.Fatalf("allocate: %v", err)
	}
	peer, _ := net.ListenPacket("udp4", "127.0.0.1:0")
	defer peer.Close()
	if _, err := rc.WriteTo([]byte("hello"), peer.LocalAddr()); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1500)
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, from, err := peer.ReadFrom(buf)
	if err != nil || string(buf[:n]) != "hello" {
		t.Fatalf("peer read %q %v", buf[:n], err)
	}
	if from.String() != rc.LocalAddr().String() {
		t.Fatalf("from %s, relay %s", from, rc.LocalAddr())
	}
	// The peer answers through the relay.
	peer.WriteTo([]byte("back"), from)
	rc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, _, err := rc.ReadFrom(buf); err != nil || string(buf[:n]) != "back" {
		t.Fatalf("relay read %q %v", buf[:n], err)
	}

	t.Run("forged", func(t *testing.T) {
		if _, _, err := allocate(t, s, user, sign([]byte("another secret, 16+"), user)); err == nil {
			t.Fatal("a forged password allocates")
		}
	})
	t.Run("expired", func(t *testing.T) {
		u, p := Credentials(secret, 7, -time.Second, time.Now())
		if _, _, err := allocate(t, s, u, p); err == nil {
			t.Fatal("an expired credential allocates")
		}
	})
	t.Run("peer not allowed", func(t *testing.T) {
		_, rc, err := allocate(t, s, user, pass)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rc.WriteTo([]byte("x"), &net.UDPAddr{IP: net.ParseIP("10.9.9.9"), Port: 9}); err == nil {
			t.Fatal("the relay sends to a network the operator did not allow")
		}
	})
}

// BenchmarkRelay15Mbps pushes a 1.5 Mbit/s stream (125 packets of 1,500
// bytes a second) through the relay to a peer for b.N seconds and reports
// the process's CPU time per second of stream: relay, sender and receiver
// together, an upper bound on the relay's share.
func BenchmarkRelay15Mbps(b *testing.B) {
	s := relay(b)
	user, pass := Credentials(secret, 7, time.Hour, time.Now())
	_, rc, err := allocate(b, s, user, pass)
	if err != nil {
		b.Fatal(err)
	}
	peer, _ := net.ListenPacket("udp4", "127.0.0.1:0")
	defer peer.Close()
	got := make(chan int, 1)
	go func() {
		buf, n := make([]byte, 2048), 0
		for {
			peer.SetReadDeadline(time.Now().Add(2 * time.Second))
			m, _, err := peer.ReadFrom(buf)
			if err != nil {
				got <- n
				return
			}
			n += m
		}
	}()
	pkt := bytes.Repeat([]byte{0x5a}, 1200) // an RTP-sized payload
	const pps = 1_500_000 / 8 / 1200        // ≈156 packets a second
	cpu0 := cpuTime()
	start := time.Now()
	// Paced by the clock, every 10 ms, so a busy machine's late ticks do
	// not lower the rate.
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	sent, packets, total := 0, 0, b.N*pps
	for packets < total {
		<-tick.C
		due := min(total, int(time.Since(start).Seconds()*pps)+1)
		for ; packets < due; packets++ {
			if _, err := rc.WriteTo(pkt, peer.LocalAddr()); err != nil {
				b.Fatal(err)
			}
			sent += len(pkt)
		}
	}
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	recv := <-got
	b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "%cpu")
	b.ReportMetric(float64(recv*8)/wall.Seconds()/1e6, "Mbit/s")
	if recv < sent*9/10 {
		b.Fatalf("received %d of %d bytes", recv, sent)
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// FuzzParse: any username either parses to a positive user id and a
// future expiry, or is refused; never a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1800000060:42", "", ":", "x:1", "99999999999999999999:1", "1800000060:-1", "1:2:3"} {
		f.Add(s)
	}
	now := time.Unix(1_700_000_000, 0)
	f.Fuzz(func(t *testing.T, s string) {
		exp, id, err := Parse(s, now)
		if err == nil && (id <= 0 || !exp.After(now)) {
			t.Fatalf("%q accepted as %v %d", s, exp, id)
		}
	})
}

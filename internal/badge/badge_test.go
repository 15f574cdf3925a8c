package badge

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func key(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = byte(i)
	}
	priv := ed25519.NewKeyFromSeed(seed)
	return priv.Public().(ed25519.PublicKey), priv
}

var (
	t0     = time.Date(2017, 12, 17, 0, 0, 0, 0, time.UTC)
	claims = Claims{Badge: 7, Person: 4242, Edition: 1, Role: Talent, NotBefore: t0, NotAfter: t0.Add(48 * time.Hour)}
)

func TestRoundTrip(t *testing.T) {
	pub, priv := key(t)
	tok, err := Sign(priv, claims)
	if err != nil {
		t.Fatal(err)
	}
	if len(tok) != TokenLen || TokenLen != 120 {
		t.Fatalf("token length %d (TokenLen %d)", len(tok), TokenLen)
	}
	c, err := Verify(" "+tok+"\n", pub)
	if err != nil {
		t.Fatal(err)
	}
	want := claims
	want.KeyID = KeyID(pub)
	if c != want {
		t.Fatalf("claims %+v, want %+v", c, want)
	}
	if err := c.Check(1, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func TestRefusals(t *testing.T) {
	pub, priv := key(t)
	otherPub, otherPriv, _ := ed25519.GenerateKey(rand.Reader)
	tok, _ := Sign(priv, claims)
	forged, _ := Sign(otherPriv, claims)
	// Same key id, other signature: flip a bit of the signature.
	b := []byte(tok)
	b[len(b)-5] ^= 'A' ^ 'B'
	if b[len(b)-5] == tok[len(tok)-5] {
		b[len(b)-5] = 'C'
	}
	flipped := string(b)
	// Payload altered (the person): the signature no longer matches.
	c2 := claims
	c2.Person++
	other, _ := Sign(priv, c2)
	spliced := other[:34] + tok[34:]
	cases := []struct {
		name string
		tok  string
		keys []ed25519.PublicKey
		want error
	}{
		{"truncated", tok[:100], []ed25519.PublicKey{pub}, ErrMalformed},
		{"empty", "", []ed25519.PublicKey{pub}, ErrMalformed},
		{"not base64", strings.Repeat("!", TokenLen), []ed25519.PublicKey{pub}, ErrMalformed},
		{"unknown key", forged, []ed25519.PublicKey{pub}, ErrKey},
		{"bad signature", flipped, []ed25519.PublicKey{pub}, ErrSignature},
		{"spliced payload", spliced, []ed25519.PublicKey{pub}, ErrSignature},
	}
	for _, c := range cases {
		if _, err := Verify(c.tok, c.keys...); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := Verify(forged, pub, otherPub); err != nil {
		t.Errorf("second key: %v", err)
	}
	c, _ := Verify(tok, pub)
	for _, x := range []struct {
		ed   uint32
		at   time.Time
		want error
	}{{2, t0, ErrEdition}, {1, t0.Add(-time.Second), ErrNotYet}, {1, t0.Add(48 * time.Hour), ErrExpired}} {
		if err := c.Check(x.ed, x.at); !errors.Is(err, x.want) || Reason(err) == "" {
			t.Errorf("check %d %v: %v, want %v", x.ed, x.at, err, x.want)
		}
	}
}

func TestSignRefusesBadClaims(t *testing.T) {
	_, priv := key(t)
	bad := claims
	bad.Role = 0
	if _, err := Sign(priv, bad); err == nil {
		t.Error("role 0 signed")
	}
	bad = claims
	bad.NotAfter = bad.NotBefore
	if _, err := Sign(priv, bad); err == nil {
		t.Error("empty validity signed")
	}
}

func TestRoles(t *testing.T) {
	for r := Talent; r <= Gate; r++ {
		if RoleNamed(r.String()) != r {
			t.Errorf("role %d: %q", r, r.String())
		}
	}
	if RoleNamed("nobody") != 0 || Role(0).Valid() || Role(10).Valid() {
		t.Error("unknown role accepted")
	}
}

// FuzzParse: Parse and Verify never panic, what parses holds valid claims,
// and nothing but the signed token verifies.
func FuzzParse(f *testing.F) {
	pub, priv := key(f)
	tok, _ := Sign(priv, claims)
	f.Add(tok)
	f.Add(tok[:60])
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		if !c.Role.Valid() || !c.NotAfter.After(c.NotBefore) {
			t.Fatalf("parsed invalid claims %+v", c)
		}
		if _, err := Verify(s, pub); err == nil && strings.TrimSpace(s) != tok {
			t.Fatalf("verified a token that was never signed: %q", s)
		}
	})
}

// TestCorpus keeps the fuzz corpus in testdata readable by go test.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzParse/*")
	if len(files) == 0 {
		t.Fatal("no seed corpus in testdata/fuzz/FuzzParse")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || !strings.HasPrefix(string(b), "go test fuzz v1") {
			t.Errorf("%s: not a corpus file", f)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	pub, priv := key(b)
	tok, _ := Sign(priv, claims)
	b.ReportAllocs()
	for b.Loop() {
		c, err := Verify(tok, pub)
		if err != nil || c.Check(1, t0.Add(time.Hour)) != nil {
			b.Fatal(err)
		}
	}
}

func TestWindow(t *testing.T) {
	start, end := t0, t0.Add(24*time.Hour)
	nbf, naf := Window(start, end, start.AddDate(0, -1, 0))
	if !nbf.Equal(start.AddDate(0, 0, -7)) || !naf.Equal(end.AddDate(0, 0, 2)) {
		t.Fatalf("upcoming edition: %v %v", nbf, naf)
	}
	now := time.Date(2026, 12, 4, 17, 30, 0, 0, time.UTC)
	nbf, naf = Window(start, end, now)
	if !now.After(nbf) || !now.Before(naf) {
		t.Fatalf("past edition: %v %v", nbf, naf)
	}
}

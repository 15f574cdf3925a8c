// Package badge makes and checks the compact tokens that badges' QR codes
// carry: a fixed 26-byte payload (version, key id, badge, person, edition,
// role, validity) followed by its Ed25519 signature, in base64url, 120
// characters. Anyone with the public key alone can verify one: the gate page
// does so in the browser (WebCrypto), the server with crypto/ed25519. It is
// pure: plain values in and out.
package badge

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"
)

// Version is the payload layout's first byte.
const Version = 1

// PayloadLen is the signed part's length; TokenLen the encoded token's.
const (
	PayloadLen = 26
	rawLen     = PayloadLen + ed25519.SignatureSize
	TokenLen   = (rawLen*8 + 5) / 6 // base64url without padding: 120
)

// Role is who the badge says its holder is; it decides which gates admit.
type Role byte

const (
	Talent Role = iota + 1
	Enterprise
	Delegation
	Judge
	Speaker
	Press
	Staff
	Organizer
	Gate
)

var roleNames = []string{"", "talent", "enterprise", "delegation", "judge", "speaker", "press", "staff", "organizer", "gate"}

// String is the role's name ("talent", …), the key of its colour and label.
func (r Role) String() string {
	if r.Valid() {
		return roleNames[r]
	}
	return "unknown"
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r >= Talent && r <= Gate }

// RoleNamed is the role with that name, or 0.
func RoleNamed(s string) Role {
	for i, n := range roleNames {
		if i > 0 && n == s {
			return Role(i)
		}
	}
	return 0
}

// Claims are what a badge states.
type Claims struct {
	KeyID     uint32 // which signing key (KeyID of its public key)
	Badge     uint32 // the badge's id: a re-issued badge has a new one, the old one is revoked
	Person    uint32 // the holder's account id
	Edition   uint32
	Role      Role
	NotBefore time.Time // whole seconds, UTC
	NotAfter  time.Time
}

// Errors: every way a token can fail, for counting refusals by reason.
var (
	ErrMalformed = errors.New("badge: malformed")
	ErrSignature = errors.New("badge: bad signature")
	ErrKey       = errors.New("badge: unknown key")
	ErrExpired   = errors.New("badge: expired")
	ErrNotYet    = errors.New("badge: not yet valid")
	ErrEdition   = errors.New("badge: other edition")
)

// KeyID names a public key: the first four bytes of its SHA-256.
func KeyID(pub ed25519.PublicKey) uint32 {
	h := sha256.Sum256(pub)
	return binary.BigEndian.Uint32(h[:4])
}

func encodePayload(c Claims) []byte {
	b := make([]byte, PayloadLen, rawLen)
	b[0] = Version
	binary.BigEndian.PutUint32(b[1:], c.KeyID)
	binary.BigEndian.PutUint32(b[5:], c.Badge)
	binary.BigEndian.PutUint32(b[9:], c.Person)
	binary.BigEndian.PutUint32(b[13:], c.Edition)
	b[17] = byte(c.Role)
	binary.BigEndian.PutUint32(b[18:], uint32(c.NotBefore.Unix()))
	binary.BigEndian.PutUint32(b[22:], uint32(c.NotAfter.Unix()))
	return b
}

// Sign makes a token for c with priv; c.KeyID is set from priv's public key.
func Sign(priv ed25519.PrivateKey, c Claims) (string, error) {
	if len(priv) != ed25519.PrivateKeySize || !c.Role.Valid() || !c.NotAfter.After(c.NotBefore) ||
		c.NotBefore.Unix() < 0 || c.NotAfter.Unix() > 1<<32-1 {
		return "", ErrMalformed
	}
	c.KeyID = KeyID(priv.Public().(ed25519.PublicKey))
	p := encodePayload(c)
	raw := append(p, ed25519.Sign(priv, p)...)
	return base64.RawURLEncoding.EncodeToString(raw), nil
}

// Parse reads a token's claims without checking its signature (the gate
// shows who it claims to be while refusing it). Surrounding white space, as
// keyboard-wedge scanners add, is ignored.
func Parse(tok string) (Claims, error) {
	c, _, _, err := split(tok)
	return c, err
}

func split(tok string) (c Claims, payload, sig []byte, err error) {
	tok = strings.TrimSpace(tok)
	if len(tok) != TokenLen {
		return c, nil, nil, ErrMalformed
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(tok)
	if err != nil || len(raw) != rawLen || raw[0] != Version {
		return c, nil, nil, ErrMalformed
	}
	c = Claims{
		KeyID:     binary.BigEndian.Uint32(raw[1:]),
		Badge:     binary.BigEndian.Uint32(raw[5:]),
		Person:    binary.BigEndian.Uint32(raw[9:]),
		Edition:   binary.BigEndian.Uint32(raw[13:]),
		Role:      Role(raw[17]),
		NotBefore: time.Unix(int64(binary.BigEndian.Uint32(raw[18:])), 0).UTC(),
		NotAfter:  time.Unix(int64(binary.BigEndian.Uint32(raw[22:])), 0).UTC(),
	}
	if !c.Role.Valid() || !c.NotAfter.After(c.NotBefore) {
		return Claims{}, nil, nil, ErrMalformed
	}
	return c, raw[:PayloadLen], raw[PayloadLen:], nil
}

// Verify checks a token's signature against the public keys it may name
// (by KeyID) and returns its claims; validity and edition are Check's.
func Verify(tok string, keys ...ed25519.PublicKey) (Claims, error) {
	c, p, sig, err := split(tok)
	if err != nil {
		return c, err
	}
	for _, k := range keys {
		if len(k) == ed25519.PublicKeySize && KeyID(k) == c.KeyID {
			if !ed25519.Verify(k, p, sig) {
				return c, ErrSignature
			}
			return c, nil
		}
	}
	return c, ErrKey
}

// Check tells whether verified claims admit at now for edition.
func (c Claims) Check(edition uint32, now time.Time) error {
	switch {
	case c.Edition != edition:
		return ErrEdition
	case now.Before(c.NotBefore):
		return ErrNotYet
	case !now.Before(c.NotAfter):
		return ErrExpired
	}
	return nil
}

// Reason is a short name for a refusal ("signature", "expired", …), for
// counters and messages; "" for nil.
func Reason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrSignature):
		return "signature"
	case errors.Is(err, ErrKey):
		return "key"
	case errors.Is(err, ErrExpired):
		return "expired"
	case errors.Is(err, ErrNotYet):
		return "not_yet"
	case errors.Is(err, ErrEdition):
		return "edition"
	}
	return "malformed"
}

// Window is when an edition's badges admit: from a week before it opens
// to two days after it closes; for an edition already past (the demo's),
// from a day ago for 30 days, so that a badge issued now can be tried at a
// gate.
func Window(start, end, now time.Time) (notBefore, notAfter time.Time) {
	nbf, naf := start.AddDate(0, 0, -7), end.AddDate(0, 0, 2)
	if naf.Before(now.AddDate(0, 0, 30)) {
		nbf, naf = now.Add(-24*time.Hour).Truncate(time.Hour), now.AddDate(0, 0, 30).Truncate(time.Hour)
	}
	return nbf.UTC(), naf.UTC()
}

// AccountRoles maps an account's role (model.Role's names) to its badge's:
// organizers and gate agents wear staff badges.
var AccountRoles = map[string]Role{
	"talent": Talent, "enterprise": Enterprise, "delegation": Delegation, "judge": Judge, "organizer": Staff, "gate": Staff,
}

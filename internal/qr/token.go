// Package qr makes the QR codes that enterprises print for their posts and
// booths: signed tokens that verify without a database lookup, and the
// code images (PNG, SVG). It is pure: plain values in and out.
package qr

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// Kind is what a token points at.
type Kind byte

const (
	Post       Kind = 'p'
	Enterprise Kind = 'e'
)

func (k Kind) Valid() bool { return k == Post || k == Enterprise }

func (k Kind) String() string {
	switch k {
	case Post:
		return "post"
	case Enterprise:
		return "enterprise"
	}
	return "?"
}

// macLen is how many bytes of the HMAC-SHA256 a token keeps: 96 bits make a
// forgery a 2^-96 guess per try, while the token stays short enough for a
// small, easily scanned QR code (16 base64url characters).
const macLen = 12

// MaxLen bounds a token; anything longer is refused before any work.
const MaxLen = 64

// ErrBad is every way a token can be wrong: malformed, unknown kind, or a
// signature that does not match. Callers show one clear page for all.
var ErrBad = errors.New("qr: bad token")

// Token signs kind and id with secret: "<kind><id base 36>.<mac>", e.g.
// "p2s.Xq3...". The id is visible; what makes the token unguessable is the
// MAC, which only the server's secret can produce.
func Token(secret []byte, k Kind, id int64) string {
	payload := string(k) + strconv.FormatInt(id, 36)
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac(secret, payload))
}

// Parse verifies a token and returns what it points at.
func Parse(secret []byte, tok string) (Kind, int64, error) {
	if len(tok) > MaxLen || len(secret) == 0 {
		return 0, 0, ErrBad
	}
	payload, sig, ok := strings.Cut(tok, ".")
	if !ok || len(payload) < 2 || len(payload) > 14 {
		return 0, 0, ErrBad
	}
	k := Kind(payload[0])
	if !k.Valid() {
		return 0, 0, ErrBad
	}
	digits := payload[1:]
	if digits[0] == '0' || strings.ToLower(digits) != digits { // one spelling per id
		return 0, 0, ErrBad
	}
	id, err := strconv.ParseInt(digits, 36, 64)
	if err != nil || id <= 0 {
		return 0, 0, ErrBad
	}
	if len(sig) != base64.RawURLEncoding.EncodedLen(macLen) { // the decoder would skip \r and \n
		return 0, 0, ErrBad
	}
	got, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	if err != nil || len(got) != macLen {
		return 0, 0, ErrBad
	}
	if !hmac.Equal(got, mac(secret, payload)) {
		return 0, 0, ErrBad
	}
	return k, id, nil
}

func mac(secret []byte, payload string) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte("convene-qr-v1:")) // domain separation from other uses of the secret
	h.Write([]byte(payload))
	return h.Sum(nil)[:macLen]
}

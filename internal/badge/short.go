package badge

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"strings"
)

// A short code is a badge's code for typing where no camera reads the QR:
// the badge's id and a 40-bit MAC under the server's key, 15 characters of
// Crockford's base32 in three groups ("7ZQ4M-0K2HD-X9C1B"). Unlike the
// signed token it proves nothing offline (the gate page has no key): the
// server checks it and answers for the badge.

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

const shortBytes = 4 + 5 // id, MAC

// ShortKey derives the short codes' MAC key from the signing key's seed.
func ShortKey(seed []byte) []byte {
	h := sha256.Sum256(append([]byte("convene badge short code\x00"), seed...))
	return h[:]
}

func shortMAC(key []byte, id uint32) []byte {
	m := hmac.New(sha256.New, key)
	binary.Write(m, binary.BigEndian, id)
	return m.Sum(nil)[:shortBytes-4]
}

// ShortCode is badge id's short code under key.
func ShortCode(key []byte, id uint32) string {
	b := binary.BigEndian.AppendUint32(make([]byte, 0, shortBytes), id)
	s := crockford.EncodeToString(append(b, shortMAC(key, id)...))
	return s[:5] + "-" + s[5:10] + "-" + s[10:]
}

// normalShort is s without separators, upper case, with the letters people
// confuse read as Crockford's digits; "" when it cannot be a short code.
func normalShort(s string) string {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s)))
	s = strings.NewReplacer("O", "0", "I", "1", "L", "1", "U", "V").Replace(s)
	if len(s) != 15 {
		return ""
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c) {
			return ""
		}
	}
	return s
}

// LooksShort tells whether s has a short code's form (it may still be a
// forgery: ParseShortCode decides).
func LooksShort(s string) bool { return normalShort(s) != "" }

// ParseShortCode is the badge id of a short code typed as s, if its MAC
// holds under key.
func ParseShortCode(key []byte, s string) (uint32, bool) {
	n := normalShort(s)
	if n == "" {
		return 0, false
	}
	b, err := crockford.DecodeString(n)
	// The last character carries 2 bits and 3 unused ones: only its
	// canonical spelling is a code.
	if err != nil || len(b) != shortBytes || crockford.EncodeToString(b) != n {
		return 0, false
	}
	id := binary.BigEndian.Uint32(b)
	return id, hmac.Equal(b[4:], shortMAC(key, id))
}

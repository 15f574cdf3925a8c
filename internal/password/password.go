// Package password hashes and checks passwords with argon2id.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// OWASP's argon2id minimum (19 MiB, 2 passes); about 20-30 ms here.
const (
	memoryKiB = 19 * 1024
	passes    = 2
	threads   = 1
	keyLen    = 32
)

// slots bounds concurrent hashing: each hash takes 19 MiB and a core, so a
// burst of sign-ins queues instead of exhausting memory.
var slots = make(chan struct{}, max(2, runtime.NumCPU()))

// Hash returns an encoded argon2id hash with a random salt.
func Hash(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	slots <- struct{}{}
	key := argon2.IDKey([]byte(pw), salt, passes, memoryKiB, threads, keyLen)
	<-slots
	b := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, passes, threads, b.EncodeToString(salt), b.EncodeToString(key)), nil
}

var errFormat = errors.New("password: unknown hash format")

// Check reports whether pw matches the encoded hash.
func Check(encoded, pw string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errFormat
	}
	var v int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false, errFormat
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m > 1<<20 || t > 10 || p == 0 {
		return false, errFormat
	}
	b := base64.RawStdEncoding
	salt, err := b.DecodeString(parts[4])
	if err != nil {
		return false, errFormat
	}
	want, err := b.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errFormat
	}
	slots <- struct{}{}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	<-slots
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

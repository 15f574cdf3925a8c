// Package webhook delivers an organization's events to its receivers, the
// way the Standard Webhooks specification (standardwebhooks.com) says:
// each request carries webhook-id, webhook-timestamp and webhook-signature
// ("v1,<base64 HMAC-SHA256 of id.timestamp.body>" per secret, separated by
// spaces while a rotation keeps two), secrets are "whsec_<base64>". The
// events come from the store's outbox (written in the transaction of the
// change); the Dispatcher claims due deliveries, sends them through a
// client that refuses private addresses (Guard), retries with exponential
// back-off, and disables an endpoint that answers 410 or fails for days.
package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// SecretPrefix starts every signing secret.
const SecretPrefix = "whsec_"

// NewSecret returns a fresh signing secret: 24 random bytes (the
// specification asks for 24 to 64).
func NewSecret() string {
	var b [24]byte
	rand.Read(b[:])
	return SecretPrefix + base64.StdEncoding.EncodeToString(b[:])
}

func secretKey(secret string) ([]byte, error) {
	if !strings.HasPrefix(secret, SecretPrefix) {
		return nil, errors.New("webhook: secret without whsec_ prefix")
	}
	return base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, SecretPrefix))
}

// Sign is the signature header's value for one message: a "v1,<sig>" per
// secret, space-separated.
func Sign(secrets []string, id string, ts time.Time, body []byte) (string, error) {
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		key, err := secretKey(s)
		if err != nil {
			return "", err
		}
		m := hmac.New(sha256.New, key)
		m.Write([]byte(id + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
		m.Write(body)
		sigs = append(sigs, "v1,"+base64.StdEncoding.EncodeToString(m.Sum(nil)))
	}
	return strings.Join(sigs, " "), nil
}

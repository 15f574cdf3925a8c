// Package scancode signs the URLs that QR codes carry (posts, booths) with
// a key created once in the database, so every instance signs and verifies
// alike; the key is read once per instance.
package scancode

import (
	"context"
	"sync"

	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
)

// Signer makes and checks scan tokens.
type Signer struct {
	db     *store.DB
	mu     sync.Mutex
	secret []byte
}

// New returns a signer whose key lives in db.
func New(db *store.DB) *Signer { return &Signer{db: db} }

// Secret is the HMAC key of scan tokens.
func (s *Signer) Secret(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secret == nil {
		b, err := s.db.Secret(ctx, "qr", 32)
		if err != nil {
			return nil, err
		}
		s.secret = b
	}
	return s.secret, nil
}

// URL is the short URL a code carries: base (scheme and host of this
// server) + /s/{token}.
func (s *Signer) URL(ctx context.Context, base string, k qr.Kind, id int64) (string, error) {
	sec, err := s.Secret(ctx)
	if err != nil {
		return "", err
	}
	return base + "/s/" + qr.Token(sec, k, id), nil
}

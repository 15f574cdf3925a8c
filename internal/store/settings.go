package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Secret returns the named secret, creating it once: the insert that loses
// a race between two instances does nothing, and both read the winner's.
func (db *DB) Secret(ctx context.Context, name string, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	if _, err := db.w.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
		"secret:"+name, hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, db.mapErr(err))
	}
	var v string
	if err := db.w.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, "secret:"+name).Scan(&v); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return hex.DecodeString(v)
}

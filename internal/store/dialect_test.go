package store

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestPostgresJITOff: connections run with JIT off (a misestimated plan
// compiled for 660 ms on every run), unless the DSN asks for it.
func TestPostgresJITOff(t *testing.T) {
	base := os.Getenv("CONVENE_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but CONVENE_TEST_POSTGRES is unset")
		}
		t.Skip("CONVENE_TEST_POSTGRES unset")
	}
	ctx := context.Background()
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	for dsn, want := range map[string]string{base: "off", base + sep + "jit=on": "on"} {
		db, err := openPostgres(ctx, dsn) // no migration: the server's own database
		if err != nil {
			t.Fatal(err)
		}
		var got string
		err = db.r.QueryRowContext(ctx, `SHOW jit`).Scan(&got)
		db.Close()
		if err != nil || got != want {
			t.Fatalf("%s: jit = %q (%v), want %q", dsn, got, err, want)
		}
	}
}

package qr

import (
	"fmt"
	"testing"
)

// TestDecodeMany: every code we render decodes back to its URL, including
// the few whose finder patterns mislead the general detector.
func TestDecodeMany(t *testing.T) {
	for i := 0; i < 400; i++ {
		url := fmt.Sprintf("http://127.0.0.1:18090/s/o%d.%022x", i+10, uint64(i)*0x9e3779b97f4a7c15)
		b, err := PNG(url, 320)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodePNG(b)
		if err != nil || got != url {
			t.Fatalf("code %d: %q, %v", i, got, err)
		}
	}
}

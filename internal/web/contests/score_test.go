package contests

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestConflictNote(t *testing.T) {
	zh := strings.Repeat("利益冲突", 200) // 800 runes, 2,400 bytes
	cases := []struct {
		name, in string
		runes    int
	}{
		{"short", "  former colleague ", len("former colleague")},
		{"ascii long", strings.Repeat("a", 600), 500},
		{"chinese long", zh, 500},
		{"chinese exact", zh[:500*3], 500},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := conflictNote(c.in)
			if !utf8.ValidString(got) {
				t.Fatalf("cut mid-character: %q", got[len(got)-4:])
			}
			if n := utf8.RuneCountInString(got); n != c.runes {
				t.Fatalf("%d runes, want %d", n, c.runes)
			}
		})
	}
}

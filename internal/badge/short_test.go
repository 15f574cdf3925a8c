package badge

import "testing"

func TestShortCode(t *testing.T) {
	key, other := ShortKey([]byte("seed one")), ShortKey([]byte("seed two"))
	for id := range uint32(300) {
		c := ShortCode(key, id)
		b := []byte(c)
		for _, ch := range []byte("0123456789ABCDEFGHJKMNPQRSTVWXYZ") {
			if ch == c[16] {
				continue
			}
			b[16] = ch
			if got, ok := ParseShortCode(key, string(b)); ok {
				t.Fatalf("%q (last character changed) read as badge %d", b, got)
			}
		}
	}
	for _, id := range []uint32{1, 42, 3500, 1<<32 - 1} {
		c := ShortCode(key, id)
		if len(c) != 17 || c[5] != '-' || c[11] != '-' {
			t.Fatalf("ShortCode(%d) = %q", id, c)
		}
		for _, typed := range []string{c, " " + c + " ", lower(c), c[:5] + c[6:11] + c[12:]} {
			if got, ok := ParseShortCode(key, typed); !ok || got != id {
				t.Fatalf("ParseShortCode(%q) = %d, %v; want %d", typed, got, ok, id)
			}
		}
		if _, ok := ParseShortCode(other, c); ok {
			t.Fatalf("%q holds under another key", c)
		}
		// One character changed anywhere: refused.
		for i := range c {
			if c[i] == '-' {
				continue
			}
			b := []byte(c)
			b[i] = map[bool]byte{true: '2', false: '3'}[b[i] != '2']
			if got, ok := ParseShortCode(key, string(b)); ok {
				t.Fatalf("%q (changed at %d) read as badge %d", b, i, got)
			}
		}
	}
	for _, s := range []string{"", "ABCDE", "not a code at all", "AAAAA-AAAAA-AAAA!", "AbazTRFwAAAAEAAAALAAAAAEBaxN"} {
		if LooksShort(s) && len(s) != 15 && len(s) != 17 {
			t.Errorf("LooksShort(%q)", s)
		}
		if _, ok := ParseShortCode(key, s); ok {
			t.Errorf("ParseShortCode(%q) accepted", s)
		}
	}
	// Letters people confuse read as the digits they look like.
	c := ShortCode(key, 7)
	typed := []byte(c)
	for i, ch := range typed {
		switch ch {
		case '0':
			typed[i] = 'O'
		case '1':
			typed[i] = 'l'
		}
	}
	if got, ok := ParseShortCode(key, string(typed)); !ok || got != 7 {
		t.Fatalf("typed %q: %d %v", typed, got, ok)
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

package i18n

import "testing"

// TestCatalogsAgree fails when a key is missing in one language, or a
// message is empty, or the two disagree on format verbs.
func TestCatalogsAgree(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"zh", "en"} {
		for _, b := range []string{"zh", "en"} {
			for k, v := range c[a] {
				w, ok := c[b][k]
				if !ok {
					t.Errorf("key %q is in %s but not in %s", k, a, b)
					continue
				}
				if v == "" {
					t.Errorf("%s: %q is empty", a, k)
				}
				if verbs(v) != verbs(w) {
					t.Errorf("%q: %s has verbs %q, %s has %q", k, a, verbs(v), b, verbs(w))
				}
			}
		}
	}
}

func verbs(s string) string {
	out := ""
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			out += s[i : i+2]
			i++
		}
	}
	return out
}

func TestFromAcceptLanguage(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "zh"}, {"en-US,en;q=0.9", "en"}, {"zh-CN,zh;q=0.9,en;q=0.8", "zh"},
		{"fr-FR, en;q=0.5", "en"}, {"de", "zh"}, {"EN", "en"},
	} {
		if got := FromAcceptLanguage(c.in); got != c.want {
			t.Errorf("FromAcceptLanguage(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

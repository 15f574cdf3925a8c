package i18n

import "testing"

// TestCatalogsAgree fails when a core key is missing in one language, or a
// message is empty, or the two disagree on format verbs (the web package's
// contract test checks the areas' parts the same way).
func TestCatalogsAgree(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Disagreements() {
		t.Error(d)
	}
	if len(c["en"]) < 100 {
		t.Fatalf("only %d keys loaded", len(c["en"]))
	}
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

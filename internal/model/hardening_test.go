package model

import (
	"strings"
	"testing"
)

// TestInvisibleNamesRefused: a name made only of zero-width, bidi or other
// invisible characters is no name (issue 11, item 11).
func TestInvisibleNamesRefused(t *testing.T) {
	for _, name := range []string{"\u200b", "\u200b\u200c\u200d", "\u202e\u202d", "\ufeff", "\u2066\u2069", "\u3164", " \u00a0\u200b "} {
		r := &Registration{Email: "a@b.example", Name: name, Password: "0123456789", Role: RoleTalent}
		if FieldsOf(r.Validate())["name"] == "" {
			t.Errorf("registration name %q accepted", name)
		}
		o := &Organization{Kind: OrgEnterprise, Name: name}
		if FieldsOf(o.Validate())["name"] == "" {
			t.Errorf("organization name %q accepted", name)
		}
	}
	o := &Organization{Kind: OrgEnterprise, Name: "Acme\u202egpj.exe"}
	if FieldsOf(o.Validate())["name"] != "err.text" {
		t.Error("bidi override in a name accepted")
	}
	for _, name := range []string{"李雷", "محمد", "Zoë", "O'Brien"} {
		r := &Registration{Email: "a@b.example", Name: name, Password: "0123456789", Role: RoleTalent}
		if err := r.Validate(); err != nil {
			t.Errorf("name %q refused: %v", name, err)
		}
	}
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"cv.pdf":                 "cv.pdf",
		"CV.PDF":                 "CV.pdf",
		"cv.pdf.html":            "cv_pdf_html.pdf",
		"简历 李雷.pdf":              "简历 李雷.pdf",
		"\u202egpj.exe":          "gpj_exe.pdf",
		"a\u200bb\u200d.pdf":     "ab.pdf",
		"../../etc/passwd":       "passwd.pdf",
		`C:\Users\x\cv.pdf`:      "cv.pdf",
		"\u200b.pdf":             "cv-7.pdf",
		"a\"b;c\r\nd%0a.pdf":     "abcd0a.pdf",
		strings.Repeat("x", 500): strings.Repeat("x", 121) + ".pdf",
	} {
		if got := SafeFileName(in, ".pdf", "cv-7.pdf"); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

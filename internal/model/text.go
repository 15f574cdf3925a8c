package model

import (
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

func requireText(p Problems, field, v string, max int) {
	if !Visible(v) {
		// Empty, blank, or made only of zero-width, bidi-control or other
		// invisible characters: a name no one can read or tell apart.
		p.Add(field, "err.required")
		return
	}
	if hasBidiControl(v) {
		p.Add(field, "err.text")
		return
	}
	optionalText(p, field, v, max)
}

// invisible are characters that show nothing though Unicode does not call
// them format characters: Hangul fillers and the blank braille pattern.
var invisible = map[rune]bool{0x115F: true, 0x1160: true, 0x3164: true, 0xFFA0: true, 0x2800: true, 0x034F: true}

// Visible reports whether s holds at least one character that shows:
// not a space, not a control, not a format character (zero-width space
// and joiners, bidi marks and overrides, the byte-order mark, …).
func Visible(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) && !invisible[r] && r != utf8.RuneError {
			return true
		}
	}
	return false
}

// hasBidiControl reports the explicit bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069), which reorder the text around
// them: "gpj.exe" shown as "exe.jpg". Right-to-left names need none.
func hasBidiControl(s string) bool {
	for _, r := range s {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return true
		}
	}
	return false
}

// SafeFileName is a download's file name made safe to offer: path parts,
// controls, format characters (bidi overrides, zero-width) and characters
// file systems refuse are dropped, dots inside the name become "_" so the
// only extension is ext (a "cv.pdf.html" upload is offered as
// "cv_pdf_html.pdf"), and an empty result is fallback.
func SafeFileName(name, ext, fallback string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if strings.HasSuffix(strings.ToLower(name), ext) {
		name = name[:len(name)-len(ext)]
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r), invisible[r]:
		case strings.ContainsRune(`<>:"|?*;%`, r):
		case r == '.':
			b.WriteRune('_')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
		if b.Len() > 120 {
			break
		}
	}
	base := strings.Trim(b.String(), " _")
	if base == "" {
		return fallback
	}
	return base + ext
}

func optionalText(p Problems, field, v string, max int) {
	if !utf8.ValidString(v) {
		p.Add(field, "err.encoding")
	} else if utf8.RuneCountInString(v) > max {
		p.Add(field, "err.too_long")
	} else if strings.ContainsAny(v, "\x00") {
		p.Add(field, "err.encoding")
	}
}

func validZone(p Problems, field, tz string) {
	if tz == "" {
		p.Add(field, "err.required")
		return
	}
	if _, err := time.LoadLocation(tz); err != nil || tz == "Local" {
		p.Add(field, "err.time_zone")
	}
}

func validSlug(s string) bool {
	if len(s) < 2 || len(s) > 60 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// NormalizeEmail trims and lower-cases an address; ok is false when it is not one.
func NormalizeEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return s, false
	}
	return s, true
}

// CleanList trims, drops empties and duplicates, keeping order.
func CleanList(in []string) []string {
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

// SplitList splits a comma-separated form field (ASCII or Chinese commas).
func SplitList(s string) []string {
	return CleanList(strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '\n'
	}))
}

func listProblems(p Problems, field string, l []string, maxItems, maxLen int) {
	if len(l) > maxItems {
		p.Add(field, "err.too_many_items")
	}
	for _, s := range l {
		optionalText(p, field, s, maxLen)
	}
}

package model

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

func requireText(p Problems, field, v string, max int) {
	if strings.TrimSpace(v) == "" {
		p.Add(field, "err.required")
		return
	}
	optionalText(p, field, v, max)
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

// Package i18n holds Convene's message catalogs (Chinese and English) and
// picks a locale for a request. Templates and error messages name keys;
// the words live only in the catalogs.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed catalogs
var files embed.FS

// Default is the locale for visitors who state no preference: the
// convention is in Guangzhou.
const Default = "zh"

// Catalog maps locale → key → message.
type Catalog map[string]map[string]string

// Load parses the core catalogs (catalogs/<locale>/*.json: messages every
// area uses) and each area's part (an fs.FS holding zh.json and en.json,
// kept beside the area's code). A key defined twice is an error.
func Load(parts ...fs.FS) (Catalog, error) {
	c := Catalog{}
	for _, loc := range []string{"zh", "en"} {
		m := map[string]string{}
		add := func(fsys fs.FS, p string) error {
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return fmt.Errorf("catalog %s: %w", p, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return fmt.Errorf("catalog %s: key %q defined twice", p, k)
				}
				m[k] = v
			}
			return nil
		}
		paths, err := fs.Glob(files, "catalogs/"+loc+"/*.json")
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			if err := add(files, p); err != nil {
				return nil, err
			}
		}
		for _, part := range parts {
			if err := add(part, loc+".json"); err != nil {
				return nil, err
			}
		}
		c[loc] = m
	}
	return c, nil
}

// Disagreements lists what is wrong between the languages: a key missing in
// one, an empty message, or format verbs that differ.
func (c Catalog) Disagreements() []string {
	var out []string
	for _, a := range []string{"zh", "en"} {
		for _, b := range []string{"zh", "en"} {
			for k, v := range c[a] {
				w, ok := c[b][k]
				if !ok {
					out = append(out, fmt.Sprintf("key %q is in %s but not in %s", k, a, b))
					continue
				}
				if v == "" {
					out = append(out, fmt.Sprintf("%s: %q is empty", a, k))
				}
				if verbs(v) != verbs(w) {
					out = append(out, fmt.Sprintf("%q: %s has verbs %q, %s has %q", k, a, verbs(v), b, verbs(w)))
				}
			}
		}
	}
	sort.Strings(out)
	return out
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

// T translates key, formatting args into the message with fmt verbs. A
// missing key shows the key itself, so it is visible and the catalog test
// catches it.
func (c Catalog) T(locale, key string, args ...any) string {
	m, ok := c[locale]
	if !ok {
		m = c[Default]
	}
	s, ok := m[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key exists in every locale.
func (c Catalog) Has(key string) bool {
	for _, m := range c {
		if _, ok := m[key]; !ok {
			return false
		}
	}
	return true
}

// Keys lists the keys of one locale, sorted.
func (c Catalog) Keys(locale string) []string {
	keys := make([]string, 0, len(c[locale]))
	for k := range c[locale] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// FromAcceptLanguage picks zh or en from an Accept-Language header, in the
// order the browser prefers; unknown languages fall to Default.
func FromAcceptLanguage(h string) string {
	for _, part := range strings.Split(h, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "zh"):
			return "zh"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return Default
}

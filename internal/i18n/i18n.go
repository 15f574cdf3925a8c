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

// Load parses the embedded catalogs.
func Load() (Catalog, error) {
	c := Catalog{}
	// Each area of the product keeps its own file per locale
	// (catalogs/zh/fairs.json, ...); a key defined twice is an error.
	for _, loc := range []string{"zh", "en"} {
		paths, err := fs.Glob(files, "catalogs/"+loc+"/*.json")
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for _, p := range paths {
			b, err := files.ReadFile(p)
			if err != nil {
				return nil, err
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("catalog %s: %w", p, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("catalog %s: key %q defined twice", p, k)
				}
				m[k] = v
			}
		}
		c[loc] = m
	}
	return c, nil
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

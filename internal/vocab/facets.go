package vocab

import (
	"cmp"
	"slices"
	"strings"
)

// Count is how many records carry one stored spelling.
type Count struct {
	Value string
	N     int
}

// Facet is one entry of a filter: every spelling of one value, counted
// once. Key is what the filter sends back; Spellings are the stored
// values it stands for.
type Facet struct {
	Key       string
	Label     string
	N         int
	Spellings []string
}

// Group folds stored spellings into one facet per key: a known value under
// its label in lang, an unknown one under its most common spelling. Most
// frequent first, then by label.
func (k Kind) Group(lang string, counts []Count) []Facet {
	var out []Facet
	at := map[string]int{}
	top := map[string]int{} // key → count of the spelling shown
	for _, c := range counts {
		key := k.Key(c.Value)
		if key == "" {
			continue
		}
		i, seen := at[key]
		if !seen {
			i = len(out)
			at[key] = i
			out = append(out, Facet{Key: key, Label: k.Label(lang, c.Value)})
		}
		f := &out[i]
		f.N += c.N
		f.Spellings = append(f.Spellings, c.Value)
		if _, known := k.Lookup(c.Value); !known && c.N > top[key] {
			f.Label, top[key] = strings.TrimSpace(c.Value), c.N
		}
	}
	slices.SortStableFunc(out, func(a, b Facet) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// Spellings is what a filter on typed text s matches: s, the term's two
// labels when the vocabulary knows it, and the stored values among counts
// with s's key ("广州市", "Canton"). Nil for blank text.
func (k Kind) Spellings(s string, counts []Count) []string {
	key := k.Key(s)
	if key == "" {
		return nil
	}
	out := []string{strings.TrimSpace(s)}
	add := func(v string) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if t, ok := k.Lookup(s); ok {
		add(t.EN)
		add(t.ZH)
	}
	for _, c := range counts {
		if k.Key(c.Value) == key {
			add(c.Value)
		}
	}
	return out
}

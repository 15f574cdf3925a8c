// Package vocab is the one vocabulary of places, industries and
// disciplines as people read it: whatever a user or an import typed ("广州市",
// "Canton", "guangzhou") has a canonical key and a label in the reader's
// language. It wraps the matching engine's tables (cities, fields,
// disciplines and their synonyms) and the chart's provinces, so a filter, a
// page and the engine agree on what is the same place or industry. Pure:
// no I/O.
package vocab

import (
	"strings"

	"github.com/convene/convene/internal/chart"
	"github.com/convene/convene/internal/match"
)

// Kind is one list of the vocabulary.
type Kind int

// The kinds of value the vocabulary knows.
const (
	City Kind = iota
	Industry
	Discipline
	Province
	Skill
)

// Term is one known value: its canonical key and its labels.
type Term struct {
	Key    string
	EN, ZH string
}

// Label is the term's name in lang ("zh", else English).
func (t Term) Label(lang string) string {
	if lang == "zh" {
		return t.ZH
	}
	return t.EN
}

// tables, built once: key → term, per kind, and the terms in the
// vocabulary's order.
var (
	cities      = map[string]Term{}
	industries  = map[string]Term{}
	disciplines = map[string]Term{}
	skills      = map[string]Term{}
	ordered     = map[Kind][]Term{}
)

func init() {
	for _, c := range match.Cities() {
		cities[c.Key] = Term{c.Key, c.EN, c.ZH}
		ordered[City] = append(ordered[City], cities[c.Key])
	}
	for _, f := range match.Fields() {
		industries[string(f.Field)] = Term{string(f.Field), f.EN, f.ZH}
		ordered[Industry] = append(ordered[Industry], industries[string(f.Field)])
	}
	for _, d := range match.Disciplines() {
		disciplines[d.Key] = Term{d.Key, d.EN, d.ZH}
		ordered[Discipline] = append(ordered[Discipline], disciplines[d.Key])
	}
	for _, d := range chart.Divisions() {
		ordered[Province] = append(ordered[Province], Term{d.Code, d.EN, d.ZH})
	}
	for _, sk := range match.Vocabulary() {
		skills[sk.Key] = Term{sk.Key, sk.EN, sk.ZH}
		ordered[Skill] = append(ordered[Skill], skills[sk.Key])
	}
}

// Labels are the kind's terms in lang, in the vocabulary's order: what a
// form offers as people type.
func (k Kind) Labels(lang string) []string {
	out := make([]string, len(ordered[k]))
	for i, t := range ordered[k] {
		out[i] = t.Label(lang)
	}
	return out
}

// Lookup finds the term a typed value denotes, in either language and any
// synonym the vocabulary knows.
func (k Kind) Lookup(s string) (Term, bool) {
	if strings.TrimSpace(s) == "" {
		return Term{}, false
	}
	var t Term
	var ok bool
	switch k {
	case City:
		t, ok = cities[match.CanonicalCity(s)]
	case Industry:
		var f match.Field
		if f, ok = match.IndustryField(s); ok {
			t = industries[string(f)]
		}
	case Discipline:
		var key string
		if key, ok = match.CanonicalDiscipline(s); ok {
			t = disciplines[key]
		}
	case Province:
		var d chart.Division
		if d, ok = chart.Province(s); ok {
			t = Term{d.Code, d.EN, d.ZH}
		}
	case Skill:
		// by key: match.LookupSkill misses keys with an underscore
		// ("machine_learning" folds to "machine learning")
		t, ok = skills[match.CanonicalSkill(s)]
	}
	return t, ok
}

// Key is the value's grouping key: the term's key when the vocabulary knows
// it, otherwise the folded text, so "Foshan" and "foshan " are still one
// value. "" for blank text.
func (k Kind) Key(s string) string {
	if t, ok := k.Lookup(s); ok {
		return t.Key
	}
	switch k {
	case City:
		return match.CanonicalCity(s) // also drops a trailing 市 or "city"
	case Skill:
		return match.CanonicalSkill(s)
	}
	return match.FoldText(s)
}

// Label is the value as a reader of lang sees it: the term's label when
// known, otherwise the text as typed.
func (k Kind) Label(lang, s string) string {
	if t, ok := k.Lookup(s); ok {
		return t.Label(lang)
	}
	return strings.TrimSpace(s)
}

// LabelAll is Label over a list, in a new slice.
func (k Kind) LabelAll(lang string, l []string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = k.Label(lang, s)
	}
	return out
}

// Unknown reports typed text the vocabulary does not know (blank text is
// not unknown: it is no value).
func (k Kind) Unknown(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	_, ok := k.Lookup(s)
	return !ok
}

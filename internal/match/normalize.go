package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// edgePunct is trimmed from both ends: list punctuation people type around
// a skill in either language. '.', '+' and '#' stay (".net", "c++", "c#").
const edgePunct = " ,;:!?\"'，；：。、！？“”‘’"

// foldText is the text normalization under every vocabulary: it drops
// invalid UTF-8 and control characters, maps full-width forms to ASCII,
// folds case, turns separators into spaces, collapses spaces and trims
// punctuation at the ends. It is idempotent; the fuzz test checks it.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			continue
		}
		r = foldRune(r)
		switch {
		case r < 0:
			continue
		case r == ' ':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), edgePunct)
}

// foldRune maps one rune to its normalized form: ' ' for any separator, -1
// to drop it.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r == '-' || r == '_' || r == '/' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return ' '
		case r < ' ' || r == 0x7f:
			return -1
		}
		return r
	}
	switch {
	case r == 0x3000: // ideographic space
		return ' '
	case 0xff01 <= r && r <= 0xff5e: // full-width ASCII
		return foldRune(r - 0xfee0)
	case r == 0xb7 || r == 0x30fb || r == 0x2010 || r == 0x2013 || r == 0x2014 || r == 0xff0f:
		return ' ' // middle dots and dashes join words like '-' does
	case unicode.IsSpace(r):
		return ' '
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
		return -1
	}
	return foldCase(r)
}

// foldCase picks one representative of r's case class: the lower case of
// the smallest member of the folding orbit of its upper case. Starting from
// the upper case joins runes the orbits alone keep apart (dotless ı upper-
// cases to I), so every case variant folds to the same rune.
func foldCase(r rune) rune {
	u := unicode.ToUpper(r)
	m := u
	for f := unicode.SimpleFold(u); f != u; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	l := unicode.ToLower(m)
	if l < utf8.RuneSelf {
		return foldRune(l)
	}
	return l
}

// alias tables, built once from the vocabularies: folded spelling → index.
var (
	skillAlias      = map[string]int32{}
	disciplineAlias = map[string]int{}
	industryAlias   = map[string]int{}
	languageAlias   = map[string]string{}
	cityAlias       = map[string]string{}
)

func init() {
	for i, s := range vocabulary {
		for _, a := range append([]string{s.Key, s.EN, s.ZH}, s.Aliases...) {
			skillAlias[foldText(a)] = int32(i)
		}
	}
	for i, d := range disciplines {
		for _, a := range append([]string{d.Key, d.EN, d.ZH}, d.Aliases...) {
			disciplineAlias[foldText(a)] = i
		}
	}
	for i, f := range fieldTable {
		for _, a := range append([]string{string(f.Field), f.EN, f.ZH}, f.Aliases...) {
			industryAlias[foldText(a)] = i
		}
	}
	for _, l := range languages {
		for _, a := range append([]string{l.Code, l.EN, l.ZH}, l.Aliases...) {
			languageAlias[foldText(a)] = l.Code
		}
	}
	for _, c := range cities {
		for _, a := range append([]string{c.Key, c.EN, c.ZH}, c.Aliases...) {
			cityAlias[foldText(a)] = c.Key
		}
	}
}

// CanonicalSkill returns the canonical form of a free-text skill: the
// vocabulary key when the text is a known spelling ("ML", "机器学习" and
// "Machine Learning" all give "machine_learning"), otherwise the folded text,
// so two unknown skills still match when spelled alike. "" means no skill.
func CanonicalSkill(s string) string {
	if i, ok := skillAlias[s]; ok {
		return vocabulary[i].Key
	}
	f := foldText(s)
	if i, ok := skillAlias[f]; ok {
		return vocabulary[i].Key
	}
	return f
}

// CanonicalSkills canonicalizes a list, dropping empties and duplicates and
// keeping first-seen order.
func CanonicalSkills(skills []string) []string {
	out := make([]string, 0, len(skills))
	for _, s := range skills {
		c := CanonicalSkill(s)
		if c != "" && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// LookupSkill returns the vocabulary entry of a canonical key or any
// spelling of it, for showing labels next to explanation keys.
func LookupSkill(s string) (Skill, bool) {
	i, ok := skillAlias[s]
	if !ok {
		i, ok = skillAlias[foldText(s)] // a key's own "_" folds to a space
	}
	if !ok {
		return Skill{}, false
	}
	return vocabulary[i], true
}

// CanonicalDiscipline returns the key of a recognized discipline.
func CanonicalDiscipline(s string) (string, bool) {
	i := disciplineIndex(s)
	if i < 0 {
		return "", false
	}
	return disciplines[i].Key, true
}

func disciplineIndex(s string) int {
	if i, ok := disciplineAlias[foldText(s)]; ok {
		return i
	}
	return -1
}

func industryField(s string) int {
	if i, ok := industryAlias[foldText(s)]; ok {
		return i
	}
	return -1
}

// CanonicalLanguage returns the ISO 639-1 code of a known language name
// ("中文", "Mandarin" → "zh"), otherwise the folded text.
func CanonicalLanguage(s string) string {
	f := foldText(s)
	if c, ok := languageAlias[f]; ok {
		return c
	}
	return f
}

// CanonicalCity returns the pinyin key of a known city ("北京市", "Peking" →
// "beijing"), otherwise the folded text without a trailing "市" or "city".
func CanonicalCity(s string) string {
	f := foldText(s)
	if c, ok := cityAlias[f]; ok {
		return c
	}
	for _, suffix := range []string{"市", " city"} {
		if t, ok := strings.CutSuffix(f, suffix); ok && t != "" {
			t = strings.Trim(t, edgePunct)
			if c, ok := cityAlias[t]; ok {
				return c
			}
			if t != "" {
				return t
			}
		}
	}
	return f
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FoldText is the normalization under every vocabulary (case, width,
// separators, edge punctuation folded): two spellings that fold alike are
// one value. Callers group free text the vocabularies do not know by it.
func FoldText(s string) string { return foldText(s) }

package match

import (
	"slices"
	"strings"
)

// MaxSkills bounds the distinct skills used per talent or post; the scan
// counts shared skills in a byte. Beyond it the skills kept are those whose
// canonical keys sort first, so every index and the brute force keep the
// same ones whatever order their ids were handed out in.
const MaxSkills = 255

// maxYears clamps years of experience so arithmetic on them cannot overflow.
const maxYears = 80

// tfeat is a talent compiled for scoring: interned, sorted, clamped. What
// scoring reads comes first, so scoring a talent touches one cache line
// (the first preferred cities are copied inline for the same reason).
type tfeat struct {
	langMask uint32 // languages with id < 32, for a one-instruction subset test
	exp      int32
	langPts  int32 // language points against a post that lists no language
	ncity    int32
	city     [3]int32 // the first preferred cities
	disc     int16    // discipline index, -1 when unrecognized
	degree   Degree
	intent   Intent
	skills   []int32 // sorted distinct skill ids
	langs    []int32 // sorted distinct language ids
	cities   []int32 // preferred city ids; empty means any
}

// pfeat is the part of a compiled post the scoring loop reads: 16 bytes, so
// the posts of a convention stay in a core's cache. The rest is in pcold.
type pfeat struct {
	langMask  uint32 // required languages with id < 32
	city      int32  // -1 when empty
	minExp    uint8
	np        uint8 // number of required skills
	field     int8  // field index, -1 when unrecognized
	minDegree Degree
	flags     uint8
}

// pfeat flags.
const (
	pfOpen     = 1 << iota
	pfLangs    // lists required languages
	pfLangSlow // requires a language id ≥ 32: check pcold.langs
)

func (p *pfeat) open() bool { return p.flags&pfOpen != 0 }

// pcold is the rest of a compiled post.
type pcold struct {
	skills    []int32 // sorted distinct required skill ids
	langs     []int32 // sorted distinct required language ids
	headcount int32
}

func (sy *symbols) compileTalent(t *Talent) tfeat {
	f := tfeat{
		skills: sy.skillIDs(t.Skills),
		disc:   int16(disciplineIndex(t.Discipline)),
		degree: clampDegree(t.Degree),
		intent: t.IntentChina,
		exp:    int32(min(max(t.YearsExperience, 0), maxYears)),
	}
	if f.intent < IntentUndecided || f.intent > IntentNo {
		f.intent = IntentUndecided
	}
	f.langs, f.langMask, _ = sy.langIDs(t.Languages)
	for _, c := range t.PreferredCities {
		if c = CanonicalCity(c); c != "" {
			id := sy.cities.id(c)
			if !slices.Contains(f.cities, id) {
				f.cities = append(f.cities, id)
			}
		}
	}
	f.ncity = int32(len(f.cities))
	copy(f.city[:], f.cities)
	f.langPts = languagePoints(f.langs, false)
	return f
}

func (sy *symbols) compilePost(p *Post) (pfeat, pcold) {
	f := pfeat{
		field:     int8(industryField(p.Industry)),
		minDegree: clampDegree(p.MinDegree),
		minExp:    uint8(min(max(p.MinExperience, 0), maxYears)),
		city:      -1,
	}
	c := pcold{skills: sy.skillIDs(p.Skills), headcount: int32(min(max(p.Headcount, 1), 1<<20))}
	f.np = uint8(len(c.skills))
	var slow bool
	c.langs, f.langMask, slow = sy.langIDs(p.Languages)
	if p.Open {
		f.flags |= pfOpen
	}
	if len(c.langs) > 0 {
		f.flags |= pfLangs
	}
	if slow {
		f.flags |= pfLangSlow
	}
	if city := CanonicalCity(p.City); city != "" {
		f.city = sy.cities.id(city)
	}
	return f, c
}

func clampDegree(d Degree) Degree {
	return min(max(d, DegreeNone), DegreePhD)
}

func (sy *symbols) skillIDs(raw []string) []int32 {
	ids := make([]int32, 0, len(raw))
	for _, s := range raw {
		if id := sy.skill(s); id >= 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > MaxSkills {
		// Ids follow the order skills were first seen, which differs between
		// indexes: choose by canonical key instead (issue 20).
		slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(sy.skills.names[a], sy.skills.names[b]) })
		ids = ids[:MaxSkills]
		slices.Sort(ids)
	}
	return slices.Clip(ids)
}

func (sy *symbols) langIDs(raw []string) (ids []int32, mask uint32, slow bool) {
	for _, s := range raw {
		if c := CanonicalLanguage(s); c != "" {
			ids = append(ids, sy.langs.id(c))
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		if id < 32 {
			mask |= 1 << id
		} else {
			slow = true
		}
	}
	return ids, mask, slow
}

// hasLanguages reports whether the talent speaks every language the post
// requires. pc is read only for language ids beyond the mask.
func (t *tfeat) hasLanguages(p *pfeat, pc *pcold) bool {
	if p.langMask&^t.langMask != 0 {
		return false
	}
	return p.flags&pfLangSlow == 0 || subset(pc.langs, t.langs)
}

// subset reports whether sorted a ⊆ sorted b.
func subset(a, b []int32) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			return false
		}
	}
	return true
}

// shared counts the common elements of two sorted slices.
func shared(a, b []int32) int32 {
	n, i, j := int32(0), 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

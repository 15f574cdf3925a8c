package match

import "slices"

// MaxSkills bounds the distinct skills used per talent or post; the scan
// counts shared skills in a byte. Further skills are ignored.
const MaxSkills = 255

// maxYears clamps years of experience so arithmetic on them cannot overflow.
const maxYears = 80

// tfeat is a talent compiled for scoring: interned, sorted, clamped.
type tfeat struct {
	skills   []int32 // sorted distinct skill ids
	langs    []int32 // sorted distinct language ids
	cities   []int32 // preferred city ids; empty means any
	langMask uint64  // languages with id < 64, for a one-instruction subset test
	exp      int32
	disc     int16 // discipline index, -1 when unrecognized
	degree   Degree
	intent   Intent
	langPts  int32 // language points against a post that lists no language
}

// pfeat is a post compiled for scoring. It holds only what the hot loop
// reads, so a post fits one cache line; the skills live in pskills.
type pfeat struct {
	id        int64
	langMask  uint64
	langs     []int32 // sorted distinct required language ids
	city      int32   // -1 when empty
	minExp    int32
	np        int32 // number of required skills
	headcount int32
	field     int8 // field index, -1 when unrecognized
	minDegree Degree
	langSlow  bool // requires a language id >= 64: check langs
	open      bool
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
	f.langPts = languagePoints(f.langs, false)
	return f
}

func (sy *symbols) compilePost(p *Post) (pfeat, []int32) {
	f := pfeat{
		id:        p.ID,
		field:     int8(industryField(p.Industry)),
		minDegree: clampDegree(p.MinDegree),
		minExp:    int32(min(max(p.MinExperience, 0), maxYears)),
		city:      -1,
		headcount: int32(min(max(p.Headcount, 1), 1<<20)),
		open:      p.Open,
	}
	skills := sy.skillIDs(p.Skills)
	f.np = int32(len(skills))
	f.langs, f.langMask, f.langSlow = sy.langIDs(p.Languages)
	if c := CanonicalCity(p.City); c != "" {
		f.city = sy.cities.id(c)
	}
	return f, skills
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
		ids = ids[:MaxSkills]
	}
	return slices.Clip(ids)
}

func (sy *symbols) langIDs(raw []string) (ids []int32, mask uint64, slow bool) {
	for _, s := range raw {
		if c := CanonicalLanguage(s); c != "" {
			ids = append(ids, sy.langs.id(c))
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		if id < 64 {
			mask |= 1 << id
		} else {
			slow = true
		}
	}
	return ids, mask, slow
}

// hasLanguages reports whether the talent speaks every language the post requires.
func (t *tfeat) hasLanguages(p *pfeat) bool {
	if p.langMask&^t.langMask != 0 {
		return false
	}
	return !p.langSlow || subset(p.langs, t.langs)
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

package match

// intern gives dense int32 ids to strings, so the hot loops compare and
// index integers instead of strings.
type intern struct {
	ids   map[string]int32
	names []string
}

func newIntern(seed []string) intern {
	in := intern{ids: make(map[string]int32, len(seed))}
	for _, s := range seed {
		in.id(s)
	}
	return in
}

func (in *intern) id(s string) int32 {
	if i, ok := in.ids[s]; ok {
		return i
	}
	i := int32(len(in.names))
	in.ids[s] = i
	in.names = append(in.names, s)
	return i
}

// symbols holds the interned skills, languages and cities of one index.
// Vocabulary skills and known languages are seeded first, so their ids are
// the same in every index; spellings outside the vocabularies get ids as they
// come and keep them for the life of the index.
type symbols struct {
	skills, langs, cities intern
	raw                   map[string]int32 // raw skill spelling → id, to skip re-normalizing
}

// maxRawCache bounds the raw-spelling cache, which adversarial input could
// otherwise grow without limit.
const maxRawCache = 1 << 16

func newSymbols() *symbols {
	keys := make([]string, len(vocabulary))
	for i, s := range vocabulary {
		keys[i] = s.Key
	}
	codes := make([]string, len(languages))
	for i, l := range languages {
		codes[i] = l.Code
	}
	return &symbols{
		skills: newIntern(keys),
		langs:  newIntern(codes),
		cities: newIntern(nil),
		raw:    make(map[string]int32),
	}
}

// skill returns the id of a raw spelling, or -1 when it normalizes to nothing.
func (sy *symbols) skill(raw string) int32 {
	if i, ok := sy.raw[raw]; ok {
		return i
	}
	c := CanonicalSkill(raw)
	i := int32(-1)
	if c != "" {
		i = sy.skills.id(c)
	}
	if len(sy.raw) < maxRawCache {
		sy.raw[raw] = i
	}
	return i
}

package vocab_test

import (
	"slices"
	"testing"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/vocab"
)

func TestLookup(t *testing.T) {
	cases := []struct {
		kind        vocab.Kind
		in          string
		key, zh, en string
		known       bool
	}{
		{vocab.City, "广州", "guangzhou", "广州", "Guangzhou", true},
		{vocab.City, " GUANGZHOU ", "guangzhou", "广州", "Guangzhou", true},
		{vocab.City, "广州市", "guangzhou", "广州", "Guangzhou", true},
		{vocab.City, "Canton", "guangzhou", "广州", "Guangzhou", true},
		{vocab.City, "Guangzhou City", "guangzhou", "广州", "Guangzhou", true},
		{vocab.City, "佛山市", "佛山", "佛山市", "佛山市", false},
		{vocab.Industry, "智能制造", "intelligent_manufacturing", "智能制造", "Intelligent manufacturing", true},
		{vocab.Industry, "Intelligent Manufacturing", "intelligent_manufacturing", "智能制造", "Intelligent manufacturing", true},
		{vocab.Industry, "医药", "biomedicine", "生物医药", "Biomedicine", true},
		{vocab.Industry, "Basket Weaving", "basket weaving", "Basket Weaving", "Basket Weaving", false},
		{vocab.Discipline, "计算机科学与技术", "computer_science", "计算机科学与技术", "Computer science", true},
		{vocab.Province, "广东省", "GD", "广东省", "Guangdong", true},
		{vocab.Province, "Guangdong Province", "GD", "广东省", "Guangdong", true},
		{vocab.Skill, "PLC编程", "plc", "PLC编程", "PLC programming", true},
		{vocab.Skill, "ML", "machine_learning", "机器学习", "Machine learning", true},
		{vocab.Skill, "ROS", "ros", "ROS", "ROS", false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			_, known := c.kind.Lookup(c.in)
			if known != c.known || c.kind.Unknown(c.in) == c.known {
				t.Fatalf("known = %v, want %v", known, c.known)
			}
			if got := c.kind.Key(c.in); got != c.key {
				t.Fatalf("key = %q, want %q", got, c.key)
			}
			if got := c.kind.Label("zh", c.in); got != c.zh {
				t.Fatalf("zh label = %q, want %q", got, c.zh)
			}
			if got := c.kind.Label("en", c.in); got != c.en {
				t.Fatalf("en label = %q, want %q", got, c.en)
			}
		})
	}
	if vocab.City.Unknown("  ") || vocab.City.Key(" ") != "" {
		t.Fatal("blank text is a value")
	}
}

// TestEveryLabel checks the vocabulary round-trips: each known city,
// industry and discipline, by either label, has its key and both labels.
func TestEveryLabel(t *testing.T) {
	for _, c := range match.Cities() {
		for _, s := range append([]string{c.EN, c.ZH}, c.Aliases...) {
			if k := vocab.City.Key(s); k != c.Key || vocab.City.Label("zh", s) != c.ZH || vocab.City.Label("en", s) != c.EN {
				t.Fatalf("city %q → %q", s, k)
			}
		}
	}
	for _, f := range match.Fields() {
		for _, s := range append([]string{f.EN, f.ZH}, f.Aliases...) {
			if k := vocab.Industry.Key(s); k != string(f.Field) || vocab.Industry.Label("zh", s) != f.ZH {
				t.Fatalf("industry %q → %q", s, k)
			}
		}
	}
	for _, d := range match.Disciplines() {
		for _, s := range []string{d.EN, d.ZH} {
			if k := vocab.Discipline.Key(s); k != d.Key || vocab.Discipline.Label("en", s) != d.EN {
				t.Fatalf("discipline %q → %q", s, k)
			}
		}
	}
}

func TestGroup(t *testing.T) {
	counts := []vocab.Count{{"广州", 41}, {"Shenzhen", 30}, {"Guangzhou", 22}, {"foshan", 2}, {"Foshan", 5}, {"广州市", 1}, {"", 9}}
	want := func(lang string) []vocab.Facet {
		gz := "Guangzhou"
		sz := "Shenzhen"
		if lang == "zh" {
			gz, sz = "广州", "深圳"
		}
		return []vocab.Facet{
			{"guangzhou", gz, 64, []string{"广州", "Guangzhou", "广州市"}},
			{"shenzhen", sz, 30, []string{"Shenzhen"}},
			{"foshan", "Foshan", 7, []string{"foshan", "Foshan"}},
		}
	}
	for _, lang := range []string{"zh", "en"} {
		got := vocab.City.Group(lang, counts)
		if !slices.EqualFunc(got, want(lang), func(a, b vocab.Facet) bool {
			return a.Key == b.Key && a.Label == b.Label && a.N == b.N && slices.Equal(a.Spellings, b.Spellings)
		}) {
			t.Fatalf("%s: got %+v\nwant %+v", lang, got, want(lang))
		}
	}
}

func TestSpellings(t *testing.T) {
	counts := []vocab.Count{{"广州", 41}, {"Shenzhen", 30}, {"Guangzhou", 22}, {"Canton", 1}, {"Foshan", 5}}
	cases := []struct {
		in   string
		want []string
	}{
		{"guangzhou", []string{"guangzhou", "Guangzhou", "广州", "Canton"}},
		{"广州市", []string{"广州市", "Guangzhou", "广州", "Canton"}},
		{"FOSHAN", []string{"FOSHAN", "Foshan"}},
		{"Lhasa", []string{"Lhasa"}},
		{" ", nil},
	}
	for _, c := range cases {
		if got := vocab.City.Spellings(c.in, counts); !slices.Equal(got, c.want) {
			t.Fatalf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLabels(t *testing.T) {
	for _, k := range []vocab.Kind{vocab.City, vocab.Industry, vocab.Discipline, vocab.Province, vocab.Skill} {
		for _, lang := range []string{"zh", "en"} {
			l := k.Labels(lang)
			if len(l) == 0 {
				t.Fatalf("kind %d has no labels", k)
			}
			for _, s := range l {
				if k.Unknown(s) || k.Label(lang, s) != s {
					t.Fatalf("kind %d, %s: label %q does not read back", k, lang, s)
				}
			}
		}
	}
	if got := vocab.City.Labels("zh")[2]; got != "广州" {
		t.Fatalf("third city %q, want 广州", got)
	}
}

func TestLabelAll(t *testing.T) {
	got := vocab.Skill.LabelAll("en", []string{"PLC编程", "ROS", "机器学习"})
	if want := []string{"PLC programming", "ROS", "Machine learning"}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if vocab.Skill.LabelAll("en", nil) != nil {
		t.Fatal("nil list became a list")
	}
}

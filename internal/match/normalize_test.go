package match

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCanonicalSkill(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"机器学习", "machine_learning"},
		{"Machine Learning", "machine_learning"},
		{"ML", "machine_learning"},
		{"  machine-learning ", "machine_learning"},
		{"machine_learning", "machine_learning"},
		{"ＭＬ", "machine_learning"}, // full-width letters
		{"Go", "go"},
		{"Golang", "go"},
		{"GO语言", "go"},
		{"C++", "cpp"},
		{"人工智能", "artificial_intelligence"},
		{"AI", "artificial_intelligence"},
		{"深度学习，", "deep_learning"}, // trailing Chinese comma
		{"锂电池", "batteries"},
		{"CRISPR/Cas9", "gene_editing"},
		{"3D打印", "additive_manufacturing"},
		{"  Kubernetes  ", "kubernetes"}, // outside the vocabulary: folded text
		{"Rust   Programming", "rust programming"},
		{"\u200bgraphene", "graphene"}, // zero-width space dropped
		{"", ""},
		{" ，。 ", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := CanonicalSkill(tc.in); got != tc.want {
				t.Fatalf("CanonicalSkill(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCanonicalSkills(t *testing.T) {
	got := CanonicalSkills([]string{"Go", "golang", "", "ML", "机器学习", "rust"})
	want := []string{"go", "machine_learning", "rust"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// Every spelling in every vocabulary must mean one thing only.
func TestVocabulariesHaveNoConflicts(t *testing.T) {
	seen := map[string]string{}
	check := func(kind, owner string, spellings ...string) {
		for _, s := range spellings {
			f := kind + ":" + foldText(s)
			if foldText(s) == "" {
				t.Errorf("%s %s: spelling %q folds to nothing", kind, owner, s)
			}
			if prev, ok := seen[f]; ok && prev != owner {
				t.Errorf("%s spelling %q is both %s and %s", kind, s, prev, owner)
			}
			seen[f] = owner
		}
	}
	for _, s := range Vocabulary() {
		check("skill", s.Key, append([]string{s.Key, s.EN, s.ZH}, s.Aliases...)...)
		if fieldIndex(s.Field) < 0 {
			t.Errorf("skill %s: unknown field %q", s.Key, s.Field)
		}
		if CanonicalSkill(s.Key) != s.Key {
			t.Errorf("skill key %q is not canonical", s.Key)
		}
	}
	for _, d := range Disciplines() {
		check("discipline", d.Key, append([]string{d.Key, d.EN, d.ZH}, d.Aliases...)...)
	}
	for _, f := range Fields() {
		check("field", string(f.Field), append([]string{string(f.Field), f.EN, f.ZH}, f.Aliases...)...)
	}
	for _, l := range Languages() {
		check("language", l.Code, append([]string{l.Code, l.EN, l.ZH}, l.Aliases...)...)
	}
	for _, c := range Cities() {
		check("city", c.Key, append([]string{c.Key, c.EN, c.ZH}, c.Aliases...)...)
	}
}

func TestEveryFieldHasSkills(t *testing.T) {
	n := map[Field]int{}
	for _, s := range Vocabulary() {
		n[s.Field]++
	}
	for _, f := range Fields() {
		if n[f.Field] < 8 {
			t.Errorf("field %s has %d skills, want at least 8", f.Field, n[f.Field])
		}
	}
}

func TestDisciplineAffinity(t *testing.T) {
	for _, tc := range []struct {
		discipline, industry string
		want                 Affinity
	}{
		{"Computer Science", "电子信息", AffinityHigh},
		{"计算机科学与技术", "Electronic information", AffinityHigh},
		{"化学", "新材料", AffinityHigh},
		{"chemistry", "biomedicine", AffinityMedium},
		{"Biology", "finance", AffinityNone},
		{"MBA", "管理咨询", AffinityHigh},
		{"underwater basket weaving", "finance", AffinityUnknown},
		{"physics", "space tourism", AffinityUnknown},
	} {
		t.Run(tc.discipline+"/"+tc.industry, func(t *testing.T) {
			if got := DisciplineAffinity(tc.discipline, tc.industry); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCanonicalPlaces(t *testing.T) {
	for _, tc := range []struct {
		fn       func(string) string
		in, want string
	}{
		{CanonicalLanguage, "中文", "zh"},
		{CanonicalLanguage, "Mandarin", "zh"},
		{CanonicalLanguage, "英语", "en"},
		{CanonicalLanguage, "Klingon", "klingon"},
		{CanonicalCity, "北京市", "beijing"},
		{CanonicalCity, "Peking", "beijing"},
		{CanonicalCity, "Xi'an", "xian"},
		{CanonicalCity, "Suzhou City", "suzhou"},
		{CanonicalCity, "拉萨市", "拉萨"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := tc.fn(tc.in); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseCodes(t *testing.T) {
	for _, d := range []Degree{DegreeNone, DegreeBachelor, DegreeMaster, DegreePhD} {
		if got, ok := ParseDegree(d.String()); !ok || got != d {
			t.Fatalf("degree %v round trip: %v %v", d, got, ok)
		}
	}
	for _, i := range []Intent{IntentUndecided, IntentYes, IntentNo} {
		if got, ok := ParseIntent(i.String()); !ok || got != i {
			t.Fatalf("intent %v round trip: %v %v", i, got, ok)
		}
	}
	for _, c := range []Category{CategoryOverseas, CategoryHighSkilled, CategoryStudent} {
		if got, ok := ParseCategory(c.String()); !ok || got != c {
			t.Fatalf("category %v round trip: %v %v", c, got, ok)
		}
	}
	if _, ok := ParseDegree("doctorate"); ok {
		t.Fatal("ParseDegree accepted an unknown code")
	}
}

// FuzzCanonicalSkill checks the normalizer's promises on any input: no
// panic, valid UTF-8 out, idempotent, case-blind, and trimmed.
func FuzzCanonicalSkill(f *testing.F) {
	for _, s := range []string{"机器学习", "ML", " Go ", "C++", "ＭＬ", "crispr/cas9", "\xff\xfe", "ǅ", "ſ", "K", "İstanbul", "a\u200bb", "，。"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CanonicalSkill(s)
		if !utf8.ValidString(c) {
			t.Fatalf("CanonicalSkill(%q) = %q: invalid UTF-8", s, c)
		}
		if again := CanonicalSkill(c); again != c {
			t.Fatalf("not idempotent: %q → %q → %q", s, c, again)
		}
		if up := CanonicalSkill(strings.ToUpper(s)); up != c && utf8.ValidString(s) {
			t.Fatalf("case matters: %q → %q but upper %q → %q", s, c, strings.ToUpper(s), up)
		}
		if c != strings.TrimSpace(c) || strings.Contains(c, "  ") {
			t.Fatalf("CanonicalSkill(%q) = %q: untrimmed or doubled spaces", s, c)
		}
	})
}

// TestLookupSkillByKey: every entry is found by its own key, underscores
// included ("machine_learning" folds to "machine learning").
func TestLookupSkillByKey(t *testing.T) {
	for _, s := range Vocabulary() {
		if got, ok := LookupSkill(s.Key); !ok || got.Key != s.Key {
			t.Errorf("LookupSkill(%q) = %q, %v", s.Key, got.Key, ok)
		}
	}
}

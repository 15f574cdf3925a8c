package judging

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind is a field's type.
type Kind string

const (
	KindEnum Kind = "enum" // one of Values
	KindInt  Kind = "int"
	KindBool Kind = "bool"
	KindText Kind = "text" // free text, compared whole (case-insensitive)
)

// Field is a fact a rule may test: its key, type, labels in both languages
// and, for enums, the values with their labels.
type Field struct {
	Key    string
	Kind   Kind
	EN, ZH string
	Values []Value
}

// Value is an enum value with its labels.
type Value struct{ Key, EN, ZH string }

// Fields are the facts policies may test, over talents, projects and
// contest entries. The store fills Facts with these keys.
var Fields = []Field{
	{Key: "talent.degree", Kind: KindEnum, EN: "highest degree", ZH: "最高学位", Values: []Value{
		{"none", "none", "无"}, {"bachelor", "bachelor", "学士"}, {"master", "master", "硕士"}, {"phd", "PhD", "博士"}}},
	{Key: "talent.years_experience", Kind: KindInt, EN: "years of experience", ZH: "工作年限"},
	{Key: "talent.overseas", Kind: KindBool, EN: "lives abroad", ZH: "居住在海外"},
	{Key: "talent.intent_china", Kind: KindEnum, EN: "intends to work in China", ZH: "来华工作意向", Values: []Value{
		{"yes", "yes", "是"}, {"undecided", "undecided", "未定"}, {"no", "no", "否"}}},
	{Key: "talent.discipline", Kind: KindText, EN: "discipline", ZH: "学科"},
	{Key: "project.field", Kind: KindText, EN: "project field", ZH: "项目领域"},
	{Key: "project.stage", Kind: KindEnum, EN: "project stage", ZH: "项目阶段", Values: []Value{
		{"idea", "idea", "创意"}, {"prototype", "prototype", "原型"}, {"revenue", "revenue", "营收"}, {"growth", "growth", "成长"}}},
	{Key: "project.source", Kind: KindEnum, EN: "project source", ZH: "项目来源", Values: []Value{
		{"talent", "talent", "人才"}, {"delegation", "delegation", "代表团"}, {"expert_program", "expert program", "专家项目"}, {"contest", "contest", "大赛"}}},
	{Key: "project.funding_sought", Kind: KindInt, EN: "funding sought (yuan)", ZH: "拟融资（元）"},
	{Key: "entry.result", Kind: KindEnum, EN: "contest result", ZH: "大赛结果", Values: []Value{
		{"none", "not entered", "未参赛"}, {"submitted", "entered", "已参赛"}, {"not_selected", "not selected", "未入选"},
		{"finalist", "finalist", "入围"}, {"selected", "selected in a contest", "大赛入选"}}},
}

// Ops are the comparisons a rule may use; which apply depends on the kind.
var Ops = map[Kind][]string{
	KindEnum: {"eq", "ne", "in", "gte"}, // gte: at least, in the order of Values
	KindInt:  {"eq", "ne", "gte", "lte"},
	KindBool: {"eq"},
	KindText: {"eq", "ne", "in"},
}

func fieldByKey(k string) (Field, bool) {
	for _, f := range Fields {
		if f.Key == k {
			return f, true
		}
	}
	return Field{}, false
}

// Rule is one condition: field op value. Value is a JSON value: a string
// (enum, text), a number (int), a boolean or, for "in", a list of strings.
type Rule struct {
	Field string          `json:"field"`
	Op    string          `json:"op"`
	Value json.RawMessage `json:"value"`
}

// RuleError says which rule is wrong and how: "unknown_field", "op",
// "type" (the value does not fit the field) or "value" (not one of the
// enum's values).
type RuleError struct {
	Index  int
	Field  string
	Reason string
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("judging: rule %d (%s): %s", e.Index+1, e.Field, e.Reason)
}

// Policy is a benefit with the rules a subject must meet (all of them).
type Policy struct {
	ID     int64
	Rules  []Rule
	checks []check
}

type check struct {
	f     Field
	op    string
	str   []string // enum or text values (lower-cased for text)
	n     int64
	b     bool
	rank  int       // enum: the index of str[0] in Values for gte
	words [2]string // what it needs, in both languages
}

// Compile validates rules: every field known, every op allowed for the
// field's kind, every value of the field's type (and, for enums, one of its
// values). The first problem is returned as a *RuleError.
func Compile(id int64, rules []Rule) (Policy, error) {
	p := Policy{ID: id, Rules: rules}
	if len(rules) == 0 {
		return p, &RuleError{Index: 0, Reason: "empty"}
	}
	for i, r := range rules {
		f, ok := fieldByKey(r.Field)
		if !ok {
			return p, &RuleError{i, r.Field, "unknown_field"}
		}
		if !slices.Contains(Ops[f.Kind], r.Op) {
			return p, &RuleError{i, r.Field, "op"}
		}
		c := check{f: f, op: r.Op}
		bad := &RuleError{i, r.Field, "type"}
		switch {
		case r.Op == "in":
			if json.Unmarshal(r.Value, &c.str) != nil || len(c.str) == 0 {
				return p, bad
			}
		case f.Kind == KindInt:
			if json.Unmarshal(r.Value, &c.n) != nil {
				return p, bad
			}
		case f.Kind == KindBool:
			if json.Unmarshal(r.Value, &c.b) != nil {
				return p, bad
			}
		default:
			var s string
			if json.Unmarshal(r.Value, &s) != nil {
				return p, bad
			}
			c.str = []string{s}
		}
		if f.Kind == KindText {
			for j := range c.str {
				c.str[j] = strings.ToLower(strings.TrimSpace(c.str[j]))
			}
		}
		if f.Kind == KindEnum {
			for _, s := range c.str {
				if enumIndex(f, s) < 0 {
					return p, &RuleError{i, r.Field, "value"}
				}
			}
			c.rank = enumIndex(f, c.str[0])
		}
		c.words = c.need()
		p.checks = append(p.checks, c)
	}
	return p, nil
}

func enumIndex(f Field, v string) int {
	for i, x := range f.Values {
		if x.Key == v {
			return i
		}
	}
	return -1
}

// Facts are a subject's values by field key: string (enum, text), int64 or
// bool. A missing key is an unknown fact, which meets no rule.
type Facts map[string]any

// Check is one rule's outcome: met or not, with the wanted and the actual
// value in words.
type Check struct {
	Field string
	Met   bool
	Need  [2]string // en, zh
	f     *Field
	value any
	known bool
}

// Has is the subject's value in words (en, zh).
func (c Check) Has() [2]string { return have(*c.f, c.value, c.known) }

// Result is whether a subject meets a policy, rule by rule.
type Result struct {
	Policy int64
	Met    bool
	Checks []Check
}

// Evaluate tests facts against a compiled policy.
func (p *Policy) Evaluate(f Facts) Result {
	r := Result{Policy: p.ID, Met: true, Checks: make([]Check, 0, len(p.checks))}
	for i := range p.checks {
		c := &p.checks[i]
		v, ok := f[c.f.Key]
		met := ok && c.test(v)
		if !met {
			r.Met = false
		}
		r.Checks = append(r.Checks, Check{Field: c.f.Key, Met: met, Need: c.words, f: &c.f, value: v, known: ok})
	}
	return r
}

// Met is Evaluate without the words, for counting.
func (p *Policy) Met(f Facts) bool {
	for _, c := range p.checks {
		v, ok := f[c.f.Key]
		if !ok || !c.test(v) {
			return false
		}
	}
	return true
}

func (c *check) test(v any) bool {
	switch c.f.Kind {
	case KindInt:
		n, ok := toInt(v)
		if !ok {
			return false
		}
		switch c.op {
		case "eq":
			return n == c.n
		case "ne":
			return n != c.n
		case "gte":
			return n >= c.n
		case "lte":
			return n <= c.n
		}
	case KindBool:
		b, ok := v.(bool)
		return ok && b == c.b
	default:
		s, ok := v.(string)
		if !ok {
			return false
		}
		if c.f.Kind == KindText {
			s = strings.ToLower(strings.TrimSpace(s))
		}
		switch c.op {
		case "eq":
			return s == c.str[0]
		case "ne":
			return s != c.str[0]
		case "in":
			return slices.Contains(c.str, s)
		case "gte":
			i := enumIndex(c.f, s)
			return i >= 0 && i >= c.rank
		}
	}
	return false
}

func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

// label is a value in words, in both languages.
func label(f Field, v any) [2]string {
	switch f.Kind {
	case KindBool:
		if v == true {
			return [2]string{"yes", "是"}
		}
		return [2]string{"no", "否"}
	case KindInt:
		n, _ := toInt(v)
		s := strconv.FormatInt(n, 10)
		return [2]string{s, s}
	case KindEnum:
		s, _ := v.(string)
		if i := enumIndex(f, s); i >= 0 {
			return [2]string{f.Values[i].EN, f.Values[i].ZH}
		}
		return [2]string{s, s}
	}
	s, _ := v.(string)
	return [2]string{s, s}
}

func (c *check) need() [2]string {
	var val [2]string
	switch {
	case c.op == "in":
		var en, zh []string
		for _, s := range c.str {
			l := label(c.f, s)
			en, zh = append(en, l[0]), append(zh, l[1])
		}
		val = [2]string{strings.Join(en, " or "), strings.Join(zh, "或")}
	case c.f.Kind == KindInt:
		val = label(c.f, c.n)
	case c.f.Kind == KindBool:
		val = label(c.f, c.b)
	default:
		val = label(c.f, c.str[0])
	}
	prefix := map[string][2]string{"ne": {"not ", "非"}, "gte": {"at least ", "至少"}, "lte": {"at most ", "至多"}}[c.op]
	if c.f.Key == "entry.result" && (c.op == "eq" || c.op == "in") {
		return val // "selected in a contest" reads on its own
	}
	return [2]string{c.f.EN + ": " + prefix[0] + val[0], c.f.ZH + "：" + prefix[1] + val[1]}
}

func have(f Field, v any, ok bool) [2]string {
	if !ok {
		return [2]string{"unknown", "未知"}
	}
	l := label(f, v)
	if f.Key == "entry.result" {
		return l
	}
	return [2]string{f.EN + ": " + l[0], f.ZH + "：" + l[1]}
}

// Explain is a check in one language: "needs: …; has: …" or "meets: …".
func (c Check) Explain(lang string) string {
	i := 0
	if lang == "zh" {
		i = 1
	}
	has := c.Has()
	if c.Met {
		return [2]string{"meets: ", "符合："}[i] + has[i]
	}
	return [2]string{"needs: ", "需要："}[i] + c.Need[i] + [2]string{"; has: ", "；现有："}[i] + has[i]
}

package postio

import (
	"strings"

	"github.com/convene/convene/internal/model"
)

// MemberColumns are a delegation's member file's columns, in template
// order.
var MemberColumns = []string{"email", "name", "locale", "lead"}

var memberAliases = map[string]string{
	"邮箱": "email", "电子邮箱": "email", "E-mail": "email", "e-mail": "email", "姓名": "name", "语言": "locale",
	"language": "locale", "Language": "locale", "团长": "lead", "负责人": "lead",
}

// MaxMembers bounds one member file. Each member's account gets a first
// password hashed with argon2id (about 25 ms and 19 MiB each): 500 take
// some 3 s on four cores, while a delegation of the model convention has
// tens of members and its page lists 200.
const MaxMembers = 500

// MemberRow is one checked row of a member file: Line is its row in the
// file, for the store's own problems (an address already taken).
type MemberRow struct {
	Line   int
	Email  string // lower case
	Name   string
	Locale string // zh or en
	Lead   bool
}

var (
	localeWords = map[string]string{"": "zh", "zh": "zh", "zh-cn": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh",
		"en": "en", "english": "en", "英文": "en", "英语": "en"}
	yesWords = map[string]bool{"": false, "0": false, "n": false, "no": false, "false": false, "否": false,
		"1": true, "y": true, "yes": true, "true": true, "x": true, "✓": true, "是": true, "团长": true, "lead": true}
)

// ParseMembers reads a whole member file. Either every row is good and
// rows come back, or errs lists every problem: an address twice in the
// file, or more than one lead, is said on the later row.
func ParseMembers(data []byte) ([]MemberRow, Errors) {
	rows, errs := ReadTable(data, MemberColumns, memberAliases, "email")
	if errs != nil {
		return nil, errs
	}
	if len(rows) > MaxMembers {
		return nil, Errors{{Row: rows[MaxMembers].Line, Key: "err.delegations.too_many"}}
	}
	var out []MemberRow
	seen, lead := map[string]int{}, 0
	for _, row := range rows {
		cell := row.Cell
		m := MemberRow{Line: row.Line, Email: strings.ToLower(cell("email")), Name: cell("name")}
		pr := model.Problems{}
		switch {
		case m.Email == "":
			pr.Add("email", "err.required")
		case !emailLike(m.Email):
			pr.Add("email", "err.email")
		case seen[m.Email] != 0:
			pr.Add("email", "err.delegations.duplicate_row")
		default:
			seen[m.Email] = m.Line
		}
		if m.Name == "" {
			pr.Add("name", "err.required")
		} else if len(m.Name) > 200 {
			pr.Add("name", "err.too_long")
		}
		var ok bool
		if m.Locale, ok = localeWords[strings.ToLower(cell("locale"))]; !ok {
			pr.Add("locale", "err.choice")
		}
		if m.Lead, ok = yesWords[strings.ToLower(cell("lead"))]; !ok {
			pr.Add("lead", "err.choice")
		}
		if m.Lead {
			if lead != 0 {
				pr.Add("lead", "err.delegations.lead_twice")
			}
			lead = m.Line
		}
		errs = row.Problems(errs, pr, MemberColumns)
		out = append(out, m)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// MemberTemplate is the member import template: the header and two
// example rows, the first the delegation's lead.
func MemberTemplate() Sheet {
	return Sheet{Name: "members", Header: MemberColumns, Rows: [][]any{
		{"ivanova@example.com", "Anna Ivanova", "en", "yes"},
		{"wang.lei@example.com", "王磊", "zh", ""},
	}}
}

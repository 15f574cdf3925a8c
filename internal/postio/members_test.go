package postio

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseMembers(t *testing.T) {
	t.Run("good", func(t *testing.T) {
		good := "邮箱,姓名,语言,团长\r\nIvanova@Example.com,Anna Ivanova,English,是\r\nwang@example.com,王磊,,\r\nli@example.com,李娜,zh,no\r\n"
		ms, errs := ParseMembers([]byte(good))
		if errs != nil {
			t.Fatal(errs)
		}
		want := []MemberRow{{2, "ivanova@example.com", "Anna Ivanova", "en", true}, {3, "wang@example.com", "王磊", "zh", false}, {4, "li@example.com", "李娜", "zh", false}}
		if !reflect.DeepEqual(ms, want) {
			t.Fatalf("got %+v\nwant %+v", ms, want)
		}
	})
	for _, c := range []struct {
		name, file string
		want       Errors
	}{
		{"no email", "email,name\n,Anna\n", Errors{{2, "email", "err.required"}}},
		{"bad email", "email,name\nanna,Anna\n", Errors{{2, "email", "err.email"}}},
		{"no name", "email,name\na@b.example,\n", Errors{{2, "name", "err.required"}}},
		{"bad locale and lead", "email,name,locale,lead\na@b.example,A,fr,maybe\n", Errors{{2, "locale", "err.choice"}, {2, "lead", "err.choice"}}},
		{"duplicate address", "email,name\na@b.example,A\nb@b.example,B\nA@B.example,A again\n", Errors{{4, "email", "err.delegations.duplicate_row"}}},
		{"two leads", "email,name,lead\na@b.example,A,yes\nb@b.example,B,\nc@b.example,C,1\n", Errors{{4, "lead", "err.delegations.lead_twice"}}},
		{"unknown column", "email,name,phone\na@b.example,A,1\n", Errors{{1, "phone", "err.import_unknown_column"}}},
		{"no email column", "name\nA\n", Errors{{1, "email", "err.import_missing_column"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ms, errs := ParseMembers([]byte(c.file))
			if ms != nil || !reflect.DeepEqual(errs, c.want) {
				t.Fatalf("got %+v %v, want %v", ms, errs, c.want)
			}
		})
	}
	t.Run("too many", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("email,name\n")
		for i := range MaxMembers + 1 {
			fmt.Fprintf(&b, "m%d@b.example,M %d\n", i, i)
		}
		if _, errs := ParseMembers([]byte(b.String())); !reflect.DeepEqual(errs, Errors{{MaxMembers + 2, "", "err.delegations.too_many"}}) {
			t.Fatalf("%v", errs)
		}
	})
}

// TestMemberTemplateParses: the template a user downloads reads as is.
func TestMemberTemplateParses(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, MemberTemplate()); err != nil {
		t.Fatal(err)
	}
	ms, errs := ParseMembers(b.Bytes())
	if errs != nil || len(ms) != 2 || !ms[0].Lead || ms[1].Name != "王磊" || ms[1].Locale != "zh" {
		t.Fatalf("%+v %v", ms, errs)
	}
}

// FuzzParseMembers: any bytes give either rows or row errors, never both,
// never a panic; rows have distinct addresses and at most one lead.
func FuzzParseMembers(f *testing.F) {
	var buf bytes.Buffer
	WriteXLSX(&buf, MemberTemplate())
	f.Add(buf.Bytes())
	f.Add([]byte("email,name,lead\na@b.example,A,yes\nb@b.example,B,\n"))
	f.Add([]byte("邮箱,姓名\na@b.example,王磊\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, errs := ParseMembers(data)
		if (len(ms) == 0) == (len(errs) == 0) {
			t.Fatalf("rows %d and errs %d", len(ms), len(errs))
		}
		seen, leads := map[string]bool{}, 0
		for _, m := range ms {
			if seen[m.Email] || m.Name == "" || (m.Locale != "zh" && m.Locale != "en") {
				t.Fatalf("bad row %+v", m)
			}
			seen[m.Email] = true
			if m.Lead {
				leads++
			}
		}
		if leads > 1 {
			t.Fatalf("%d leads", leads)
		}
	})
}

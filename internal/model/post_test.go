package model

import (
	"strings"
	"testing"
)

// TestPostTitles: a post needs a title in one language at least; each
// language's title and description are checked as the English ones are.
func TestPostTitles(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		title, titleZH, descZH string
		field, key             string
		wantTitle              string
	}{
		{"english only", "Engineer", "", "", "", "", "Engineer"},
		{"both", "Engineer", "工程师", "负责", "", "", "Engineer"},
		{"chinese only", "", " 工程师 ", "", "", "", "工程师"},
		{"neither", " ", "", "", "title", "err.required", ""},
		{"invisible chinese", "", "\u200b", "", "title", "err.required", ""},
		{"chinese too long", "Engineer", strings.Repeat("工", 201), "", "title_zh", "err.too_long", ""},
		{"chinese bidi", "", "工程\u202e师", "", "title_zh", "err.text", ""},
		{"chinese description too long", "Engineer", "", strings.Repeat("文", 10001), "description_zh", "err.too_long", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &Post{FairID: 1, Title: tc.title, TitleZH: tc.titleZH, DescriptionZH: tc.descZH}
			err := p.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if p.Title != tc.wantTitle {
					t.Fatalf("title %q, want %q", p.Title, tc.wantTitle)
				}
				return
			}
			if got := FieldsOf(err)[tc.field]; got != tc.key {
				t.Fatalf("%s: %q, want %q (all: %v)", tc.field, got, tc.key, FieldsOf(err))
			}
		})
	}
}

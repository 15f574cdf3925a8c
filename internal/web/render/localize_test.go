package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/convene/convene/internal/i18n"
)

// TestLocalizeRendersTheSame: a template with its fixed texts translated at
// start renders byte for byte as the same template calling T, also for
// texts that need escaping, in element text and in quoted attributes, in
// branches and loops; calls with arguments or computed keys stay calls.
func TestLocalizeRendersTheSame(t *testing.T) {
	cat := i18n.Catalog{"en": {
		"a":    `Fish & "chips" <b>`,
		"b":    "it's <i>",
		"n":    "%d items",
		"k.x":  "computed",
		"attr": `say "hi" & go`,
	}}
	src := `{{define "page"}}<p title="{{.T "attr"}}">{{.T "a"}}</p>{{if .L}}<em>{{$.T "b"}}</em>{{end}}` +
		`{{range .Form}}<li>{{$.T "a"}}</li>{{end}}{{with .Title}}<h1>{{$.T "b"}} {{.}}</h1>{{end}}` +
		`<i>{{.T "n" 3}}</i><u>{{.T (print "k." "x")}}</u><s>{{.T "missing.key"}}</s>{{end}}`
	parse := func() *template.Template { return template.Must(template.New("x").Parse(src)) }
	v := &View{L: "en", Title: "T<itle>", Form: map[string][]string{"a": {"1"}, "b": {"2"}}, cat: cat}
	render := func(tm *template.Template) string {
		var b bytes.Buffer
		if err := tm.ExecuteTemplate(&b, "page", v); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain := render(parse())
	loc := parse()
	calls := 0
	localize(loc, func(k string) string { calls++; return cat.T("en", k) })
	if got := render(loc); got != plain {
		t.Fatalf("localized:\n%s\nplain:\n%s", got, plain)
	}
	if calls != 6 {
		t.Fatalf("%d fixed texts translated, want 6 (attr, a, b, a, b and the missing key; not the call with an argument or the computed key)", calls)
	}
	if !strings.Contains(plain, "3 items") || !strings.Contains(plain, "computed") {
		t.Fatalf("dynamic calls lost: %s", plain)
	}
}

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// htmlValidate is the validator the pages are checked with: html-validate
// from the npm registry, an offline HTML5 conformance checker, pinned. It is
// installed at test time into a cache directory (never into the tree).
const htmlValidate = "html-validate@10.17.0"

// htmlValidateConfig: the "standard" preset is conformance to the HTML
// standard (elements, attributes, nesting, ids), without the style opinions
// of "recommended"; with references (list=, for=, aria-*) that must name an
// element of the page, and a title that says something.
const htmlValidateConfig = `{"extends": ["html-validate:standard"], "rules": {"no-missing-references": "error", "empty-title": "error"}}`

// selectRe and optionRe find a select's options: html-validate does not
// check that an <option> of a <select> without a label= has text, which
// the standard requires (an empty choice reads as nothing to a screen
// reader and in the list).
var (
	selectRe = regexp.MustCompile(`(?s)<select\b.*?</select>`)
	optionRe = regexp.MustCompile(`(?s)^((?:\s[^>]*)?)>(.*)$`)
	tagRe    = regexp.MustCompile(`<[^>]*>`)
)

// emptyOptions lists the options of page's selects that have no text and no
// label.
func emptyOptions(page string) []string {
	var out []string
	for _, sel := range selectRe.FindAllString(page, -1) {
		parts := strings.Split(strings.TrimSuffix(sel, "</select>"), "<option")
		for _, part := range parts[1:] {
			m := optionRe.FindStringSubmatch(part)
			if m == nil || strings.Contains(m[1], "label=") {
				continue
			}
			text, _, _ := strings.Cut(m[2], "</option>")
			if strings.TrimSpace(tagRe.ReplaceAllString(text, "")) == "" {
				out = append(out, "<option"+m[1]+">")
			}
		}
	}
	return out
}

// installHTMLValidate puts html-validate in $CONVENE_NPM_CACHE (or the
// user's cache directory) and returns the path of its command. Outside CI a
// missing node or npm skips the check; in CI it fails.
func installHTMLValidate(t *testing.T) string {
	t.Helper()
	for _, c := range []string{"node", "npm"} {
		if _, err := exec.LookPath(c); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI=true but %s is not installed (apt-get install nodejs npm)", c)
			}
			t.Skipf("%s not installed", c)
		}
	}
	dir := os.Getenv("CONVENE_NPM_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "convene-test-npm")
	}
	dir = filepath.Join(dir, strings.NewReplacer("@", "-", "/", "-").Replace(htmlValidate))
	bin := filepath.Join(dir, "node_modules", "html-validate", "bin", "html-validate.mjs")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "--prefix", dir, htmlValidate)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install %s: %v\n%s", htmlValidate, err, out)
	}
	if _, err := os.Stat(bin); err != nil {
		matches, _ := filepath.Glob(filepath.Join(dir, "node_modules", "html-validate", "bin", "*"))
		if len(matches) == 0 {
			t.Fatalf("html-validate installed without its command: %v", err)
		}
		bin = matches[0]
	}
	return bin
}

// htmlResult is html-validate's JSON report for one file.
type htmlResult struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Severity int    `json:"severity"`
		Message  string `json:"message"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Selector string `json:"selector"`
	} `json:"messages"`
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9]+`)

// validateHTML checks every page with html-validate and fails the test for
// each error, naming the role, the page, the rule and the line.
func validateHTML(t *testing.T, pages []visited) {
	t.Helper()
	if len(pages) == 0 {
		t.Fatal("no pages to check")
	}
	bin := installHTMLValidate(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "htmlvalidate.json")
	if err := os.WriteFile(cfg, []byte(htmlValidateConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	byFile := map[string]visited{}
	// The report goes to a file: node may exit before a large report
	// written to a pipe is flushed.
	report := filepath.Join(dir, "report.json")
	args := []string{bin, "--config", cfg, "--formatter", "json=" + report}
	for i, p := range pages {
		for _, o := range emptyOptions(p.html) {
			t.Errorf("%s %s: %s has no text (an option of a select needs text or a label)", p.role, p.url, o)
		}
		name := filepath.Join(dir, fmt.Sprintf("%03d-%s.html", i, strings.Trim(unsafeName.ReplaceAllString(p.role+"-"+p.url, "-"), "-")))
		if err := os.WriteFile(name, []byte(p.html), 0o644); err != nil {
			t.Fatal(err)
		}
		byFile[name] = p
		args = append(args, name)
	}
	cmd := exec.Command("node", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_, err := cmd.Output() // exits 1 when a page has errors
	out, _ := os.ReadFile(report)
	var results []htmlResult
	if jerr := json.Unmarshal(out, &results); jerr != nil {
		t.Fatalf("html-validate: %v (%v)\n%.2000s\n%.2000s", jerr, err, out, stderr.Bytes())
	}
	lines := func(html string) []string { return strings.Split(html, "\n") }
	n := 0
	for _, r := range results {
		p := byFile[r.FilePath]
		for _, m := range r.Messages {
			if m.Severity < 2 {
				continue
			}
			n++
			src := ""
			if l := lines(p.html); m.Line >= 1 && m.Line <= len(l) {
				src = strings.TrimSpace(l[m.Line-1])
				if len(src) > 160 {
					src = src[:160] + "…"
				}
			}
			t.Errorf("%s %s line %d: %s (%s) in %q", p.role, p.url, m.Line, m.Message, m.RuleID, src)
		}
	}
	if n == 0 && err != nil {
		t.Fatalf("html-validate failed without a report: %v\n%.2000s", err, out)
	}
	t.Logf("html-validate checked %d pages: %d errors", len(pages), n)
}

func TestEmptyOptions(t *testing.T) {
	page := `<select name="a"><option value="">–</option><option value="1" selected>One</option></select>
<select name="b"><option value=""></option><option value="2">Two<option value="3"> <b></b> </select>
<select name="c"><option label="Any" value=""></option></select><datalist id="z"><option value="Asia/Shanghai"></datalist>`
	got := emptyOptions(page)
	want := []string{`<option value="">`, `<option value="3">`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("emptyOptions = %q, want %q", got, want)
	}
}

package web

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/convene/convene/internal/i18n"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// TestOpenAPIMatchesRoutes: every /api/v1 route is documented with its
// method, and the document names no route the server lacks.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	srv, err := New(nil, Config{Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(srv.openapi, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	served := map[string]bool{}
	for _, rt := range srv.routes {
		if strings.Contains(rt.Pattern, " /api/") {
			served[rt.Pattern] = true
			if !documented[rt.Pattern] {
				t.Errorf("route %q is not in openapi.json", rt.Pattern)
			}
		}
	}
	for d := range documented {
		if !served[d] {
			t.Errorf("openapi.json documents %q, which is not served", d)
		}
	}
}

var (
	tKey    = regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	tPrefix = regexp.MustCompile(`\.T \(print "([a-z_]+)\." `)
	goKey   = regexp.MustCompile(`"((?:err|flash)\.[a-z0-9_.]+)"`)
	// auditGo finds audit actions recorded by the store and the generator:
	// the audit page shows each as the catalogue's "audit.do.<action>".
	auditGo    = regexp.MustCompile(`audit\(ctx, tx, [^,]+, "([a-z_.]+)"|\.Audit\(0, "([a-z_.]+)"`)
	notFoundGo = regexp.MustCompile(`ErrNotFound\("([a-z_]+)"\)|notFound\("([a-z_]+)"\)|one\(err, "([a-z_]+)"\)`)
)

// areaCatalog is every area's catalog loaded into one, as the server does.
func areaCatalog(t *testing.T) i18n.Catalog {
	t.Helper()
	var catalogs []fs.FS
	for _, p := range areaParts {
		if p.Catalog != nil {
			catalogs = append(catalogs, p.Catalog)
		}
	}
	cat, err := i18n.Load(catalogs...)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestCatalogCoversKeys fails when a template or Go file uses a message key
// that a catalog lacks; dynamic keys are checked over every enum value.
func TestCatalogCoversKeys(t *testing.T) {
	t.Parallel()
	cat := areaCatalog(t)
	for _, d := range cat.Disagreements() {
		t.Error(d)
	}
	need := map[string]bool{}
	// Every area's templates and Go files, the shared web packages', the
	// model's and the store's.
	var goFiles []string
	filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			goFiles = append(goFiles, p)
		}
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range tKey.FindAllStringSubmatch(string(b), -1) {
			need[m[1]] = true
		}
		for _, m := range tPrefix.FindAllStringSubmatch(string(b), -1) {
			for _, v := range enumValues[m[1]] {
				need[m[1]+"."+v] = true
			}
			if enumValues[m[1]] == nil {
				t.Errorf("template uses dynamic key prefix %q: add its values to enumValues", m[1])
			}
		}
		return nil
	})
	for _, dir := range []string{"../model", "../store", "../gen"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		goFiles = append(goFiles, files...)
	}
	{
		for _, f := range goFiles {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, _ := os.ReadFile(f)
			for _, m := range goKey.FindAllStringSubmatch(string(b), -1) {
				if !strings.HasSuffix(m[1], ".") {
					need[m[1]] = true
				}
			}
			for _, m := range auditGo.FindAllStringSubmatch(string(b), -1) {
				if a := m[1] + m[2]; !strings.HasSuffix(a, ".") { // "org."+status: below
					need["audit.do."+a] = true
				}
			}
			for _, m := range notFoundGo.FindAllStringSubmatch(string(b), -1) {
				need["err.not_found."+m[1]+m[2]+m[3]] = true
			}
		}
	}
	for _, st := range model.OrgStatuses { // organizations.go: "org."+status
		need["audit.do.org."+string(st)] = true
	}
	var missing []string
	for k := range need {
		if !cat.Has(k) {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		t.Errorf("message key %q is missing from a catalog", k)
	}
	if len(need) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(need))
	}
}

func strs[T ~string](l []T) []string {
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = string(v)
	}
	return out
}

var enumValues = map[string][]string{
	"fair":     strs(model.FairKinds),
	"event":    strs(model.EventKinds),
	"role":     strs(model.Roles),
	"status":   strs(model.OrgStatuses),
	"kind":     strs(model.OrgKinds),
	"degree":   strs(model.Degrees),
	"category": strs(model.TalentCategories),
	"intent":   strs(model.Intents),
	"channel":  strs(model.Channels),
	"app":      strs(model.AppStatuses),
	"post":     {"open", "closed"},
}

// TestPagesRenderForEveryRole renders each role's pages with real data in
// both languages: no template error and no untranslated key.
func TestPagesRenderForEveryRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	pages := map[model.Role][]string{
		"":                   {"/", "/login", "/register", "/register?role=enterprise", "/register?role=delegation", "/posts"},
		model.RoleTalent:     {"/me", "/me/profile", "/me/applications"},
		model.RoleEnterprise: {"/me", "/org"},
		model.RoleDelegation: {"/me", "/org"},
		model.RoleJudge:      {"/me"},
		model.RoleGate:       {"/me"},
		model.RoleOrganizer:  {"/admin", "/admin/editions", "/admin/editions/new", "/admin/editions/1", "/admin/orgs", "/admin/search?q=org", "/admin/audit"},
	}
	leftover := regexp.MustCompile(`\b(err|field|nav|dash|home|admin|count|fair|role|status)\.[a-z_]+\b`)
	for role, paths := range pages {
		for _, lang := range []string{"en", "zh"} {
			c := f.client(role)
			if role != "" {
				f.db.SetLocale(bg, f.users[role].ID, lang)
			}
			for _, p := range paths {
				req := p
				resp, body := f.do(c, "GET", req, "", "")
				if role == "" {
					resp, body = f.doLang(c, req, lang)
				}
				if resp.StatusCode != 200 {
					t.Errorf("%s as %q (%s): status %d", p, role, lang, resp.StatusCode)
					continue
				}
				if m := leftover.FindString(body); m != "" {
					t.Errorf("%s as %q (%s): untranslated key %q in page", p, role, lang, m)
				}
			}
		}
	}
}

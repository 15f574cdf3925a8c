package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/xuri/excelize/v2"
)

func init() {
	expect(map[string]string{
		"GET /fairs/{id}":                      "anyone",
		"GET /org/posts":                       "enterprise",
		"GET /org/posts/new":                   "enterprise",
		"POST /org/posts":                      "enterprise",
		"GET /org/posts/{id}/edit":             "enterprise",
		"POST /org/posts/{id}":                 "enterprise",
		"POST /org/posts/{id}/status":          "enterprise",
		"GET /org/posts/import":                "enterprise",
		"POST /org/posts/import":               "enterprise",
		"GET /org/posts/template.xlsx":         "enterprise",
		"GET /exports/posts.xlsx":              "enterprise organizer",
		"GET /exports/applications.xlsx":       "enterprise organizer",
		"GET /inbox":                           "enterprise organizer",
		"POST /inbox/status":                   "enterprise",
		"GET /inbox/{id}":                      "enterprise organizer",
		"GET /admin/figures":                   "organizer",
		"GET /api/v1/posts/search":             "anyone",
		"POST /api/v1/posts":                   "enterprise",
		"PUT /api/v1/posts/{id}":               "enterprise",
		"POST /api/v1/posts/{id}/status":       "enterprise",
		"GET /api/v1/posts/{id}/applications":  "enterprise organizer",
		"GET /api/v1/org/posts":                "enterprise",
		"POST /api/v1/org/posts/import":        "enterprise",
		"GET /api/v1/inbox":                    "enterprise organizer",
		"POST /api/v1/applications/status":     "enterprise",
		"GET /api/v1/applications/{id}/events": "enterprise organizer",
		"GET /api/v1/me/notifications":         "signed-in",
		"GET /api/v1/figures":                  "organizer",
	})
}

// fairFixture adds a current edition's fair, a second approved enterprise
// (B) with its own account, and returns B's client.
type fairFixture struct {
	*fixture
	orgB    model.Organization
	clientB *http.Client
}

func newFairFixture(t *testing.T, db *store.DB) *fairFixture {
	f := newFixture(t, db)
	f.makeCurrent()
	ff := &fairFixture{fixture: f}
	ff.orgB = model.Organization{Kind: model.OrgEnterprise, Name: "Org B", Status: model.OrgApproved, Province: "Guangdong"}
	if err := db.CreateOrganization(bg, &ff.orgB); err != nil {
		t.Fatal(err)
	}
	u := model.User{Email: "b@test.example", Name: "B", Role: model.RoleEnterprise, Locale: "en", OrgID: &ff.orgB.ID}
	if err := db.CreateUser(bg, &u, testHash); err != nil {
		t.Fatal(err)
	}
	ff.users["entB"] = u
	ff.clientB = f.client("entB")
	return ff
}

// onEachFair runs fn on a fresh fair fixture on each database.
func onEachFair(t *testing.T, fn func(t *testing.T, f *fairFixture)) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) { fn(t, newFairFixture(t, b.Open(t))) })
	}
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %q: %v", body, err)
	}
	return v
}

// TestPostJourney: an enterprise creates, edits, closes and reopens a post
// over the API and the pages; B can neither change A's post nor see its
// inbox; the talent finds it by a Chinese word, applies, is moved along the
// pipeline and reads the notification in Chinese. On both databases.
func TestPostJourney(t *testing.T) {
	t.Parallel()
	onEachFair(t, func(t *testing.T, f *fairFixture) {
		a := f.client(model.RoleEnterprise)
		fair := itoa(int(f.fair.ID))
		resp, body := f.json(a, "POST", "/api/v1/posts", `{"fair_id":`+fair+`,"title":"生物医药研发工程师","skills":["分子生物学","Python"],"city":"广州","min_degree":"master","headcount":2}`)
		if resp.StatusCode != 201 {
			t.Fatalf("create: %d %s", resp.StatusCode, body)
		}
		p := decode[jsonview.Post](t, body)
		pid := itoa(int(p.ID))
		// Object-level checks: B may not edit, close, or read the inbox.
		for _, c := range []struct{ method, path, body string }{
			{"PUT", "/api/v1/posts/" + pid, `{"fair_id":` + fair + `,"title":"Stolen"}`},
			{"POST", "/api/v1/posts/" + pid + "/status", `{"status":"closed"}`},
			{"GET", "/api/v1/posts/" + pid + "/applications", ""},
			{"GET", "/api/v1/inbox?post_id=" + pid, ""},
		} {
			if resp, body := f.json(f.clientB, c.method, c.path, c.body); resp.StatusCode != 403 {
				t.Fatalf("B %s %s: %d %s", c.method, c.path, resp.StatusCode, body)
			}
		}
		for _, path := range []string{"/org/posts/" + pid + "/edit", "/inbox?post_id=" + pid} {
			if resp, _ := f.do(f.clientB, "GET", path, "", ""); resp.StatusCode != 403 {
				t.Fatalf("B GET %s: %d", path, resp.StatusCode)
			}
		}
		if resp, _ := f.postForm(f.clientB, "/org/posts/"+pid, url.Values{"fair_id": {fair}, "title": {"Stolen"}}); resp.StatusCode != 403 {
			t.Fatalf("B form edit: %d", resp.StatusCode)
		}
		if got, _ := f.db.Post(bg, p.ID); got.Title != p.Title || got.Status != model.PostOpen {
			t.Fatalf("B changed A's post: %+v", got)
		}
		// A edits through the page, closes and reopens.
		resp, _ = f.postForm(a, "/org/posts/"+pid, url.Values{"fair_id": {fair}, "title": {"生物医药研发工程师（博士后）"}, "skills": {"分子生物学, Python"}, "city": {"广州"}, "min_degree": {"master"}, "headcount": {"2"}})
		if resp.StatusCode != 303 {
			t.Fatalf("edit form: %d", resp.StatusCode)
		}
		for _, st := range []string{"closed", "open"} {
			if resp, _ := f.postForm(a, "/org/posts/"+pid+"/status", url.Values{"status": {st}}); resp.StatusCode != 303 {
				t.Fatalf("status %s: %d", st, resp.StatusCode)
			}
		}
		// The talent searches by a two-character Chinese word and by a trigram.
		tc := f.client(model.RoleTalent)
		for _, q := range []string{"医药", "研发工程", "python"} {
			_, body = f.json(tc, "GET", "/api/v1/posts/search?q="+url.QueryEscape(q)+"&degree=phd", "")
			if !strings.Contains(body, "博士后") {
				t.Fatalf("search %q: %s", q, body)
			}
		}
		_, page := f.do(tc, "GET", "/posts?q="+url.QueryEscape("医药")+"&city="+url.QueryEscape("广州"), "", "")
		if !strings.Contains(page, "博士后") {
			t.Fatal("search page found nothing")
		}
		if _, body := f.json(tc, "GET", "/api/v1/posts/search?q=python&degree=bachelor", ""); strings.Contains(body, "博士后") {
			t.Fatal("a bachelor's search shows a master's post")
		}
		resp, body = f.json(tc, "POST", "/api/v1/posts/"+pid+"/apply", `{"channel":"mobile"}`)
		if resp.StatusCode != 201 {
			t.Fatalf("apply: %d %s", resp.StatusCode, body)
		}
		app := decode[applyJ](t, body).Application
		// A's inbox shows it; B's does not; organizers see all.
		_, body = f.json(a, "GET", "/api/v1/inbox?status=applied&degree=none", "")
		if rows := decode[[]inboxJ](t, body); len(rows) != 1 || rows[0].TalentName == "" {
			t.Fatalf("A's inbox: %s", body)
		}
		if _, body := f.json(f.clientB, "GET", "/api/v1/inbox", ""); body != "[]\n" {
			t.Fatalf("B's inbox: %s", body)
		}
		if _, body := f.json(f.client(model.RoleOrganizer), "GET", "/api/v1/posts/"+pid+"/applications", ""); !strings.Contains(body, `"post_id":`+pid) {
			t.Fatalf("organizer's view: %s", body)
		}
		// B cannot move it; A moves it (page, then API); a backward move is refused.
		ids := `{"ids":[` + itoa(int(app.ID)) + `],"status":"viewed"}`
		if resp, _ := f.json(f.clientB, "POST", "/api/v1/applications/status", ids); resp.StatusCode != 403 {
			t.Fatalf("B moves: %d", resp.StatusCode)
		}
		if resp, _ := f.postForm(a, "/inbox/status", url.Values{"id": {itoa(int(app.ID))}, "status": {"viewed"}}); resp.StatusCode != 303 {
			t.Fatalf("page move: %d", resp.StatusCode)
		}
		if resp, body := f.json(a, "POST", "/api/v1/applications/status", `{"ids":[`+itoa(int(app.ID))+`],"status":"interview"}`); resp.StatusCode != 200 {
			t.Fatalf("API move: %d %s", resp.StatusCode, body)
		}
		if resp, _ := f.json(a, "POST", "/api/v1/applications/status", ids); resp.StatusCode != 409 {
			t.Fatalf("backward move: %d", resp.StatusCode)
		}
		_, body = f.json(a, "GET", "/api/v1/applications/"+itoa(int(app.ID))+"/events", "")
		if ev := decode[[]appEventJ](t, body); len(ev) != 2 || ev[1].To != "interview" || ev[1].ByUserID != f.users[model.RoleEnterprise].ID {
			t.Fatalf("history: %s", body)
		}
		if resp, _ := f.json(f.clientB, "GET", "/api/v1/applications/"+itoa(int(app.ID))+"/events", ""); resp.StatusCode != 403 {
			t.Fatalf("B reads history: %d", resp.StatusCode)
		}
		// The talent reads the news in Chinese on /me, and sees titles on /me/applications.
		f.setLocale(tc, "zh")
		_, page = f.do(tc, "GET", "/me", "", "")
		if !strings.Contains(page, "职位状态已更新为：面试") {
			t.Fatalf("notification not shown in Chinese:\n%s", page)
		}
		_, page = f.do(tc, "GET", "/me/applications", "", "")
		if !strings.Contains(page, "博士后") || !strings.Contains(page, "Org enterprise") {
			t.Fatal("my applications lack the post title or enterprise")
		}
		_, body = f.json(tc, "GET", "/api/v1/me/notifications", "")
		if !strings.Contains(body, `"key":"note.app_status"`) || !strings.Contains(body, "面试") {
			t.Fatalf("notifications API: %s", body)
		}
		// Figures count it.
		_, body = f.json(f.client(model.RoleOrganizer), "GET", "/api/v1/figures", "")
		if !strings.Contains(body, `"applications":1`) || !strings.Contains(body, `"mobile":1`) {
			t.Fatalf("figures: %s", body)
		}
	})
}

// TestPostBadInput: field-level answers, nothing created.
func TestPostBadInput(t *testing.T) {
	t.Parallel()
	f := newFairFixture(t, storetest.SQLite(t))
	a := f.client(model.RoleEnterprise)
	old := model.Edition{Slug: "ocs-2016", Name: "OCS 2016", City: "Guangzhou", StartDate: f.edition.StartDate.AddDate(-1, 0, 0), EndDate: f.edition.EndDate.AddDate(-1, 0, 0), TimeZone: "Asia/Shanghai"}
	f.db.CreateEdition(bg, &old, 0)
	oldFair := model.Fair{EditionID: old.ID, Kind: model.FairOverseas, Name: "Old fair"}
	f.db.CreateFair(bg, &oldFair)
	other := model.Fair{EditionID: f.edition.ID, Kind: model.FairOverseas, Name: "Overseas"}
	f.db.CreateFair(bg, &other)
	sess := model.RemoteSession{FairID: f.fair.ID, Location: "Singapore", TimeZone: "Asia/Singapore", StartsAt: time.Date(2017, 12, 17, 2, 0, 0, 0, time.UTC), EndsAt: time.Date(2017, 12, 17, 5, 0, 0, 0, time.UTC)}
	if err := f.db.CreateRemoteSession(bg, &sess); err != nil {
		t.Fatal(err)
	}
	fair := itoa(int(f.fair.ID))
	cases := []struct {
		name, body, field string
		code              int
	}{
		{"no title", `{"fair_id":` + fair + `}`, "title", 422},
		{"salary inverted", `{"fair_id":` + fair + `,"title":"x","salary_min":9000,"salary_max":100}`, "salary_max", 422},
		{"bad degree", `{"fair_id":` + fair + `,"title":"x","min_degree":"dr"}`, "min_degree", 422},
		{"unknown fair", `{"fair_id":99999,"title":"x"}`, "fair_id", 422},
		{"fair of a past edition", `{"fair_id":` + itoa(int(oldFair.ID)) + `,"title":"x"}`, "fair_id", 422},
		{"session of another fair", `{"fair_id":` + itoa(int(other.ID)) + `,"session_id":` + itoa(int(sess.ID)) + `,"title":"x"}`, "session_id", 422},
		{"wrong type", `{"fair_id":"one","title":"x"}`, "fair_id", 422},
		{"unknown field", `{"fair_id":` + fair + `,"title":"x","boss":true}`, "boss", 422},
		{"only an invisible chinese title", `{"fair_id":` + fair + `,"title_zh":"\u200b"}`, "title", 422},
		{"chinese title too long", `{"fair_id":` + fair + `,"title":"x","title_zh":"` + strings.Repeat("长", 201) + `"}`, "title_zh", 422},
		{"chinese description too long", `{"fair_id":` + fair + `,"title":"x","description_zh":"` + strings.Repeat("长", 10001) + `"}`, "description_zh", 422},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.json(a, "POST", "/api/v1/posts", c.body)
			if resp.StatusCode != c.code {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.code, body)
			}
			e := decode[apiError](t, body)
			if e.Error.Fields[c.field] == "" || strings.Contains(strings.ToLower(body), "sql") {
				t.Fatalf("field %q: %s", c.field, body)
			}
		})
	}
	// A post in a session of its video fair is fine, and the fair page lists it with both times.
	resp, body := f.json(a, "POST", "/api/v1/posts", `{"fair_id":`+fair+`,"session_id":`+itoa(int(sess.ID))+`,"title":"Remote chemist"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("session post: %d %s", resp.StatusCode, body)
	}
	_, page := f.do(f.client(""), "GET", "/fairs/"+fair, "", "")
	if !strings.Contains(page, "Singapore") || !strings.Contains(page, "Remote chemist") || !strings.Contains(page, "10:00") || !strings.Contains(page, "12-17 10:00 CST") {
		t.Fatalf("fair page lacks the session, its post or its times:\n%s", page)
	}
	// A post in Chinese only (issue 12): the API answers both titles, and
	// its edit form shows the English title empty, as it was entered.
	resp, body = f.json(a, "POST", "/api/v1/posts", `{"fair_id":`+fair+`,"title_zh":"远程化学家","description_zh":"负责合成"}`)
	if resp.StatusCode != 201 || !strings.Contains(body, `"title_zh":"远程化学家"`) || !strings.Contains(body, `"description_zh":"负责合成"`) {
		t.Fatalf("chinese post: %d %s", resp.StatusCode, body)
	}
	zhPost := decode[struct {
		ID int64 `json:"id"`
	}](t, body)
	_, page = f.do(a, "GET", "/org/posts/"+itoa(int(zhPost.ID))+"/edit", "", "")
	if !strings.Contains(page, `name="title" value="" lang="en"`) || !strings.Contains(page, `name="title_zh" value="远程化学家"`) || !strings.Contains(page, "负责合成</textarea>") {
		t.Fatalf("edit form of a Chinese-only post:\n%s", page)
	}
	// An English reader sees its Chinese title and description marked as
	// Chinese; a Chinese reader sees them plainly.
	_, page = f.doLang(f.client(""), "/posts/"+itoa(int(zhPost.ID)), "en")
	if !strings.Contains(page, `<h1><span lang="zh-CN" class="xl">远程化学家</span></h1>`) || !strings.Contains(page, `<span lang="zh-CN" class="xl">负责合成</span>`) {
		t.Fatalf("English page of a Chinese-only post:\n%s", page)
	}
	_, page = f.doLang(f.client(""), "/posts/"+itoa(int(zhPost.ID)), "zh-CN")
	if !strings.Contains(page, `<h1>远程化学家</h1>`) || !strings.Contains(page, `<p class="description">负责合成</p>`) {
		t.Fatalf("Chinese page of a Chinese-only post:\n%s", page)
	}
	// A form with problems comes back with field messages.
	resp, page = f.postForm(a, "/org/posts", url.Values{"fair_id": {fair}, "title": {""}, "headcount": {"many"}})
	if resp.StatusCode != 422 || !strings.Contains(page, "Required.") || !strings.Contains(page, "whole number") {
		t.Fatalf("form: %d", resp.StatusCode)
	}
	// An enterprise waiting for approval may not post.
	f.db.SetOrgStatus(bg, *f.users[model.RoleEnterprise].OrgID, model.OrgPending, 0)
	if resp, _ := f.json(a, "POST", "/api/v1/posts", `{"fair_id":`+fair+`,"title":"x"}`); resp.StatusCode != 403 {
		t.Fatalf("pending org posts: %d", resp.StatusCode)
	}
	if l, _ := f.db.ListPosts(bg, store.PostFilter{}); len(l) != 2 {
		t.Fatalf("bad requests created posts: %d", len(l))
	}
	// Unknown ids are 404.
	if resp, _ := f.json(f.client(model.RoleOrganizer), "GET", "/api/v1/applications/99999/events", ""); resp.StatusCode != 404 {
		t.Fatalf("unknown application: %d", resp.StatusCode)
	}
}

func importBody(t *testing.T, fields map[string]string, file []byte, name string) (string, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(file)
	w.Close()
	return w.FormDataContentType(), buf.String()
}

// TestImportExport: a file with one bad row imports nothing and lists the
// problem by row and column in the user's language; a good file imports
// whole, through the page (XLSX) and the API (CSV); exports are workbooks.
func TestImportExport(t *testing.T) {
	t.Parallel()
	onEachFair(t, func(t *testing.T, f *fairFixture) {
		a := f.client(model.RoleEnterprise)
		fair := itoa(int(f.fair.ID))
		bad := "title,min_degree,headcount\nChemist,phd,1\n,master,x\n"
		resp, body := f.do(a, "POST", "/api/v1/org/posts/import?fair_id="+fair, "text/csv", bad)
		if resp.StatusCode != 422 || !strings.Contains(body, `"row 3 · title"`) || !strings.Contains(body, `"row 3 · headcount"`) {
			t.Fatalf("bad file: %d %s", resp.StatusCode, body)
		}
		if l, _ := f.db.ListPosts(bg, store.PostFilter{}); len(l) != 0 {
			t.Fatalf("a bad file imported %d posts", len(l))
		}
		f.setLocale(a, "zh")
		ct, mp := importBody(t, map[string]string{"fair_id": fair}, []byte(bad), "posts.csv")
		resp, page := f.do(a, "POST", "/org/posts/import", ct, mp)
		if resp.StatusCode != 422 || !strings.Contains(page, "row 3 · title: 必填") {
			t.Fatalf("bad file page: %d\n%s", resp.StatusCode, page)
		}
		resp, tmpl := f.do(a, "GET", "/org/posts/template.xlsx", "", "")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("template: %d", resp.StatusCode)
		}
		ct, mp = importBody(t, map[string]string{"fair_id": fair}, []byte(tmpl), "posts.xlsx")
		if resp, _ := f.do(a, "POST", "/org/posts/import", ct, mp); resp.StatusCode != 303 {
			t.Fatalf("template import: %d", resp.StatusCode)
		}
		resp, body = f.do(a, "POST", "/api/v1/org/posts/import?fair_id="+fair, "text/csv", "title,city\nChemist,Guangzhou\nCoder,Shenzhen\n")
		if resp.StatusCode != 201 || !strings.Contains(body, `"imported":2`) {
			t.Fatalf("good csv: %d %s", resp.StatusCode, body)
		}
		// Export and read it back: three posts of A's.
		resp, x := f.do(a, "GET", "/exports/posts.xlsx", "", "")
		if resp.StatusCode != 200 {
			t.Fatalf("export: %d", resp.StatusCode)
		}
		if posts, errs := postio.Parse(dropColumns([]byte(x), t), model.Post{OrgID: 1, FairID: 1}); errs != nil || len(posts) != 3 {
			t.Fatalf("export read back: %d %v", len(posts), errs)
		}
		if resp, _ := f.do(f.clientB, "GET", "/exports/applications.xlsx", "", ""); resp.StatusCode != 200 {
			t.Fatalf("B's applications export: %d", resp.StatusCode)
		}
		if resp, _ := f.do(a, "POST", "/api/v1/org/posts/import", "text/csv", "title\nx\n"); resp.StatusCode != 422 {
			t.Fatalf("import without a fair: %d", resp.StatusCode)
		}
	})
}

// dropColumns re-writes an export without its id, fair_id and status
// columns, as a user would before importing it again.
func dropColumns(x []byte, t *testing.T) []byte {
	t.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.GetRows(wb.GetSheetList()[0])
	if err != nil || len(rows) < 1 || rows[0][0] != "id" {
		t.Fatalf("export rows %v %v", rows, err)
	}
	var buf bytes.Buffer
	s := postio.Sheet{Header: rows[0][3:]}
	for _, r := range rows[1:] {
		row := make([]any, 0, len(r))
		for _, c := range r[3:] {
			row = append(row, c)
		}
		s.Rows = append(s.Rows, row)
	}
	postio.WriteXLSX(&buf, s)
	return buf.Bytes()
}

// TestFairPagesRender renders this area's pages for their roles in both
// languages, with data: no template error and no untranslated key.
func TestFairPagesRender(t *testing.T) {
	t.Parallel()
	f := newFairFixture(t, storetest.SQLite(t))
	ent := f.users[model.RoleEnterprise]
	p := model.Post{OrgID: *ent.OrgID, FairID: f.fair.ID, Title: "Chemist", Industry: "Pharma", City: "Guangzhou"}
	p.Validate()
	f.db.CreatePost(bg, &p)
	tal, _ := f.db.TalentByUser(bg, f.users[model.RoleTalent].ID)
	app, _, _ := f.db.Apply(bg, tal.ID, p.ID, model.ChannelScan)
	f.db.MoveApplications(bg, p.OrgID, []int64{app.ID}, model.AppViewed, ent.ID)
	pid, fair := itoa(int(p.ID)), itoa(int(f.fair.ID))
	pages := map[model.Role][]string{
		"":                   {"/posts?q=chem&industry=Pharma&city=Guangzhou&degree=phd&fair_id=" + fair, "/posts/" + pid, "/fairs/" + fair},
		model.RoleTalent:     {"/me", "/me/applications", "/posts", "/posts/" + pid},
		model.RoleEnterprise: {"/me", "/org/posts", "/org/posts/new", "/org/posts/" + pid + "/edit", "/org/posts/import", "/posts/" + pid, "/inbox", "/inbox?status=viewed&degree=none&from=2000-01-01&to=2100-01-01&post_id=" + pid},
		model.RoleOrganizer:  {"/inbox", "/admin/figures"},
	}
	links := regexp.MustCompile(`(href|action)="[^"]*"`)
	leftover := regexp.MustCompile(`\b(err|field|dash|posts|inbox|import|export|figures|fairpage|orgposts|postform|note|app|degree|channel)\.[a-z_]+\b`)
	for role, paths := range pages {
		for _, lang := range []string{"en", "zh"} {
			c := f.client(role)
			if role != "" {
				f.db.SetLocale(bg, f.users[role].ID, lang)
			}
			for _, path := range paths {
				resp, body := f.do(c, "GET", path, "", "")
				if role == "" {
					resp, body = f.doLang(c, path, lang)
				}
				if resp.StatusCode != 200 {
					t.Errorf("%s as %q (%s): status %d", path, role, lang, resp.StatusCode)
					continue
				}
				if m := leftover.FindString(links.ReplaceAllString(body, "")); m != "" {
					t.Errorf("%s as %q (%s): untranslated key %q", path, role, lang, m)
				}
			}
		}
	}
	if resp, _ := f.do(f.client(model.RoleEnterprise), "GET", "/inbox?status=bogus", "", ""); resp.StatusCode != 422 {
		t.Fatalf("bad inbox filter: %d", resp.StatusCode)
	}
}

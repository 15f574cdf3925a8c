package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

func init() {
	expect(map[string]string{
		"GET /s/{token}":            "anyone",
		"POST /s/{token}/apply":     "talent",
		"POST /s/{token}/register":  "anyone",
		"POST /posts/{id}/apply":    "talent",
		"GET /org/qr":               "enterprise",
		"GET /qr/orgs/{id}":         "enterprise organizer",
		"GET /qr/orgs/{id}/{file}":  "enterprise organizer",
		"GET /qr/posts/{id}/{file}": "enterprise organizer",
		"GET /cv/{id}":              "signed-in",
		"POST /me/cv":               "talent",
	})
}

const testPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"

// scanFixture adds an approved enterprise's open and closed posts and a
// second enterprise to the usual fixture.
type scanFixture struct {
	*fixture
	post, closed model.Post
	otherOrg     int64
}

func newScanFixture(t *testing.T, db *store.DB) *scanFixture {
	f := &scanFixture{fixture: newFixture(t, db)}
	org := *f.users[enterprise].OrgID
	o, _ := db.Organization(bg, org)
	o.NameZH = "广州智能制造有限公司"
	if err := db.UpdateOrganization(bg, &o); err != nil {
		t.Fatal(err)
	}
	f.post = model.Post{OrgID: org, FairID: f.fair.ID, Title: "机器人算法工程师 Robotics engineer", City: "Guangzhou", Skills: []string{"C++", "ROS"}}
	f.closed = model.Post{OrgID: org, FairID: f.fair.ID, Title: "Closed post"}
	for _, p := range []*model.Post{&f.post, &f.closed} {
		p.Validate()
		if p == &f.closed {
			p.Status = model.PostClosed
		}
		if err := db.CreatePost(bg, p); err != nil {
			t.Fatal(err)
		}
	}
	other := model.Organization{Kind: model.OrgEnterprise, Name: "Other Corp", Status: model.OrgApproved}
	if err := db.CreateOrganization(bg, &other); err != nil {
		t.Fatal(err)
	}
	f.otherOrg = other.ID
	return f
}

// en makes a client ask for English (anonymous visitors default to Chinese).
func (f *scanFixture) en(c *http.Client) *http.Client {
	u, _ := url.Parse(f.ts.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en"}})
	return c
}

// decodeQR reads a PNG with a real QR decoder.
func decodeQR(t *testing.T, b []byte) string {
	t.Helper()
	text, err := qr.DecodePNG(b)
	if err != nil {
		t.Fatalf("decode QR: %v", err)
	}
	return text
}

// scanPath gets a post's code as its enterprise, decodes it and returns the
// path it names on the test server.
func (f *scanFixture) scanPath(kind string, id int64) string {
	t := f.t
	t.Helper()
	resp, body := f.do(f.client(enterprise), "GET", fmt.Sprintf("/qr/%s/%d/code.png", kind, id), "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("QR png: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	u := decodeQR(t, []byte(body))
	if !strings.HasPrefix(u, f.ts.URL+"/s/") {
		t.Fatalf("QR encodes %q, want a /s/ URL on %s", u, f.ts.URL)
	}
	return strings.TrimPrefix(u, f.ts.URL)
}

func multipartBody(t *testing.T, fields map[string]string, file string) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if file != "" {
		fw, _ := w.CreateFormFile("cv", "简历.pdf")
		io.WriteString(fw, file)
	}
	w.Close()
	return w.FormDataContentType(), b.String()
}

func TestScanToApply(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			f := newScanFixture(t, db)
			path := f.scanPath("posts", f.post.ID)
			anon := f.en(f.client(""))

			resp, body := f.do(anon, "GET", path, "", "")
			if resp.StatusCode != 200 || !strings.Contains(body, "Robotics engineer") || !strings.Contains(body, `id="quick-register"`) {
				t.Fatalf("landing: %d %s", resp.StatusCode, body)
			}

			// Bad input: field messages, nothing stored.
			good := map[string]string{"name": "Zhang Min", "email": "zhang.min@example.com", "password": testPassword, "degree": "phd", "discipline": "Robotics"}
			bad := []struct {
				name   string
				fields map[string]string
				file   string
				field  string
			}{
				{"png as cv", good, "\x89PNG\r\n\x1a\nnot a pdf", "cv"},
				{"no cv", good, "", "cv"},
				{"no name", map[string]string{"email": "x@example.com", "password": testPassword, "degree": "phd"}, testPDF, "name"},
				{"short password", map[string]string{"name": "X", "email": "x@example.com", "password": "short", "degree": "phd"}, testPDF, "password"},
				{"bad degree", map[string]string{"name": "X", "email": "x@example.com", "password": testPassword, "degree": "wizard"}, testPDF, "degree"},
				{"taken email", map[string]string{"name": "X", "email": "talent@test.example", "password": testPassword, "degree": "phd"}, testPDF, "email"},
			}
			for _, c := range bad {
				ct, mb := multipartBody(t, c.fields, c.file)
				resp, body := f.do(f.en(f.client("")), "POST", path+"/register", ct, mb)
				if resp.StatusCode != 422 || !strings.Contains(body, `class="err"`) {
					t.Fatalf("%s: %d %s", c.name, resp.StatusCode, body)
				}
				want := map[string]string{"cv": "PDF", "name": "required", "password": "10", "degree": "Choose", "email": "already"}[c.field]
				if !strings.Contains(body, want) {
					t.Fatalf("%s: no message about %s (%q) in %s", c.name, c.field, want, body)
				}
			}
			if apps, _ := db.ApplicationsOfOrg(bg, f.post.OrgID, 0, 0); len(apps) != 0 {
				t.Fatalf("bad registrations made %d applications", len(apps))
			}
			if _, _, err := db.UserByEmail(bg, "zhang.min@example.com"); !model.IsNotFound(err) {
				t.Fatalf("a refused registration made an account: %v", err)
			}

			// A new talent registers with a CV and lands on the application.
			me := f.en(f.client(""))
			ct, mb := multipartBody(t, good, testPDF)
			resp, _ = f.do(me, "POST", path+"/register", ct, mb)
			if resp.StatusCode != 303 || resp.Header.Get("Location") != path {
				t.Fatalf("register: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
			resp, body = f.do(me, "GET", path, "", "")
			if !strings.Contains(body, "Your account is ready and your application was sent") || !strings.Contains(body, `id="scan-status"`) {
				t.Fatalf("after registering: %s", body)
			}
			u, _, _ := db.UserByEmail(bg, "zhang.min@example.com")
			tal, _ := db.TalentByUser(bg, u.ID)
			if tal.Degree != model.DegreePhD || tal.Discipline != "Robotics" || !strings.HasPrefix(tal.CVFile, "db:") {
				t.Fatalf("profile = %+v", tal)
			}

			// Scanning again and tapping again: still one application.
			resp, _ = f.do(me, "POST", path+"/apply", "", "")
			if resp.StatusCode != 303 {
				t.Fatalf("second apply: %d", resp.StatusCode)
			}
			_, body = f.do(me, "GET", path, "", "")
			if !strings.Contains(body, "already applied") {
				t.Fatalf("second apply message missing: %s", body)
			}
			apps, _ := db.ApplicationsOfTalent(bg, tal.ID)
			if len(apps) != 1 || apps[0].Channel != model.ChannelScan || apps[0].PostID != f.post.ID {
				t.Fatalf("applications = %+v", apps)
			}

			// A signed-in talent taps once; from the post page the channel is by device.
			seeded := f.client(talent)
			resp, _ = f.do(seeded, "POST", path+"/apply", "", "")
			st, _ := db.TalentByUser(bg, f.users[talent].ID)
			if a, err := db.ApplicationOf(bg, st.ID, f.post.ID); resp.StatusCode != 303 || err != nil || a.Channel != model.ChannelScan {
				t.Fatalf("one tap: %d %+v %v", resp.StatusCode, a, err)
			}

			// A closed post says so and takes nothing.
			cpath := f.scanPath("posts", f.closed.ID)
			_, body = f.do(seeded, "GET", cpath, "", "")
			if !strings.Contains(body, "This post is closed") {
				t.Fatalf("closed landing: %s", body)
			}
			f.do(seeded, "POST", cpath+"/apply", "", "")
			if _, err := db.ApplicationOf(bg, st.ID, f.closed.ID); !model.IsNotFound(err) {
				t.Fatalf("applied to a closed post: %v", err)
			}

			// The booth code lists the open posts, each with its own code.
			bpath := f.scanPath("orgs", f.post.OrgID)
			_, body = f.do(anon, "GET", bpath, "", "")
			if !strings.Contains(body, "广州智能制造有限公司") && !strings.Contains(body, "Org enterprise") || !strings.Contains(body, `href="`+path+`"`) || strings.Contains(body, "Closed post") {
				t.Fatalf("booth landing: %s", body)
			}

			// The CV: readable by its talent, the enterprise applied to and
			// organizers; refused to everyone else.
			cvPath := fmt.Sprintf("/cv/%d", tal.ID)
			for _, c := range []struct {
				who  *http.Client
				name string
				want int
			}{
				{me, "the talent", 200}, {f.client(enterprise), "enterprise applied to", 200}, {f.client(organizer), "organizer", 200},
				{f.client(talent), "another talent", 403}, {f.client(delegation), "delegation", 403}, {f.client(model.RoleJudge), "judge", 403},
				{anon, "anonymous", 303},
			} {
				resp, body := f.do(c.who, "GET", cvPath, "", "")
				if resp.StatusCode != c.want {
					t.Fatalf("CV as %s: %d, want %d", c.name, resp.StatusCode, c.want)
				}
				if c.want == 200 && (body != testPDF || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment")) {
					t.Fatalf("CV as %s: %q %v", c.name, body, resp.Header)
				}
			}
			if resp, _ := f.do(f.client(organizer), "GET", fmt.Sprintf("/cv/%d", st.ID), "", ""); resp.StatusCode != 404 {
				t.Fatalf("CV never uploaded: %d", resp.StatusCode)
			}

			// Visits: each landing view above is counted under its channel.
			if err := f.srv.FlushVisits(bg); err != nil {
				t.Fatal(err)
			}
			vs, _ := db.Visits(bg, "post", f.post.ID)
			if len(vs) != 1 || vs[0].Channel != model.ChannelScan || vs[0].Count != 3 || vs[0].Day == "" {
				t.Fatalf("post visits = %+v", vs)
			}
		})
	}
}

func TestBadTokens(t *testing.T) {
	t.Parallel()
	f := newScanFixture(t, storetest.SQLite(t))
	path := f.scanPath("posts", f.post.ID)
	tok := strings.TrimPrefix(path, "/s/")
	payload, sig, _ := strings.Cut(tok, ".")
	for name, p := range map[string]string{
		"garbage":     "/s/hello",
		"tampered":    "/s/" + payload + "." + strings.Repeat("A", len(sig)),
		"other post":  "/s/p" + fmt.Sprint(f.closed.ID) + "." + sig,
		"database id": fmt.Sprintf("/s/%d", f.post.ID),
		"too long":    "/s/" + strings.Repeat("x", 300),
	} {
		resp, body := f.do(f.en(f.client(talent)), "GET", p, "", "")
		if resp.StatusCode != 404 || !strings.Contains(body, "This QR code is not valid") {
			t.Fatalf("%s: %d %s", name, resp.StatusCode, body)
		}
		resp, _ = f.do(f.client(talent), "POST", p+"/apply", "", "")
		if resp.StatusCode != 404 {
			t.Fatalf("%s apply: %d", name, resp.StatusCode)
		}
	}
	tal, _ := f.db.TalentByUser(bg, f.users[talent].ID)
	if apps, _ := f.db.ApplicationsOfTalent(bg, tal.ID); len(apps) != 0 {
		t.Fatalf("bad tokens made applications: %+v", apps)
	}
	// A well-signed token for a post that does not exist is a bad code too.
	sec, _ := f.srv.deps.Codes.Secret(bg)
	if resp, _ := f.do(f.client(""), "GET", "/s/"+qr.Token(sec, qr.Post, 987654), "", ""); resp.StatusCode != 404 {
		t.Fatalf("token of a missing post: %d", resp.StatusCode)
	}
}

func TestQRAccess(t *testing.T) {
	t.Parallel()
	f := newScanFixture(t, storetest.SQLite(t))
	for _, c := range []struct {
		role model.Role
		path string
		want int
	}{
		{enterprise, fmt.Sprintf("/qr/posts/%d/code.svg", f.post.ID), 200},
		{enterprise, fmt.Sprintf("/qr/orgs/%d/code.png", f.post.OrgID), 200},
		{enterprise, fmt.Sprintf("/qr/orgs/%d", f.post.OrgID), 200},
		{enterprise, fmt.Sprintf("/qr/posts/%d/code.gif", f.post.ID), 404},
		{enterprise, fmt.Sprintf("/qr/orgs/%d/code.png", f.otherOrg), 403},
		{enterprise, fmt.Sprintf("/qr/orgs/%d", f.otherOrg), 403},
		{organizer, fmt.Sprintf("/qr/posts/%d/code.png", f.post.ID), 200},
		{organizer, fmt.Sprintf("/qr/orgs/%d", f.post.OrgID), 200},
		{organizer, fmt.Sprintf("/qr/orgs/%d", *f.users[delegation].OrgID), 404},
		{organizer, "/qr/posts/987654/code.png", 404},
	} {
		resp, body := f.do(f.client(c.role), "GET", c.path, "", "")
		if resp.StatusCode != c.want {
			t.Fatalf("%s %s: %d, want %d: %s", c.role, c.path, resp.StatusCode, c.want, body)
		}
	}
	// Another enterprise may not print this one's post codes.
	o := f.otherOrg
	u := model.User{Email: "hr@other.example", Name: "HR", Role: enterprise, OrgID: &o, Locale: "en"}
	f.db.CreateUser(bg, &u, testHash)
	f.users[model.Role("other")] = u
	if resp, _ := f.do(f.client("other"), "GET", fmt.Sprintf("/qr/posts/%d/code.png", f.post.ID), "", ""); resp.StatusCode != 403 {
		t.Fatalf("other enterprise: %d", resp.StatusCode)
	}
	resp, _ := f.do(f.client(enterprise), "GET", "/org/qr", "", "")
	if resp.StatusCode != 303 || resp.Header.Get("Location") != fmt.Sprintf("/qr/orgs/%d", f.post.OrgID) {
		t.Fatalf("/org/qr: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestPosterPDF prints the poster with Chromium and checks a CJK font is
// embedded (the enterprise's Chinese name is on it).
func TestPosterPDF(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but chromium is not installed")
		}
		t.Skip("chromium not installed")
	}
	f := newScanFixture(t, storetest.SQLite(t))
	c := f.client(enterprise)
	f.do(c, "POST", "/lang", "application/x-www-form-urlencoded", url.Values{"locale": {"zh"}}.Encode())
	resp, body := f.do(c, "GET", fmt.Sprintf("/qr/orgs/%d/poster.pdf", f.post.OrgID), "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("poster: %d %s %.200q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if !strings.Contains(body, "NotoSansCJK") && !strings.Contains(body, "NotoSansSC") {
		t.Fatalf("poster embeds no CJK font")
	}
}

func TestProfileCVUpload(t *testing.T) {
	t.Parallel()
	f := newScanFixture(t, storetest.SQLite(t))
	c := f.en(f.client(talent))
	for _, bad := range []string{"", "GIF89a....", "%PDF-1.4 but no trailer", "%PDF-1.4\n" + strings.Repeat("x", model.MaxCVSize) + "\nstartxref\n0\n%%EOF"} {
		ct, mb := multipartBody(t, nil, bad)
		resp, body := f.do(c, "POST", "/me/cv", ct, mb)
		if resp.StatusCode != 422 || !strings.Contains(body, `id="cv-err"`) {
			t.Fatalf("bad CV %.20q: %d %s", bad, resp.StatusCode, body)
		}
	}
	huge := strings.Repeat("x", model.MaxCVSize+2<<20)
	ct, mb := multipartBody(t, nil, huge)
	if resp, body := f.do(c, "POST", "/me/cv", ct, mb); resp.StatusCode != 422 || !strings.Contains(body, "larger than 5 MB") {
		t.Fatalf("huge CV: %d %s", resp.StatusCode, body)
	}
	tal, _ := f.db.TalentByUser(bg, f.users[talent].ID)
	if _, err := f.db.CV(bg, tal.ID); !model.IsNotFound(err) {
		t.Fatalf("a bad CV was stored: %v", err)
	}
	ct, mb = multipartBody(t, nil, testPDF)
	if resp, _ := f.do(c, "POST", "/me/cv", ct, mb); resp.StatusCode != 303 {
		t.Fatalf("good CV: %d", resp.StatusCode)
	}
	_, body := f.do(c, "GET", "/me/profile", "", "")
	if !strings.Contains(body, fmt.Sprintf(`href="/cv/%d"`, tal.ID)) {
		t.Fatalf("profile has no CV link: %s", body)
	}
}

// TestVisitCounter: many goroutines count at once (run with -race); after
// Close every visit is in the database, exactly.
func TestVisitCounter(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			srv, err := New(db, Config{Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			e := model.Edition{Slug: "e", Name: "E", City: "Guangzhou", TimeZone: "Asia/Shanghai"}
			e.StartDate, e.EndDate = time.Date(2017, 12, 17, 0, 0, 0, 0, time.UTC), time.Date(2017, 12, 18, 0, 0, 0, 0, time.UTC)
			e.Current = true
			db.CreateEdition(bg, &e, 0)
			var wg sync.WaitGroup
			const workers, each = 8, 500
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						ch := []model.Channel{model.ChannelPC, model.ChannelMobile, model.ChannelScan}[(w+i)%3]
						srv.deps.Visits.Count("post", int64(1+i%5), ch)
						if i%250 == 0 {
							srv.FlushVisits(bg) // flushes race with counting
						}
					}
				}()
			}
			wg.Wait()
			if err := srv.Close(); err != nil {
				t.Fatal(err)
			}
			srv.deps.Visits.Count("post", 1, model.ChannelPC) // after Close: not counted, no panic
			total := 0
			for id := int64(1); id <= 5; id++ {
				vs, err := db.Visits(bg, "post", id)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					total += v.Count
				}
			}
			if total != workers*each {
				t.Fatalf("counted %d visits, want %d", total, workers*each)
			}
		})
	}
}

// TestLandingFollowsEdits: the landing keeps posts for a moment (scan.go),
// but an edit or a closing made on this server shows on the next scan.
func TestLandingFollowsEdits(t *testing.T) {
	t.Parallel()
	f := newScanFixture(t, storetest.SQLite(t))
	path := f.scanPath("posts", f.post.ID)
	tc := f.en(f.client(talent))
	if _, body := f.do(tc, "GET", path, "", ""); !strings.Contains(body, `id="apply"`) {
		t.Fatalf("open post without the apply button:\n%s", body)
	}
	id := itoa(int(f.post.ID))
	if resp, body := f.json(f.client(enterprise), "PUT", "/api/v1/posts/"+id, `{"fair_id":`+itoa(int(f.fair.ID))+`,"title":"Robot vision engineer","min_degree":"bachelor","headcount":1}`); resp.StatusCode != 200 {
		t.Fatalf("edit: %d %s", resp.StatusCode, body)
	}
	if _, body := f.do(tc, "GET", path, "", ""); !strings.Contains(body, "Robot vision engineer") {
		t.Fatalf("the landing shows the old title after an edit:\n%s", body)
	}
	if resp, body := f.json(f.client(enterprise), "POST", "/api/v1/posts/"+id+"/status", `{"status":"closed"}`); resp.StatusCode != 200 {
		t.Fatalf("close: %d %s", resp.StatusCode, body)
	}
	if _, body := f.do(tc, "GET", path, "", ""); !strings.Contains(body, "This post is closed") || strings.Contains(body, `id="apply"`) {
		t.Fatalf("the landing still offers a closed post:\n%s", body)
	}
}

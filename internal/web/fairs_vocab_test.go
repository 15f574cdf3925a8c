package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/jsonview"
)

// TestPostFiltersOneVocabulary: posts that spell a city or an industry in
// either language (广州, Guangzhou, 广州市) give one filter entry with the
// summed count, labelled in the reader's language; choosing it, by key or
// by any spelling, finds them all; cards and the post page show the
// reader's label, and a city outside the vocabulary stays as typed. On
// both databases.
func TestPostFiltersOneVocabulary(t *testing.T) {
	t.Parallel()
	onEachFair(t, func(t *testing.T, f *fairFixture) {
		org := *f.users[model.RoleEnterprise].OrgID
		var first int64
		for i, c := range []struct{ city, industry string }{
			{"广州", "智能制造"}, {"广州", "智能制造"}, {"广州市", ""}, {"Guangzhou", "Intelligent manufacturing"}, {"Guangzhou", ""},
			{"Shenzhen", "金融"}, {"佛山市", "Basket weaving"},
		} {
			p := model.Post{OrgID: org, FairID: f.fair.ID, Title: "Post " + itoa(i), City: c.city, Industry: c.industry, MinDegree: model.DegreeBachelor, Headcount: 1}
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			if err := f.db.CreatePost(bg, &p); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = p.ID
			}
		}
		options := regexp.MustCompile(`<option value="([^"]*)" *(selected)?>([^<]*)</option>`)
		entries := func(page, name string) map[string]string { // label (count) → key
			i := strings.Index(page, `name="`+name+`"`)
			if i < 0 {
				t.Fatalf("no %s filter", name)
			}
			sel := page[i : i+strings.Index(page[i:], "</select>")]
			out := map[string]string{}
			for _, m := range options.FindAllStringSubmatch(sel, -1) {
				if m[1] != "" {
					if _, dup := out[m[3]]; dup {
						t.Fatalf("%s listed twice", m[3])
					}
					out[m[3]] = m[1]
				}
			}
			return out
		}
		c := f.client("")
		for _, lang := range []struct {
			code               string
			cities, industries map[string]string
			card               string
		}{
			{"zh", map[string]string{"广州 (5)": "guangzhou", "深圳 (1)": "shenzhen", "佛山市 (1)": "佛山"},
				map[string]string{"智能制造 (3)": "intelligent_manufacturing", "金融 (1)": "finance", "Basket weaving (1)": "basket weaving"}, "广州 · 智能制造"},
			{"en", map[string]string{"Guangzhou (5)": "guangzhou", "Shenzhen (1)": "shenzhen", "佛山市 (1)": "佛山"},
				map[string]string{"Intelligent manufacturing (3)": "intelligent_manufacturing", "Finance (1)": "finance", "Basket weaving (1)": "basket weaving"}, "Guangzhou · Intelligent manufacturing"},
		} {
			_, page := f.doLang(c, "/posts", lang.code)
			for name, want := range map[string]map[string]string{"city": lang.cities, "industry": lang.industries} {
				got := entries(page, name)
				if len(got) != len(want) {
					t.Fatalf("%s %s filter = %v, want %v", lang.code, name, got, want)
				}
				for k, v := range want {
					if got[k] != v {
						t.Fatalf("%s %s filter = %v, want %v", lang.code, name, got, want)
					}
				}
			}
			if !strings.Contains(page, lang.card) {
				t.Fatalf("%s: no card reads %q", lang.code, lang.card)
			}
			_, page = f.doLang(c, "/posts/"+itoa(int(first)), lang.code)
			for _, s := range strings.Split(lang.card, " · ") {
				if !strings.Contains(page, "<dd>"+s+"</dd>") {
					t.Fatalf("%s post page lacks %q", lang.code, s)
				}
			}
		}
		// Choosing the entry, by its key or any spelling, finds every spelling.
		for _, q := range []string{"city=guangzhou", "city=" + url.QueryEscape("广州"), "city=Canton", "city=guangzhou&industry=intelligent_manufacturing"} {
			want := 5
			if strings.Contains(q, "industry") {
				want = 3 // 广州 ×2 and Guangzhou in 智能制造 or Intelligent manufacturing
			}
			_, page := f.doLang(c, "/posts?"+q, "en")
			if n := strings.Count(page, `<a href="/posts/`); n != want {
				t.Fatalf("/posts?%s lists %d posts, want %d", q, n, want)
			}
			if !strings.Contains(page, `<option value="guangzhou" selected>`) {
				t.Fatalf("/posts?%s: Guangzhou not selected", q)
			}
			_, body := f.json(c, "GET", "/api/v1/posts/search?"+q, "")
			if l := decode[[]jsonview.Post](t, body); len(l) != want {
				t.Fatalf("API ?%s found %d posts, want %d", q, len(l), want)
			}
		}
		for q, want := range map[string]int{"city=" + url.QueryEscape("佛山"): 1, "industry=basket+WEAVING": 1, "city=Lhasa": 0} {
			if _, page := f.doLang(c, "/posts?"+q, "zh"); strings.Count(page, `<a href="/posts/`) != want {
				t.Fatalf("/posts?%s: want %d posts", q, want)
			}
		}
	})
}

// TestScanLandingVocabulary: a post's landing shows its city, industry and
// skills in the reader's language, and so does an enterprise's list of posts;
// the kept parts of one language never reach the other.
func TestScanLandingVocabulary(t *testing.T) {
	t.Parallel()
	f := newScanFixture(t, storetest.SQLite(t))
	p := model.Post{OrgID: f.post.OrgID, FairID: f.fair.ID, Title: "Vocabulary post", City: "广州市", Industry: "Smart manufacturing", Skills: []string{"PLC编程", "ROS"}}
	p.Validate()
	if err := f.db.CreatePost(bg, &p); err != nil {
		t.Fatal(err)
	}
	post, org := f.scanPath("posts", p.ID), f.scanPath("orgs", p.OrgID)
	for _, c := range []struct {
		client     *http.Client
		city, inds string
		skills     string
	}{{f.client(""), "广州", "智能制造", `PLC编程, <span lang="en">ROS</span>`}, {f.en(f.client("")), "Guangzhou", "Intelligent manufacturing", "PLC programming, ROS"}, {f.client(""), "广州", "智能制造", `PLC编程, <span lang="en">ROS</span>`}} {
		if _, body := f.do(c.client, "GET", post, "", ""); !strings.Contains(body, "<dd>"+c.city+"</dd>") || !strings.Contains(body, "<dd>"+c.inds+"</dd>") || !strings.Contains(body, "<dd>"+c.skills+"</dd>") {
			t.Fatalf("post landing lacks %s, %s:\n%s", c.city, c.inds, body)
		}
		if _, body := f.do(c.client, "GET", org, "", ""); !strings.Contains(body, "Vocabulary post") || !strings.Contains(body, "</a> · "+c.city+"</li>") {
			t.Fatalf("enterprise landing lacks %s:\n%s", c.city, body)
		}
	}
}

// TestImportUnmapped: the post form offers the vocabulary's cities and
// industries in the reader's language; an import whose cities and industries the vocabulary
// does not know still imports, and says those values by row in the
// importer's language, on the page and in the API's answer; a file of
// known values (in any spelling) goes straight to the posts.
func TestImportUnmapped(t *testing.T) {
	t.Parallel()
	onEachFair(t, func(t *testing.T, f *fairFixture) {
		a := f.client(model.RoleEnterprise)
		fair := itoa(int(f.fair.ID))
		file := "title,city,industry\nA,广州市,Smart manufacturing\nB,Foshan,智能制造\nC,Canton,Basket weaving\n"
		f.setLocale(a, "zh")
		if _, page := f.do(a, "GET", "/org/posts/new", "", ""); !strings.Contains(page, `<datalist id="vocab-cities"><option value="北京"><option value="上海"><option value="广州">`) ||
			!strings.Contains(page, `<option value="智能制造">`) {
			t.Fatalf("the post form does not offer the vocabulary:\n%s", page)
		}
		ct, mp := importBody(t, map[string]string{"fair_id": fair}, []byte(file), "posts.csv")
		resp, page := f.do(a, "POST", "/org/posts/import", ct, mp)
		if resp.StatusCode != 200 || !strings.Contains(page, `id="import-unmapped"`) || !strings.Contains(page, "已导入 3 个职位") ||
			!strings.Contains(page, "<li>第 3 行 · 城市：Foshan</li>") || !strings.Contains(page, "<li>第 4 行 · 行业：Basket weaving</li>") || strings.Contains(page, "广州市</li>") {
			t.Fatalf("page: %d\n%s", resp.StatusCode, page)
		}
		f.setLocale(a, "en")
		resp, body := f.do(a, "POST", "/api/v1/org/posts/import?fair_id="+fair, "text/csv", file)
		if resp.StatusCode != 201 {
			t.Fatalf("API: %d %s", resp.StatusCode, body)
		}
		j := decode[struct {
			Imported int `json:"imported"`
			Unmapped []struct {
				Row     int    `json:"row"`
				Column  string `json:"column"`
				Value   string `json:"value"`
				Message string `json:"message"`
			} `json:"unmapped"`
		}](t, body)
		if j.Imported != 3 || len(j.Unmapped) != 2 || j.Unmapped[0].Row != 3 || j.Unmapped[0].Column != "city" || j.Unmapped[0].Value != "Foshan" ||
			j.Unmapped[1].Message != "row 4 · Industry: Basket weaving" {
			t.Fatalf("API: %s", body)
		}
		ct, mp = importBody(t, map[string]string{"fair_id": fair}, []byte("title,city,industry\nD,广州市,Intelligent manufacturing\n"), "posts.csv")
		if resp, _ := f.do(a, "POST", "/org/posts/import", ct, mp); resp.StatusCode != 303 {
			t.Fatalf("known values: %d, want a redirect to the posts", resp.StatusCode)
		}
	})
}

package render

import (
	"testing"

	"github.com/convene/convene/internal/i18n"
)

func TestBilingual(t *testing.T) {
	for _, tc := range []struct {
		name, locale, en, zh, want string
	}{
		{"english reader, english", "en", "Data analyst", "数据分析师", "Data analyst"},
		{"chinese reader, chinese", "zh", "Data analyst", "数据分析师", "数据分析师"},
		{"english reader, chinese only", "en", "", "数据分析师", `<span lang="zh-CN" class="xl">数据分析师</span>`},
		{"chinese reader, english only", "zh", "Data analyst", "", `<span lang="en" class="xl">Data analyst</span>`},
		{"chinese copied into the english column", "en", "数据分析师", "数据分析师", `<span lang="zh-CN" class="xl">数据分析师</span>`},
		{"chinese copied, chinese reader", "zh", "数据分析师", "数据分析师", "数据分析师"},
		{"older record: chinese in the english column", "en", "数据分析师", "", `<span lang="zh-CN" class="xl">数据分析师</span>`},
		{"escaped, own language", "en", `<b>R&D</b> "x"`, "", `&lt;b&gt;R&amp;D&lt;/b&gt; &#34;x&#34;`},
		{"escaped, marked", "en", "", `<script>研发</script>&`, `<span lang="zh-CN" class="xl">&lt;script&gt;研发&lt;/script&gt;&amp;</span>`},
		{"escaped, english fallback", "zh", `a<b`, "", `<span lang="en" class="xl">a&lt;b</span>`},
		{"nothing", "en", "", "", ""},
		{"numbers read alike", "zh", "5G", "", `<span lang="en" class="xl">5G</span>`},
		{"no letters", "zh", "2017", "", "2017"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(Bilingual(tc.locale, tc.en, tc.zh)); got != tc.want {
				t.Fatalf("Bilingual(%q, %q, %q) = %q, want %q", tc.locale, tc.en, tc.zh, got, tc.want)
			}
		})
	}
}

func TestOwn(t *testing.T) {
	for _, tc := range []struct{ locale, s, want string }{
		{"en", "Guangzhou", "Guangzhou"},
		{"en", "广州", `<span lang="zh-CN">广州</span>`},
		{"en", "Python, 机器学习<", `<span lang="zh-CN">Python, 机器学习&lt;</span>`},
		{"zh", "广州", "广州"},
		{"zh", "Python", `<span lang="en">Python</span>`},
		{"zh", "Python, 机器学习", "Python, 机器学习"},
	} {
		v := &View{L: tc.locale}
		if got := string(v.Own(tc.s)); got != tc.want {
			t.Errorf("Own(%s, %q) = %q, want %q", tc.locale, tc.s, got, tc.want)
		}
	}
}

func TestOwnList(t *testing.T) {
	l := []string{"FPGA", "嵌入式", "Python"}
	for _, tc := range []struct{ locale, want string }{
		{"zh", `<span lang="en">FPGA</span>, 嵌入式, <span lang="en">Python</span>`},
		{"en", `FPGA, <span lang="zh-CN">嵌入式</span>, Python`},
	} {
		v := &View{L: tc.locale}
		if got := string(v.OwnList(l)); got != tc.want {
			t.Errorf("%s: OwnList = %s, want %s", tc.locale, got, tc.want)
		}
	}
	if got := (&View{L: "zh"}).OwnList(nil); got != "" {
		t.Errorf("OwnList(nil) = %q", got)
	}
}

func TestLangOf(t *testing.T) {
	for _, tc := range []struct{ locale, en, zh, want string }{
		{"en", "Analyst", "分析师", "en"},
		{"zh", "Analyst", "分析师", "zh-CN"},
		{"en", "", "分析师", "zh-CN"},
		{"zh", "Analyst", "", "en"},
		{"en", "分析师", "分析师", "zh-CN"},
	} {
		v := &View{L: tc.locale}
		if got := v.LangOf(tc.en, tc.zh); got != tc.want {
			t.Errorf("LangOf(%s, %q, %q) = %q, want %q", tc.locale, tc.en, tc.zh, got, tc.want)
		}
	}
}

func TestTM(t *testing.T) {
	v := &View{L: "en", cat: i18n.Catalog{"en": {"hello": "Hello, %s & %s"}, "zh": {"hello": "您好，%s、%s"}}}
	got := string(v.TM("hello", v.Own("李雷"), "<b>"))
	if want := `Hello, <span lang="zh-CN">李雷</span> &amp; &lt;b&gt;`; got != want {
		t.Fatalf("TM = %q, want %q", got, want)
	}
}

func TestTC(t *testing.T) {
	v := &View{L: "zh", cat: i18n.Catalog{"zh": {"help": "每行：`title`（名称）、`a<b`，未配对的 ` 照原样"}}}
	got := string(v.TC("help"))
	if want := "每行：<code>title</code>（名称）、<code>a&lt;b</code>，未配对的 ` 照原样"; got != want {
		t.Fatalf("TC = %q, want %q", got, want)
	}
}

func TestNoticeHTML(t *testing.T) {
	rd := &Renderer{cat: i18n.Catalog{"en": {"note": "%s applied to “%s”: %s", "app.viewed": "viewed"}, "zh": {"note": "%s 申请了“%s”：%s", "app.viewed": "已查看"}}}
	got := string(rd.NoticeHTML("en", "note", []string{"潘远子", "a<b", "app.viewed"}))
	if want := `<span lang="zh-CN">潘远子</span> applied to “a&lt;b”: viewed`; got != want {
		t.Fatalf("NoticeHTML = %q, want %q", got, want)
	}
	if got := rd.NoticeHTML("en", "missing", nil); got != "" {
		t.Fatalf("unknown key = %q", got)
	}
}

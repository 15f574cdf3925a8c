package chart

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestProvince(t *testing.T) {
	for name, code := range map[string]string{
		"Guangdong": "GD", "广东省": "GD", "广东": "GD", "guangdong province": "GD", "CN-GD": "GD", "粤": "GD",
		"Shanxi": "SX", "Shaanxi": "SN", "山西省": "SX", "陕西": "SN",
		"Inner Mongolia": "NM", "内蒙古自治区": "NM", "Inner Mongolia Autonomous Region": "NM",
		"Guangxi Zhuang Autonomous Region": "GX", "广西壮族自治区": "GX", "Xinjiang Uygur Autonomous Region": "XJ",
		"Xinjiang": "XJ", "Xinjiang Production and Construction Corps": "XPCC", "新疆生产建设兵团": "XPCC",
		"Hong Kong": "HK", "Hong Kong SAR": "HK", "香港特别行政区": "HK", "Macau": "MO", "Macao": "MO", "Taiwan": "TW",
		"Beijing Municipality": "BJ", "北京市": "BJ", "Tibet": "XZ", "Xizang": "XZ", " chongqing ": "CQ",
	} {
		d, ok := Province(name)
		if !ok || d.Code != code {
			t.Errorf("Province(%q) = %q, %v; want %s", name, d.Code, ok, code)
		}
	}
	for _, name := range []string{"", "Russia", "foreign", "Guangdong & Co", "Xin", "Mongolia"} {
		if d, ok := Province(name); ok {
			t.Errorf("Province(%q) = %s, want none", name, d.Code)
		}
	}
}

func TestDivisionsGrid(t *testing.T) {
	if len(divisions) != 35 {
		t.Fatalf("%d divisions, want 31 mainland, the Corps, Hong Kong, Macao and Taiwan", len(divisions))
	}
	at := map[[2]int]string{}
	codes := map[string]bool{}
	for _, d := range divisions {
		if d.Col < 0 || d.Col > 8 || d.Row < 0 || d.Row > 7 {
			t.Errorf("%s off the grid at %d,%d", d.Code, d.Col, d.Row)
		}
		if o, ok := at[[2]int{d.Col, d.Row}]; ok {
			t.Errorf("%s and %s share a tile", d.Code, o)
		}
		at[[2]int{d.Col, d.Row}] = d.Code
		if codes[d.Code] || d.EN == "" || d.ZH == "" || d.ShortEN == "" || d.ShortZH == "" {
			t.Errorf("division %+v repeated or incomplete", d)
		}
		codes[d.Code] = true
	}
	// The legend (top left) and the unplaced items (bottom left) have
	// their corners to themselves.
	for c := 0; c <= 4; c++ {
		for r := 0; r <= 1; r++ {
			if o, ok := at[[2]int{c, r}]; ok {
				t.Errorf("%s under the legend", o)
			}
		}
	}
	for c := 0; c <= 2; c++ {
		for r := 5; r <= 7; r++ {
			if o, ok := at[[2]int{c, r}]; ok {
				t.Errorf("%s under the unplaced items", o)
			}
		}
	}
}

var tileValue = regexp.MustCompile(`<g class="tile" data-code="([A-Z]+)"><rect [^>]*fill="(#[0-9a-f]+)"[^>]*><title>([^<]*)</title>`)

func TestMap(t *testing.T) {
	items := []Item{
		{Label: "Guangdong", Value: 12, Key: "Guangdong"},
		{Label: "广东省", Value: 3, Key: "广东省"}, // the same province typed in Chinese adds up
		{Label: "Beijing", Value: 1, Key: "Beijing"},
		{Label: "Hong Kong", Value: 2, Key: "Hong Kong"},
		{Label: "Xinjiang Production and Construction Corps", Value: 1, Key: "Xinjiang Production and Construction Corps"},
		{Label: "Foreign <delegations> & co", Value: 4, Key: "foreign"},
		{Label: "Atlantis", Value: 1}, // matched by its label, on no tile
	}
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			h := string(Map(Chart{ID: "chart-map", Title: "Delegations <by> province & region", Label: "Province", Unit: "Delegations", Items: items, Lang: lang}))
			n := parse(t, template.HTML(h))
			if n["svg"] != 1 || n["figure"] != 1 || n["table"] != 1 || n["figcaption"] != 1 || n["desc"] != 1 {
				t.Fatalf("elements %v", n)
			}
			if !strings.Contains(h, `<title>Delegations &lt;by&gt; province &amp; region</title>`) || !strings.Contains(h, `role="img"`) || !strings.Contains(h, `id="chart-map"`) {
				t.Fatal("no escaped title, role or id")
			}
			if strings.Contains(h, "<delegations>") || !strings.Contains(h, "Foreign &lt;delegations&gt; &amp; co: 4") {
				t.Fatal("an unplaced item's label not escaped or not shown")
			}
			// Every tile is drawn; the ones in the data carry their value.
			tiles := map[string]string{}
			shade := map[string]string{}
			for _, m := range tileValue.FindAllStringSubmatch(h, -1) {
				tiles[m[1]], shade[m[1]] = m[3], m[2]
			}
			if len(tiles) != len(divisions) {
				t.Fatalf("%d tiles drawn, want %d", len(tiles), len(divisions))
			}
			gd, bj, hk, xp := "Guangdong: 15", "Beijing: 1", "Hong Kong: 2", "Xinjiang Production and Construction Corps: 1"
			if lang == "zh" {
				gd, bj, hk, xp = "广东省: 15", "北京市: 1", "香港特别行政区: 2", "新疆生产建设兵团: 1"
			}
			for code, want := range map[string]string{"GD": gd, "BJ": bj, "HK": hk, "XPCC": xp} {
				if tiles[code] != want {
					t.Errorf("tile %s says %q, want %q", code, tiles[code], want)
				}
			}
			if shade["GD"] != shades[len(shades)-1] || shade["TW"] != zeroShade || shade["BJ"] == zeroShade {
				t.Errorf("shades: GD %s, BJ %s, TW %s", shade["GD"], shade["BJ"], shade["TW"])
			}
			// The table: one row per province in the data (Guangdong once),
			// and the unplaced items under their labels.
			rows := regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td>([^<]*)</td>`).FindAllStringSubmatch(h, -1)
			got := map[string]string{}
			for _, r := range rows {
				got[r[1]] = r[2]
			}
			want := map[string]string{"Guangdong": "15", "Beijing": "1", "Hong Kong": "2", "Xinjiang Production and Construction Corps": "1",
				"Foreign &lt;delegations&gt; &amp; co": "4", "Atlantis": "1"}
			if lang == "zh" {
				want = map[string]string{"广东省": "15", "北京市": "1", "香港特别行政区": "2", "新疆生产建设兵团": "1", "Foreign &lt;delegations&gt; &amp; co": "4", "Atlantis": "1"}
			}
			if len(rows) != len(want) {
				t.Fatalf("%d table rows, want %d: %v", len(rows), len(want), got)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("table row %q = %q, want %q", k, got[k], v)
				}
			}
			// Tiles are labelled in the reader's language.
			label := map[string]string{"en": ">Guangdong</text>", "zh": ">广东</text>"}[lang]
			if !strings.Contains(h, label) {
				t.Errorf("no tile label %s", label)
			}
		})
	}
	parse(t, Map(Chart{Title: "empty"}))
}

func TestMapEveryProvince(t *testing.T) {
	var items []Item
	for i, d := range divisions {
		items = append(items, Item{Label: d.EN, Key: d.ZH, Value: float64(i + 1)})
	}
	h := string(Map(Chart{Title: "all", Items: items, Lang: "en"}))
	for i, d := range divisions {
		if !strings.Contains(h, "<title>"+esc(d.EN)+": "+Num(float64(i+1))+"</title>") {
			t.Errorf("%s missing", d.EN)
		}
	}
	// Five classes over 1..35; the legend shows them and zero.
	for _, l := range []string{">0</text>", ">1–7</text>", ">29–35</text>"} {
		if !strings.Contains(h, l) {
			t.Errorf("legend lacks %s", l)
		}
	}
}

func TestClasses(t *testing.T) {
	for _, c := range []struct {
		max    float64
		labels string
	}{
		{1, "1"}, {3, "1 2 3"}, {6, "1 2 3 4 5–6"}, {10, "1–2 3–4 5–6 7–8 9–10"}, {2.5, "0–0.5 0.5–1 1–1.5 1.5–2 2–2.5"},
	} {
		var ls []string
		for _, k := range classes(c.max) {
			ls = append(ls, k.label)
		}
		if got := strings.Join(ls, " "); got != c.labels {
			t.Errorf("classes(%g) = %q, want %q", c.max, got, c.labels)
		}
	}
	for n, want := range map[float64]string{1: "2", 2: "1 4", 3: "1 2 4", 5: "0 1 2 3 4"} {
		var got []string
		for _, k := range classes(n) {
			got = append(got, strconv.Itoa(k.shade))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("classes(%g) shades %v, want %s", n, got, want)
		}
	}
	if classes(0) != nil {
		t.Error("classes of nothing")
	}
}

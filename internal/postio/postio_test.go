package postio

import (
	"bytes"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

var base = model.Post{OrgID: 1, FairID: 2}

func TestParseCSV(t *testing.T) {
	cases := []struct {
		name string
		in   string
		n    int
		errs []RowError
	}{
		{"good", "title,skills,min_degree,headcount,salary_min,salary_max\nChemist,\"Python, R\",master,3,10000,20000\n,,,,,\nCoder,Go,,,,\n", 2, nil},
		{"bom and chinese headers", "\ufeff职位,城市,学历\n化学家,广州,博士\n", 1, nil},
		{"every bad cell", "title,min_degree,headcount,salary_min,salary_max\n,phd,x,10,5\nOK,alien,1,,\n", 0, []RowError{
			{2, "title", "err.required"}, {2, "salary_max", "err.max_below_min"}, {2, "headcount", "err.number"}, {3, "min_degree", "err.choice"}}},
		{"unknown column", "title,colour\nx,red\n", 0, []RowError{{1, "colour", "err.import_unknown_column"}}},
		{"no title column", "city\nGuangzhou\n", 0, []RowError{{1, "title", "err.import_missing_column"}}},
		{"chinese titles only", "title_zh,description_zh\n化学家,研发\n", 1, nil},
		{"chinese header aliases", "中文职位名称,英文职位名称\n化学家,Chemist\n", 1, nil},
		{"no title in either language", "title,title_zh\n,\n化学家,\n\u200b,\n", 0, []RowError{{4, "title", "err.required"}}},
		{"chinese title too long", "title_zh\n" + strings.Repeat("化", 201) + "\n", 0, []RowError{{2, "title_zh", "err.too_long"}}},
		{"header only", "title\n", 0, []RowError{{1, "", "err.import_empty"}}},
		// The CSV reader skips blank lines; problems are still on the
		// file's own lines (a spreadsheet numbers blank lines too).
		{"blank lines", "title,headcount\n\nChemist,1\n\n\nCoder,x\n", 0, []RowError{{6, "headcount", "err.number"}}},
		{"quoted line break", "title,description,headcount\nChemist,\"two\nlines\",1\n\nCoder,,x\n", 0, []RowError{{4, "headcount", "err.number"}}},
		{"empty", "", 0, []RowError{{1, "", "err.import_empty"}}},
		{"not utf-8", "title\n\xff\xfe\n", 0, []RowError{{0, "", "err.import_file"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			posts, errs := Parse([]byte(c.in), base)
			if len(posts) != c.n {
				t.Fatalf("posts = %d, want %d (%v)", len(posts), c.n, errs)
			}
			if len(errs) != len(c.errs) {
				t.Fatalf("errs = %v, want %v", errs, c.errs)
			}
			want := map[RowError]bool{}
			for _, e := range c.errs {
				want[e] = true
			}
			for _, e := range errs {
				if !want[e] {
					t.Fatalf("errs = %v, want %v", errs, c.errs)
				}
			}
			for _, p := range posts {
				if p.OrgID != 1 || p.FairID != 2 || p.Status != model.PostOpen || p.Headcount < 1 {
					t.Fatalf("post %+v", p)
				}
			}
		})
	}
}

// TestXLSXRoundTrip: the template parses, and an export imports again.
func TestXLSXRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, Template()); err != nil {
		t.Fatal(err)
	}
	posts, errs := Parse(buf.Bytes(), base)
	if errs != nil || len(posts) != 1 || posts[0].MinDegree != model.DegreeMaster || len(posts[0].Skills) != 3 || posts[0].SalaryMax != 35000 {
		t.Fatalf("template: %+v %v", posts, errs)
	}
	buf.Reset()
	s := Sheet{Header: Columns, Rows: [][]any{PostRow(posts[0]), PostRow(posts[0])}}
	WriteXLSX(&buf, s)
	again, errs := Parse(buf.Bytes(), base)
	if errs != nil || len(again) != 2 || again[1].Title != posts[0].Title || again[1].TitleZH != "数据科学家" || again[1].DescriptionZH != posts[0].DescriptionZH {
		t.Fatalf("round trip: %+v %v", again, errs)
	}
	if Detect(buf.Bytes()) != XLSX {
		t.Fatal("detect")
	}
	if _, errs := Parse([]byte("PK\x03\x04broken"), base); len(errs) != 1 || errs[0].Key != "err.import_file" {
		t.Fatalf("broken xlsx: %v", errs)
	}
}

// FuzzParse: any bytes give either posts that validate or row errors, never
// both, never a panic; corpus in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	WriteXLSX(&buf, Template())
	f.Add(buf.Bytes())
	f.Add([]byte("title,skills\nChemist,\"a,b\"\n"))
	f.Add([]byte("职位,学历\n化学家,博士\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		posts, errs := Parse(data, base)
		if (len(posts) == 0) == (len(errs) == 0) {
			t.Fatalf("posts %d and errs %d", len(posts), len(errs))
		}
		for _, p := range posts {
			q := p
			if err := q.Validate(); err != nil {
				t.Fatalf("parsed post does not validate: %v", err)
			}
		}
		for _, e := range errs {
			if e.Key == "" || e.Row < 0 {
				t.Fatalf("bad error %+v", e)
			}
		}
	})
}

// TestParseNoticed: cities and industries in any spelling the vocabulary
// knows pass silently and are kept as typed; others are listed by row and
// column, and the file still imports. A refused file lists no notices.
func TestParseNoticed(t *testing.T) {
	in := "title,城市,行业\nA,广州市,Smart manufacturing\n,,\nB,Foshan,智能制造\nC,canton,Basket weaving\nD,,\n"
	posts, notices, errs := ParseNoticed([]byte(in), base)
	if errs != nil || len(posts) != 4 {
		t.Fatalf("posts %d, errs %v", len(posts), errs)
	}
	if posts[0].City != "广州市" || posts[0].Industry != "Smart manufacturing" {
		t.Fatalf("not kept as typed: %+v", posts[0])
	}
	want := []Notice{{4, "city", "Foshan"}, {5, "industry", "Basket weaving"}}
	if len(notices) != len(want) {
		t.Fatalf("notices %v, want %v", notices, want)
	}
	for i := range want {
		if notices[i] != want[i] {
			t.Fatalf("notices %v, want %v", notices, want)
		}
	}
	if _, notices, errs := ParseNoticed([]byte("title,city\n,Foshan\n"), base); errs == nil || notices != nil {
		t.Fatalf("a refused file: notices %v, errs %v", notices, errs)
	}
}

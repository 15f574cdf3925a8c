package postio

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestParseExhibits(t *testing.T) {
	t.Run("good", func(t *testing.T) {
		good := "展品名称,中文名称,简介,中文简介,领域,负责人邮箱,展位号\r\nSatellite imaging,卫星成像,Small satellites,小卫星,Aerospace,Owner@Lab.example,A01\r\n,智能电网,,,Energy,owner@lab.example,\r\n\r\n"
		xs, errs := ParseExhibits([]byte(good))
		if errs != nil {
			t.Fatal(errs)
		}
		want := []ExhibitRow{
			{Line: 2, Title: "Satellite imaging", TitleZH: "卫星成像", Summary: "Small satellites", SummaryZH: "小卫星", Field: "Aerospace", OwnerEmail: "owner@lab.example", Booth: "A01"},
			{Line: 3, Title: "智能电网", TitleZH: "智能电网", Field: "Energy", OwnerEmail: "owner@lab.example"}, // the English title falls back to the Chinese
		}
		if !reflect.DeepEqual(xs, want) {
			t.Fatalf("got %+v\nwant %+v", xs, want)
		}
	})
	for _, c := range []struct {
		name, file string
		want       Errors
	}{
		{"no title", "title,owner_email\n,a@b.example\n", Errors{{2, "title", "err.required"}}},
		{"no owner", "title,owner_email\nX,\n", Errors{{2, "owner_email", "err.required"}}},
		{"bad owner", "title,owner_email\nX,nobody\nY,a b@c.example\n", Errors{{2, "owner_email", "err.email"}, {3, "owner_email", "err.email"}}},
		{"too long", "title,summary_zh,field,owner_email,booth\n" + strings.Repeat("t", 201) + "," + strings.Repeat("摘", 1400) + "," + strings.Repeat("f", 101) + ",a@b.example," + strings.Repeat("B", 41) + "\n",
			Errors{{2, "title", "err.too_long"}, {2, "summary_zh", "err.too_long"}, {2, "field", "err.too_long"}, {2, "booth", "err.too_long"}}},
		{"every row's problems", "title,owner_email\n,x\nGood,a@b.example\nZ,\n", Errors{{2, "title", "err.required"}, {2, "owner_email", "err.email"}, {4, "owner_email", "err.required"}}},
		{"unknown column", "title,owner_email,kind\nX,a@b.example,robot\n", Errors{{1, "kind", "err.import_unknown_column"}}},
		{"no title column", "summary,owner_email\nx,a@b.example\n", Errors{{1, "title", "err.import_missing_column"}}},
		{"empty", "title,owner_email\n\n", Errors{{1, "", "err.import_empty"}}},
		{"not a file", "PK\x03\x04broken", Errors{{0, "", "err.import_file"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			xs, errs := ParseExhibits([]byte(c.file))
			if xs != nil || !reflect.DeepEqual(errs, c.want) {
				t.Fatalf("got %+v %v, want %v", xs, errs, c.want)
			}
		})
	}
}

// TestExhibitTemplateParses: the template a user downloads reads as is.
func TestExhibitTemplateParses(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, ExhibitTemplate()); err != nil {
		t.Fatal(err)
	}
	xs, errs := ParseExhibits(b.Bytes())
	if errs != nil || len(xs) != 1 || xs[0].TitleZH != "固态电池样机" || xs[0].OwnerEmail != "owner@example.com" || xs[0].Booth != "A01" {
		t.Fatalf("%+v %v", xs, errs)
	}
}

// FuzzParseExhibits: any bytes give either rows that validate or row
// errors, never both, never a panic.
func FuzzParseExhibits(f *testing.F) {
	var buf bytes.Buffer
	WriteXLSX(&buf, ExhibitTemplate())
	f.Add(buf.Bytes())
	f.Add([]byte("title,owner_email,booth\nX,a@b.example,A01\n"))
	f.Add([]byte("展品名称,负责人邮箱\n卫星,a@b.example\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		xs, errs := ParseExhibits(data)
		if (len(xs) == 0) == (len(errs) == 0) {
			t.Fatalf("rows %d and errs %d", len(xs), len(errs))
		}
		for _, x := range xs {
			if pr := x.validate(); len(pr) > 0 || x.Line < 2 {
				t.Fatalf("parsed row does not validate: %+v %v", x, pr)
			}
		}
	})
}

package postio

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/convene/convene/internal/model"
)

func TestParseProjects(t *testing.T) {
	org := int64(7)
	base := model.Project{EditionID: 1, Source: model.SourceDelegation, OrgID: &org}
	good := "项目名称,中文名称,简介,领域,阶段,融资需求\r\nSatellite imaging,卫星成像,Small satellites,Aerospace,原型,\"1,200,000\"\r\n,智能电网,,Energy,,\r\n\r\n"
	ps, errs := ParseProjects([]byte(good), base)
	if errs != nil {
		t.Fatal(errs)
	}
	if len(ps) != 2 || ps[0].Title != "Satellite imaging" || ps[0].Stage != "prototype" || ps[0].FundingSought != 1200000 ||
		*ps[0].OrgID != 7 || ps[0].Source != model.SourceDelegation {
		t.Fatalf("first: %+v", ps[0])
	}
	if ps[1].Title != "智能电网" || ps[1].Stage != "idea" { // the English title falls back to the Chinese; no stage is an idea
		t.Fatalf("second: %+v", ps[1])
	}
	bad := "title,stage,funding_sought,owner\nA,moonshot,-5,x\n,idea,lots\n"
	if _, errs := ParseProjects([]byte(bad), base); !reflect.DeepEqual(errs, Errors{{1, "owner", "err.import_unknown_column"}}) {
		t.Fatalf("unknown column: %v", errs)
	}
	bad = "title,stage,funding_sought\nA,moonshot,-5\n,idea,lots\n"
	want := Errors{{2, "stage", "err.choice"}, {2, "funding_sought", "err.range"}, {3, "title", "err.required"}, {3, "funding_sought", "err.number"}}
	if ps, errs := ParseProjects([]byte(bad), base); ps != nil || !reflect.DeepEqual(errs, want) {
		t.Fatalf("bad rows: %v %v, want %v", ps, errs, want)
	}
	if _, errs := ParseProjects([]byte("summary\nx\n"), base); !reflect.DeepEqual(errs, Errors{{1, "title", "err.import_missing_column"}}) {
		t.Fatalf("no title column: %v", errs)
	}
}

// TestProjectTemplateParses: the template a user downloads imports as is.
func TestProjectTemplateParses(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, ProjectTemplate()); err != nil {
		t.Fatal(err)
	}
	ps, errs := ParseProjects(b.Bytes(), model.Project{EditionID: 1, Source: model.SourceExpert})
	if errs != nil || len(ps) != 1 || ps[0].TitleZH != "固态电池" || ps[0].FundingSought != 5000000 {
		t.Fatalf("%+v %v", ps, errs)
	}
}

// TestParseProjectsNoticed: a field the vocabulary knows in any spelling
// (新能源, "clean energy") is kept silently; one it does not know is kept
// as typed and said by row; a bad file says its problems and no notices.
func TestParseProjectsNoticed(t *testing.T) {
	base := model.Project{EditionID: 1, Source: model.SourceExpert}
	file := "title,field\nA,新能源\nB,Aerospace\n,\nC,clean energy\nD,\nE,Basket weaving\n"
	ps, notices, errs := ParseProjectsNoticed([]byte(file), base)
	if errs != nil || len(ps) != 5 {
		t.Fatalf("%+v %v", ps, errs)
	}
	if want := []Notice{{3, "field", "Aerospace"}, {7, "field", "Basket weaving"}}; !reflect.DeepEqual(notices, want) {
		t.Fatalf("notices %v, want %v", notices, want)
	}
	if ps[0].Field != "新能源" || ps[1].Field != "Aerospace" {
		t.Fatalf("fields are not kept as typed: %+v", ps)
	}
	if ps, notices, errs := ParseProjectsNoticed([]byte("title,field,stage\nA,Aerospace,moonshot\n"), base); ps != nil || notices != nil || errs == nil {
		t.Fatalf("bad file: %v %v %v", ps, notices, errs)
	}
}

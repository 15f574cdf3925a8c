package request

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/convene/convene/internal/model"
)

// TestFormRoundTrip: what EncodeForm writes, DecodeForm reads back, the
// fields of embedded structs included.
func TestFormRoundTrip(t *testing.T) {
	type inner struct {
		Name   string   `json:"name"`
		Skills []string `json:"skills"`
	}
	type outer struct {
		ID int64 `json:"id"`
		inner
		Years  int     `json:"years"`
		OK     bool    `json:"ok"`
		Orgs   []int64 `json:"orgs"` // ticked boxes: the name repeated
		Hidden string  `json:"-"`
	}
	in := outer{ID: 7, inner: inner{Name: "Li Wei", Skills: []string{"Go", "PLC编程"}}, Years: 3, OK: true, Orgs: []int64{4, 12}, Hidden: "x"}
	vals := url.Values{}
	EncodeForm(vals, in)
	if vals.Get("name") != "Li Wei" || vals.Get("skills") != "Go, PLC编程" || vals.Has("Hidden") || vals.Has("-") {
		t.Fatalf("encoded %v", vals)
	}
	var out outer
	if err := DecodeForm(vals, &out); err != nil {
		t.Fatal(err)
	}
	in.Hidden = ""
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("decoded %+v, want %+v", out, in)
	}
	if err := DecodeForm(url.Values{"orgs": {"4", "x"}}, &out); model.FieldsOf(err)["orgs"] != "err.number" {
		t.Fatalf("a bad id: %v", err)
	}
}

package request

import (
	"net/url"
	"reflect"
	"testing"
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
		Years  int    `json:"years"`
		OK     bool   `json:"ok"`
		Hidden string `json:"-"`
	}
	in := outer{ID: 7, inner: inner{Name: "Li Wei", Skills: []string{"Go", "PLC编程"}}, Years: 3, OK: true, Hidden: "x"}
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
}

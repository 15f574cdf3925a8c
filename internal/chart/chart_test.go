package chart

import (
	"encoding/xml"
	"html/template"
	"io"
	"strings"
	"testing"
)

// parse checks the markup is well-formed and counts elements by name.
func parse(t *testing.T, h template.HTML) map[string]int {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(h)))
	n := map[string]int{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, h)
		}
		if s, ok := tok.(xml.StartElement); ok {
			n[s.Name.Local]++
		}
	}
}

func TestCharts(t *testing.T) {
	items := []Item{{Label: "北京 <Beijing>", Value: 120}, {Label: "Guangdong & Co", Value: 30}, {Label: "none", Value: 0}}
	for name, draw := range map[string]func(Chart) template.HTML{"bars": Bars, "line": Line, "funnel": Funnel, "donut": Donut, "map": Map} {
		t.Run(name, func(t *testing.T) {
			h := draw(Chart{Title: "Delegations 代表团", Label: "province", Unit: "n", Items: items})
			n := parse(t, h)
			if n["svg"] != 1 || n["figure"] != 1 || n["table"] != 1 {
				t.Fatalf("elements %v", n)
			}
			// The chart's title plus a tooltip per drawn mark.
			if n["title"] < 3 {
				t.Fatalf("titles %d", n["title"])
			}
			if got := strings.Count(string(h), `<tr><th scope="row">`); got != len(items) {
				t.Fatalf("table rows %d, want %d", got, len(items))
			}
			if !strings.Contains(string(h), "北京 &lt;Beijing&gt;") || strings.Contains(string(h), "<Beijing>") {
				t.Fatal("label not escaped")
			}
			if !strings.Contains(string(h), `role="img"`) || !strings.Contains(string(h), "<desc>") {
				t.Fatal("no accessible role or description")
			}
			parse(t, draw(Chart{Title: "empty"})) // no items: still well-formed
		})
	}
}

func TestDonutShares(t *testing.T) {
	h := string(Donut(Chart{Title: "t", Items: []Item{{Label: "a", Value: 3}, {Label: "b", Value: 1}}}))
	if !strings.Contains(h, "<td>75.0%</td>") || !strings.Contains(h, "<td>25.0%</td>") {
		t.Fatalf("shares missing: %s", h)
	}
	// One item is a whole ring, still drawn.
	if !strings.Contains(string(Donut(Chart{Items: []Item{{Label: "all", Value: 5}}})), "<path") {
		t.Fatal("whole ring not drawn")
	}
}

func TestFunnelConversion(t *testing.T) {
	h := string(Funnel(Chart{Title: "t", Items: []Item{{Label: "negotiation", Value: 494}, {Label: "preliminary", Value: 40}}}))
	if !strings.Contains(h, "(8.1%)") {
		t.Fatalf("conversion missing: %s", h)
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 130000: "130,000", -4500: "-4,500", 85.25: "85.2", 2.5e6: "2,500,000"} {
		if got := Num(v); got != want {
			t.Errorf("Num(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestBarsScale(t *testing.T) {
	h := string(Bars(Chart{Items: []Item{{Label: "a", Value: 100}, {Label: "b", Value: 50}}}))
	if !strings.Contains(h, `width="350.0"`) || !strings.Contains(h, `width="175.0"`) {
		t.Fatalf("bars not proportional: %s", h)
	}
}

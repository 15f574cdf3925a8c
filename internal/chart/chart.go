// Package chart draws charts as SVG on the server: horizontal bars, a
// line over time, a funnel, a donut and a tile map of China's provinces. Each chart is a <figure> holding
// an accessible SVG (role="img", a <title>, a <desc>, a <title> tooltip
// per mark) and the same numbers as a table, so the chart needs no
// JavaScript, prints into a PDF and reads with a screen reader. Pure: data
// in, markup out; the caller passes translated labels.
package chart

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Item is one labelled value.
type Item struct {
	Label string
	Value float64
	Key   string // what the item is about, untranslated (Map finds its province by it)
}

// Chart is what every chart takes: a title, the column headings of the
// table fallback, and the values.
type Chart struct {
	ID     string // the figure's id (for links), optional
	Title  string
	Label  string // the table's first column heading
	Unit   string // the value column's heading
	Items  []Item
	Height int    // pixels; a default per kind when 0
	Lang   string // "zh" or "en": the language of names the chart supplies itself (Map's provinces)
}

var palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}

func esc(s string) string { return html.EscapeString(s) }

// Num formats a value: integers with thousands separators, others with
// one decimal.
func Num(v float64) string {
	if v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	s := strconv.FormatInt(int64(v), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func total(items []Item) float64 {
	var t float64
	for _, it := range items {
		t += it.Value
	}
	return t
}

func maxOf(items []Item) float64 {
	m := 0.0
	for _, it := range items {
		m = math.Max(m, it.Value)
	}
	return m
}

// wrap puts svg and the table in a figure, the caption first (HTML allows
// it only first or last, and a reader meets the title before the chart).
func (c Chart) wrap(kind, svg string, shares bool) template.HTML {
	var b strings.Builder
	id := ""
	if c.ID != "" {
		id = ` id="` + esc(c.ID) + `"`
	}
	fmt.Fprintf(&b, `<figure class="chart chart-%s"%s>`, kind, id)
	fmt.Fprintf(&b, `<figcaption>%s</figcaption>`, esc(c.Title))
	b.WriteString(svg)
	fmt.Fprintf(&b, `<table class="chart-data"><thead><tr><th scope="col">%s</th><th scope="col">%s</th>`, esc(c.Label), esc(c.Unit))
	if shares {
		b.WriteString(`<th scope="col">%</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	t := total(c.Items)
	for _, it := range c.Items {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td>`, esc(it.Label), Num(it.Value))
		if shares {
			fmt.Fprintf(&b, `<td>%s</td>`, pct(it.Value, t))
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></figure>`)
	return template.HTML(b.String())
}

func pct(v, of float64) string {
	if of == 0 {
		return "0.0%"
	}
	return strconv.FormatFloat(100*v/of, 'f', 1, 64) + "%"
}

func (c Chart) open(w, h int) string {
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" aria-label="%s"><title>%s</title><desc>%s</desc>`,
		w, h, esc(c.Title), esc(c.Title), esc(c.desc()))
}

// desc is the chart in words: every label and value.
func (c Chart) desc() string {
	parts := make([]string, len(c.Items))
	for i, it := range c.Items {
		parts[i] = it.Label + ": " + Num(it.Value)
	}
	return strings.Join(parts, "; ")
}

// Bars draws one horizontal bar per item.
func Bars(c Chart) template.HTML {
	const w, lw, row = 640, 200, 26
	h := len(c.Items)*row + 10
	m := maxOf(c.Items)
	var b strings.Builder
	b.WriteString(c.open(w, h))
	for i, it := range c.Items {
		y := 5 + i*row
		bw := 0.0
		if m > 0 {
			bw = (w - lw - 90) * it.Value / m
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="13">%s</text>`, lw-6, y+17, esc(it.Label))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect>`, lw, y+3, bw, row-8, palette[0], esc(it.Label), Num(it.Value))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="13">%s</text>`, float64(lw)+bw+6, y+17, Num(it.Value))
	}
	b.WriteString(`</svg>`)
	return c.wrap("bars", b.String(), false)
}

// Line draws the items in order (time on the x axis) as a line with dots.
func Line(c Chart) template.HTML {
	const w, h, pl, pr, pt, pb = 640, 220, 50, 10, 10, 40
	m := maxOf(c.Items)
	var b strings.Builder
	b.WriteString(c.open(w, h))
	n := len(c.Items)
	x := func(i int) float64 {
		if n <= 1 {
			return pl
		}
		return pl + float64(i)*(w-pl-pr)/float64(n-1)
	}
	y := func(v float64) float64 {
		if m == 0 {
			return h - pb
		}
		return h - pb - v*(h-pt-pb)/m
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>`, pl, h-pb, w-pr, h-pb)
	fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" font-size="11">%s</text>`, pl-4, y(m)+4, Num(m))
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="11">0</text>`, pl-4, h-pb+4)
	if n > 0 {
		pts := make([]string, n)
		for i, it := range c.Items {
			pts[i] = fmt.Sprintf("%.1f,%.1f", x(i), y(it.Value))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, palette[0], strings.Join(pts, " "))
		step := max(1, n/6)
		for i, it := range c.Items {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s: %s</title></circle>`, x(i), y(it.Value), palette[0], esc(it.Label), Num(it.Value))
			if i%step == 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="10">%s</text>`, x(i), h-pb+16, esc(it.Label))
			}
		}
	}
	b.WriteString(`</svg>`)
	return c.wrap("line", b.String(), false)
}

// Funnel draws centred bars narrowing stage by stage, with each stage's
// conversion from the one before.
func Funnel(c Chart) template.HTML {
	const w, row = 640, 34
	h := len(c.Items)*row + 10
	m := maxOf(c.Items)
	var b strings.Builder
	b.WriteString(c.open(w, h))
	for i, it := range c.Items {
		bw := 0.0
		if m > 0 {
			bw = 360 * it.Value / m
		}
		y := 5 + i*row
		conv := ""
		if i > 0 {
			conv = " (" + pct(it.Value, c.Items[i-1].Value) + ")"
		}
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s%s</title></rect>`, 380-bw/2, y, bw, row-6, palette[i%len(palette)], esc(it.Label), Num(it.Value), conv)
		fmt.Fprintf(&b, `<text x="190" y="%d" text-anchor="end" font-size="13">%s</text>`, y+19, esc(it.Label))
		fmt.Fprintf(&b, `<text x="570" y="%d" font-size="13">%s%s</text>`, y+19, Num(it.Value), esc(conv))
	}
	b.WriteString(`</svg>`)
	return c.wrap("funnel", b.String(), false)
}

// Donut draws each item's share of the total as a ring segment.
func Donut(c Chart) template.HTML {
	const w, h, cx, cy, r0, r1 = 640, 220, 110, 110, 55, 100
	t := total(c.Items)
	var b strings.Builder
	b.WriteString(c.open(w, h))
	a := -math.Pi / 2
	for i, it := range c.Items {
		col := palette[i%len(palette)]
		if t > 0 && it.Value > 0 {
			da := 2 * math.Pi * it.Value / t
			if da >= 2*math.Pi-1e-9 { // a whole ring: two halves
				da = 2*math.Pi - 1e-4
			}
			large := 0
			if da > math.Pi {
				large = 1
			}
			p := func(r, ang float64) (float64, float64) { return cx + r*math.Cos(ang), cy + r*math.Sin(ang) }
			x0, y0 := p(r1, a)
			x1, y1 := p(r1, a+da)
			x2, y2 := p(r0, a+da)
			x3, y3 := p(r0, a)
			fmt.Fprintf(&b, `<path d="M%.2f %.2f A%d %d 0 %d 1 %.2f %.2fL%.2f %.2f A%d %d 0 %d 0 %.2f %.2fZ" fill="%s"><title>%s: %s (%s)</title></path>`,
				x0, y0, r1, r1, large, x1, y1, x2, y2, r0, r0, large, x3, y3, col, esc(it.Label), Num(it.Value), pct(it.Value, t))
			a += da
		}
		ly := 20 + i*22
		fmt.Fprintf(&b, `<rect x="240" y="%d" width="14" height="14" fill="%s"/><text x="260" y="%d" font-size="13">%s: %s (%s)</text>`, ly, col, ly+12, esc(it.Label), Num(it.Value), pct(it.Value, t))
	}
	b.WriteString(`</svg>`)
	return c.wrap("donut", b.String(), true)
}

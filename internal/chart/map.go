package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// shades are the map's classes, light to dark in one hue, so they still
// read in order when printed in grey; zero is a pale grey.
var shades = []string{"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"}

const zeroShade = "#f2f2f2"

// Map draws China's province-level divisions as a tile grid: one equal
// square per division placed roughly where it lies, shaded by its value,
// labelled by its short name in c.Lang, with a legend of the shades.
// Equal tiles keep small divisions (Beijing, Macao) as visible as large
// ones and need no outline data. Items are matched to a division by Key
// (Label when Key is empty) through Province; several items naming one
// division add up. Items naming none (foreign delegations, an unknown
// place) are listed beside the grid and in the table under their Label.
// The table has a row per division in the data, in the items' order.
func Map(c Chart) template.HTML {
	const w, h, x0, y0, tw, th, gap = 640, 466, 10, 10, 66, 52, 4
	vals := make([]float64, len(divisions))
	seen := make([]bool, len(divisions))
	var rows, others []Item // the table's rows; items on no tile
	at := map[int]int{}     // division → its row
	for _, it := range c.Items {
		key := it.Key
		if key == "" {
			key = it.Label
		}
		d, ok := byAlias[normalize(key)]
		if !ok {
			others = append(others, it)
			rows = append(rows, it)
			continue
		}
		vals[d] += it.Value
		seen[d] = true
		if r, ok := at[d]; ok {
			rows[r].Value += it.Value
			continue
		}
		at[d] = len(rows)
		rows = append(rows, Item{Label: divisions[d].Name(c.Lang), Value: it.Value, Key: divisions[d].Code})
	}
	m := 0.0
	for _, v := range vals {
		m = math.Max(m, v)
	}
	cl := classes(m)

	t := c
	t.Items = rows
	var b strings.Builder
	b.WriteString(t.open(w, h))

	// The legend, top left where the grid has no tiles.
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12">%s</text>`, x0, y0+12, esc(c.Unit))
	legend := append([]class{{label: "0"}}, cl...)
	for i, k := range legend {
		lx, ly := x0+(i%3)*110, y0+24+(i/3)*22
		fill := zeroShade
		if i > 0 {
			fill = shades[k.shade]
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="14" height="14" fill="%s" stroke="#999" stroke-width="0.5"/><text x="%d" y="%d" font-size="12">%s</text>`,
			lx, ly, fill, lx+20, ly+12, esc(k.label))
	}

	for i, d := range divisions {
		x, y := x0+d.Col*(tw+gap), y0+d.Row*(th+gap)
		v := vals[i]
		fill, ink := zeroShade, "#333"
		if v > 0 {
			s := shadeOf(cl, v)
			fill = shades[s]
			if s >= 3 {
				ink = "#fff"
			}
		}
		name := d.Name(c.Lang)
		fmt.Fprintf(&b, `<g class="tile" data-code="%s"><rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s" stroke="#fff"><title>%s: %s</title></rect>`,
			d.Code, x, y, tw, th, fill, esc(name), Num(v))
		label := d.Short(c.Lang)
		fit := ""
		if len([]rune(label)) > 9 {
			fit = fmt.Sprintf(` textLength="%d" lengthAdjust="spacingAndGlyphs"`, tw-6)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="11" fill="%s"%s>%s</text>`, x+tw/2, y+20, ink, fit, esc(label))
		if seen[i] {
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="14" font-weight="bold" fill="%s">%s</text>`, x+tw/2, y+40, ink, Num(v))
		}
		b.WriteString(`</g>`)
	}

	// Items on no tile, bottom left where the grid has none.
	const lines = 8
	for i, it := range others {
		y := y0 + 5*(th+gap) + 14 + i*18
		if i == lines-1 && len(others) > lines {
			rest := 0.0
			for _, o := range others[i:] {
				rest += o.Value
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12">+%d: %s</text>`, x0, y, len(others)-i, Num(rest))
			break
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12">%s: %s<title>%s: %s</title></text>`, x0, y, esc(it.Label), Num(it.Value), esc(it.Label), Num(it.Value))
	}
	b.WriteString(`</svg>`)
	return t.wrap("map", b.String(), false)
}

// class is one shade of the map: values in (lo, hi].
type class struct {
	lo, hi float64
	shade  int
	label  string
}

// classes splits (0, max] into at most five equal classes; whole numbers
// up to five get a class each (one delegation, two…).
func classes(m float64) []class {
	if m <= 0 {
		return nil
	}
	n := len(shades)
	whole := m == math.Trunc(m)
	if whole && m < float64(n) {
		n = int(m)
	}
	out := make([]class, n)
	for i := range n {
		lo, hi := m*float64(i)/float64(n), m*float64(i+1)/float64(n)
		k := class{lo: lo, hi: hi, shade: i}
		if n < len(shades) { // fewer classes: skip the palest shade, keep the ends apart
			k.shade = 1 + i*(len(shades)-2)/max(1, n-1)
			if n == 1 {
				k.shade = 2
			}
		}
		if whole {
			a, z := math.Floor(lo)+1, math.Floor(hi)
			k.label = Num(a)
			if z > a {
				k.label += "–" + Num(z)
			}
		} else {
			k.label = Num(lo) + "–" + Num(hi)
		}
		out[i] = k
	}
	return out
}

// shadeOf is the shade of v > 0.
func shadeOf(cl []class, v float64) int {
	for _, k := range cl {
		if v <= k.hi+1e-9 {
			return k.shade
		}
	}
	return cl[len(cl)-1].shade
}

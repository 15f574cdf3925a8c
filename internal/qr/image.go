package qr

import (
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// Level is medium error correction (15%): survives a crease or a smudge on
// a printed poster while keeping the code coarse enough for cheap cameras.
const level = qrcode.Medium

// PNG renders url as a PNG of size×size pixels.
func PNG(url string, size int) ([]byte, error) {
	return qrcode.Encode(url, level, size)
}

// SVG renders url as a scalable SVG: one path of unit squares over the
// library's module bitmap (quiet zone included), so it prints sharp at any
// size.
func SVG(url string) (string, error) {
	q, err := qrcode.New(url, level)
	if err != nil {
		return "", err
	}
	bm := q.Bitmap()
	n := len(bm)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", start, y, x-start, x-start)
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

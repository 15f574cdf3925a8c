package web

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// pdfWord is one word pdftotext found, in points from the page's top left.
type pdfWord struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

var (
	pdfPageRe = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	pdfWordRe = regexp.MustCompile(`<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)</word>`)
)

// inkBox renders the PDF's first page with poppler's pdftoppm and returns
// the box of every pixel that is not white, in points (page w × h points).
func inkBox(t *testing.T, pdf []byte, w, h float64) (left, top, right, bottom float64) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-gray", "-r", "144", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "page.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	// Binary PGM: "P5", width, height, maxval, one byte per pixel.
	var head [4]string // P5, width, height, maxval: each ended by one whitespace byte
	i := 0
	for k := range head {
		j := i
		for j < len(b) && j-i < 16 && b[j] != ' ' && b[j] != '\n' {
			j++
		}
		head[k], i = string(b[i:j]), j+1
	}
	pw, _ := strconv.Atoi(head[1])
	ph, _ := strconv.Atoi(head[2])
	if head[0] != "P5" || head[3] != "255" || pw == 0 || ph == 0 || i > len(b) {
		t.Fatalf("pdftoppm output: %q", head)
	}
	px := b[i:]
	if len(px) < pw*ph {
		t.Fatalf("pdftoppm output: %d bytes for %d × %d", len(px), pw, ph)
	}
	x0, y0, x1, y1 := pw, ph, -1, -1
	for y := 0; y < ph; y++ {
		for x := 0; x < pw; x++ {
			if px[y*pw+x] < 0xf0 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		t.Fatal("the poster is blank")
	}
	sx, sy := w/float64(pw), h/float64(ph)
	return float64(x0) * sx, float64(y0) * sy, float64(x1+1) * sx, float64(y1+1) * sy
}

// pdfWords runs poppler's pdftotext -bbox over a PDF: the first page's
// size and every word's box.
func pdfWords(t *testing.T, pdf []byte) (w, h float64, words []pdfWord) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but pdftotext is not installed (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	m := pdfPageRe.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdftotext: no page in %.300s", out)
	}
	num := func(b []byte) float64 { f, _ := strconv.ParseFloat(string(b), 64); return f }
	w, h = num(m[1]), num(m[2])
	for _, m := range pdfWordRe.FindAllSubmatch(out, -1) {
		words = append(words, pdfWord{html.UnescapeString(string(m[5])), num(m[1]), num(m[2]), num(m[3]), num(m[4])})
	}
	return w, h, words
}

// TestPosterMargins prints an enterprise's poster through Chromium and reads
// where its words landed (pdftotext -bbox): the page is A4, nothing comes
// within 10 mm of the paper's edge (an office printer clips less than
// that), and the three codes of a row are centred on the page.
func TestPosterMargins(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but chromium is not installed")
		}
		t.Skip("chromium not installed")
	}
	f := newFixture(t, storetest.SQLite(t))
	org := *f.users[enterprise].OrgID
	for _, title := range []string{"Robotics engineer", "Data analyst", "Sales manager"} {
		p := model.Post{OrgID: org, FairID: f.fair.ID, Title: title, City: "Zhuhai"}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		if err := f.db.CreatePost(bg, &p); err != nil {
			t.Fatal(err)
		}
	}
	resp, body := f.do(f.client(enterprise), "GET", fmt.Sprintf("/qr/orgs/%d/poster.pdf", org), "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("poster: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	w, h, words := pdfWords(t, []byte(body))
	if w < 594 || w > 596 || h < 841 || h > 843 {
		t.Fatalf("page is %.1f × %.1f pt, want A4 (595.3 × 841.9)", w, h)
	}
	if len(words) < 10 {
		t.Fatalf("only %d words on the poster", len(words))
	}
	const mm = 72 / 25.4
	// Ink, not text boxes: pdftotext's boxes reach up to the font's ascent,
	// and borders are not words.
	left, top, right, bottom := inkBox(t, []byte(body), w, h)
	if left < 10*mm || top < 10*mm || right > w-10*mm || bottom > h-10*mm {
		t.Errorf("ink from (%.1f, %.1f) to (%.1f, %.1f) mm on a %.0f × %.0f mm page: margins under 10 mm",
			left/mm, top/mm, right/mm, bottom/mm, w/mm, h/mm)
	}
	if d := (left+right)/2 - w/2; d < -2*mm || d > 2*mm {
		t.Errorf("the printed area is off-centre by %.1f mm (ink from %.1f to %.1f mm)", d/mm, left/mm, right/mm)
	}
	var centres []float64
	for _, x := range words {
		if x.Text == "Zhuhai" { // each code's city, centred in its cell
			centres = append(centres, (x.XMin+x.XMax)/2)
		}
	}
	slices.Sort(centres)
	if len(centres) != 3 {
		t.Fatalf("found the city under %d codes, want 3", len(centres))
	}
	mid := w / 2
	if d := centres[1] - mid; d < -2*mm || d > 2*mm {
		t.Errorf("the middle code's centre is %.1f mm from the page's centre", d/mm)
	}
	if d := (centres[0]+centres[2])/2 - mid; d < -2*mm || d > 2*mm {
		t.Errorf("the row of codes is off-centre by %.1f mm (outer codes at %.1f and %.1f mm)", d/mm, centres[0]/mm, centres[2]/mm)
	}
}

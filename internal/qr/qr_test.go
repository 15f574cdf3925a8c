package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var secret = []byte("0123456789abcdef0123456789abcdef")

func TestTokenRoundTrip(t *testing.T) {
	for _, c := range []struct {
		k  Kind
		id int64
	}{{Post, 1}, {Post, 35}, {Post, 36}, {Enterprise, 7}, {Post, 1 << 62}, {Enterprise, 9223372036854775807}} {
		tok := Token(secret, c.k, c.id)
		if len(tok) > MaxLen {
			t.Fatalf("token %q longer than %d", tok, MaxLen)
		}
		k, id, err := Parse(secret, tok)
		if err != nil || k != c.k || id != c.id {
			t.Fatalf("Parse(Token(%c, %d)) = %c, %d, %v", c.k, c.id, k, id, err)
		}
	}
}

func TestTokenRefused(t *testing.T) {
	good := Token(secret, Post, 1000)
	payload, sig, _ := strings.Cut(good, ".")
	flip := []byte(sig)
	if flip[0] == 'A' {
		flip[0] = 'B'
	} else {
		flip[0] = 'A'
	}
	for name, tok := range map[string]string{
		"empty":          "",
		"no dot":         payload + sig,
		"other id":       "p" + strconv.FormatInt(1001, 36) + "." + sig,
		"other kind":     "e" + payload[1:] + "." + sig,
		"unknown kind":   "x" + payload[1:] + "." + sig,
		"tampered mac":   payload + "." + string(flip),
		"short mac":      payload + "." + sig[:10],
		"long mac":       payload + "." + sig + "AA",
		"padded mac":     payload + "." + sig + "==",
		"leading zero":   "p0" + payload[1:] + "." + sig,
		"upper case id":  "p" + strings.ToUpper(payload[1:]) + "." + sig,
		"zero id":        "p0." + sig,
		"negative id":    "p-1." + sig,
		"other secret":   Token([]byte("another secret of the same length!"), Post, 1000),
		"too long":       good + strings.Repeat("A", MaxLen),
		"database id":    "42",
		"only separator": ".",
	} {
		if _, _, err := Parse(secret, tok); err != ErrBad {
			t.Errorf("%s: Parse(%q) = %v, want ErrBad", name, tok, err)
		}
	}
	if _, _, err := Parse(nil, good); err != ErrBad {
		t.Fatalf("no secret: %v", err)
	}
}

// FuzzParse: no input panics, and whatever verifies is exactly what Token
// makes for that kind and id.
func FuzzParse(f *testing.F) {
	f.Add(Token(secret, Post, 42))
	f.Add(Token(secret, Enterprise, 1))
	f.Add("p16.AAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, tok string) {
		k, id, err := Parse(secret, tok)
		if err != nil {
			return
		}
		if again := Token(secret, k, id); again != tok {
			t.Fatalf("Parse accepted %q, but Token gives %q", tok, again)
		}
	})
}

func decode(t *testing.T, img image.Image) string {
	t.Helper()
	text, err := Decode(img)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return text
}

func TestPNGDecodes(t *testing.T) {
	url := "https://ocs.example/s/" + Token(secret, Post, 123456)
	b, err := PNG(url, 256)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, img); got != url {
		t.Fatalf("decoded %q, want %q", got, url)
	}
}

// TestSVGDecodes rasterizes the SVG's path (its own simple shape: one
// horizontal run per "M x y h w v1 h-w z") and decodes that.
func TestSVGDecodes(t *testing.T) {
	url := "https://ocs.example/s/" + Token(secret, Enterprise, 77)
	svg, err := SVG(url)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(regexp.MustCompile(`viewBox="0 0 (\d+) `).FindStringSubmatch(svg)[1])
	const scale = 8
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	runs := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-\d+z`).FindAllStringSubmatch(svg, -1)
	if len(runs) == 0 {
		t.Fatal("no modules in SVG")
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		for py := y * scale; py < (y+1)*scale; py++ {
			for px := x * scale; px < (x+w)*scale; px++ {
				img.SetGray(px, py, color.Gray{})
			}
		}
	}
	if got := decode(t, img); got != url {
		t.Fatalf("decoded %q, want %q", got, url)
	}
}

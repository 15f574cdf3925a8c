package gen

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/convene/convene/internal/store"
)

// Speakers' profiles for the opening summit's speakers (issue 16): an
// affiliation, a bio in both languages and a generated portrait (a plain
// disc: no one's face), so the demo's event page shows them.

var speakerPlaces = []string{"中山大学", "华南理工大学", "中国科学院广州生物医药与健康研究院", "广州开发区"}

func loadSpeakers(ctx context.Context, db *store.DB, editionID int64) error {
	evs, err := db.EventInfos(ctx, editionID)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if e.Title != demoSummit {
			continue
		}
		for i, name := range e.Speakers {
			// An affiliation has one field: a Chinese institution's own name.
			s := store.Speaker{EditionID: editionID, Name: name, Affiliation: speakerPlaces[i%len(speakerPlaces)],
				Bio:   "Speaks at the opening summit on bringing overseas talent to the Greater Bay Area's research and industry.",
				BioZH: "在开幕式暨全球人才峰会上发言，介绍海外人才如何融入大湾区科研与产业。"}
			if err := db.SaveSpeaker(ctx, &s, portrait(i), "image/png"); err != nil {
				return fmt.Errorf("speakers demo: %w", err)
			}
		}
	}
	return nil
}

// portrait is a 96-pixel disc in one of a few colours, as a PNG.
func portrait(i int) []byte {
	hues := []color.RGBA{{0x2f, 0x6f, 0xb3, 0xff}, {0xc0, 0x39, 0x2b, 0xff}, {0x27, 0xae, 0x60, 0xff}, {0x8e, 0x44, 0xad, 0xff}}
	c := hues[i%len(hues)]
	img := image.NewRGBA(image.Rect(0, 0, 96, 96))
	for y := range 96 {
		for x := range 96 {
			dx, dy := x-48, y-48
			if dx*dx+dy*dy <= 46*46 {
				img.Set(x, y, c)
			} else {
				img.Set(x, y, color.RGBA{0xee, 0xf0, 0xf4, 0xff})
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

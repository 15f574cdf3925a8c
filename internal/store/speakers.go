package store

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"

	"github.com/convene/convene/internal/model"
)

// Speaker is a speaker's profile in an edition; events name speakers, and
// a profile whose name (either language's) matches adds the rest.
type Speaker struct {
	ID, EditionID int64
	Name, NameZH  string
	Affiliation   string
	Bio, BioZH    string
	PhotoType     string // "" when there is no photo
}

// MaxPhoto is the largest photo a speaker's profile keeps.
const MaxPhoto = 1 << 20

func (s Speaker) validate() error {
	p := model.Problems{}
	if strings.TrimSpace(s.Name) == "" {
		p.Add("name", "err.required")
	}
	for f, v := range map[string]string{"name": s.Name, "name_zh": s.NameZH, "affiliation": s.Affiliation} {
		if utf8.RuneCountInString(v) > 200 {
			p.Add(f, "err.too_long")
		}
	}
	if utf8.RuneCountInString(s.Bio) > 3000 || utf8.RuneCountInString(s.BioZH) > 3000 {
		p.Add("bio", "err.too_long")
	}
	return p.Err()
}

// SaveSpeaker adds a profile (ID 0) or changes one of the edition's; a nil
// photo keeps the one stored. A name taken in the edition is a conflict.
func (db *DB) SaveSpeaker(ctx context.Context, s *Speaker, photo []byte, photoType string) error {
	if err := s.validate(); err != nil {
		return err
	}
	if len(photo) > MaxPhoto || (photo != nil) != (photoType != "") {
		return model.Errorf(model.Invalid, "err.invalid", "photo", "events.err_photo")
	}
	if s.ID == 0 {
		var err error
		s.ID, err = db.insertID(ctx, db.w, `INSERT INTO speakers (edition_id, name, name_zh, affiliation, bio, bio_zh, photo, photo_type)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`, s.EditionID, s.Name, s.NameZH, s.Affiliation, s.Bio, s.BioZH, photo, photoType)
		s.PhotoType = photoType
		return db.mapErr(err)
	}
	err := db.execOne(ctx, db.w, "speaker", `UPDATE speakers SET name = $3, name_zh = $4, affiliation = $5, bio = $6, bio_zh = $7,
		photo = CASE WHEN $9 = '' THEN photo ELSE $8 END, photo_type = CASE WHEN $9 = '' THEN photo_type ELSE $9 END
		WHERE id = $1 AND edition_id = $2`, s.ID, s.EditionID, s.Name, s.NameZH, s.Affiliation, s.Bio, s.BioZH, photo, photoType)
	if err != nil {
		return err
	}
	return db.r.QueryRowContext(ctx, `SELECT photo_type FROM speakers WHERE id = $1`, s.ID).Scan(&s.PhotoType)
}

// Speakers are an edition's profiles, by name.
func (db *DB) Speakers(ctx context.Context, editionID int64) ([]Speaker, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (Speaker, error) {
		var s Speaker
		return s, r.Scan(&s.ID, &s.EditionID, &s.Name, &s.NameZH, &s.Affiliation, &s.Bio, &s.BioZH, &s.PhotoType)
	}, `SELECT id, edition_id, name, name_zh, affiliation, bio, bio_zh, photo_type FROM speakers WHERE edition_id = $1 ORDER BY name, id`, editionID)
}

// SpeakerPhoto is a profile's photo and its type; not found without one.
func (db *DB) SpeakerPhoto(ctx context.Context, id int64) ([]byte, string, error) {
	var b []byte
	var typ string
	err := db.r.QueryRowContext(ctx, `SELECT photo, photo_type FROM speakers WHERE id = $1 AND photo IS NOT NULL`, id).Scan(&b, &typ)
	if err == sql.ErrNoRows {
		return nil, "", notFound("speaker")
	}
	return b, typ, err
}

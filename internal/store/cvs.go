package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/convene/convene/internal/model"
)

// SaveCV checks and stores a talent's CV, replacing any earlier one, and
// sets the profile's cv_file to "db:<sha256>" in the same transaction.
func (db *DB) SaveCV(ctx context.Context, cv *model.CV) error {
	if err := model.CheckPDF(cv.Content); err != nil {
		return err
	}
	sum := sha256.Sum256(cv.Content)
	cv.SHA256, cv.Size, cv.UploadedAt = hex.EncodeToString(sum[:]), int64(len(cv.Content)), db.clock()
	if cv.ContentType == "" {
		cv.ContentType = "application/pdf"
	}
	if cv.Name == "" {
		cv.Name = "cv.pdf"
	}
	return db.tx(ctx, func(tx txq) error {
		if err := db.execOne(ctx, tx, "talent", `UPDATE talents SET cv_file = $1, updated_at = $2 WHERE id = $3`,
			"db:"+cv.SHA256, cv.UploadedAt, cv.TalentID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO cv_files (talent_id, name, content_type, size, sha256, content, uploaded_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)
			ON CONFLICT (talent_id) DO UPDATE SET name = excluded.name, content_type = excluded.content_type, size = excluded.size,
				sha256 = excluded.sha256, content = excluded.content, uploaded_at = excluded.uploaded_at`,
			cv.TalentID, cv.Name, cv.ContentType, cv.Size, cv.SHA256, cv.Content, cv.UploadedAt)
		return db.mapErr(err)
	})
}

// CV returns a talent's CV with its bytes.
func (db *DB) CV(ctx context.Context, talentID int64) (model.CV, error) {
	var cv model.CV
	err := db.r.QueryRowContext(ctx, `SELECT talent_id, name, content_type, size, sha256, content, uploaded_at FROM cv_files WHERE talent_id = $1`, talentID).
		Scan(&cv.TalentID, &cv.Name, &cv.ContentType, &cv.Size, &cv.SHA256, &cv.Content, &cv.UploadedAt)
	return cv, one(err, "cv")
}

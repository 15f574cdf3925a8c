package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/convene/convene/internal/model"
)

// SaveDeck checks and stores a project's pitch deck, replacing any earlier
// one, as SaveCV stores a CV: the PDF in project_decks and "db:<sha256>" in
// the project's deck_file, in one transaction. Who may is UpdateProject's
// rule (owner, the delegation's members, organizers), in the same
// conditional statement; a withdrawn project takes no deck.
func (db *DB) SaveDeck(ctx context.Context, d *model.Deck, byUserID int64) error {
	if err := model.CheckDeck(d.Content); err != nil {
		return err
	}
	sum := sha256.Sum256(d.Content)
	d.SHA256, d.Size, d.UploadedAt = hex.EncodeToString(sum[:]), int64(len(d.Content)), db.clock()
	if d.ContentType == "" {
		d.ContentType = "application/pdf"
	}
	if d.Name == "" {
		d.Name = "deck.pdf"
	}
	return db.tx(ctx, func(tx txq) error {
		u, err := db.user(ctx, tx, byUserID)
		if err != nil {
			return err
		}
		q, args := mayEdit(`UPDATE projects SET deck_file = $2 WHERE id = $1 AND withdrawn_at IS NULL`, u, d.ProjectID, "db:"+d.SHA256)
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return db.mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refusedEdit(ctx, tx, d.ProjectID, u)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO project_decks (project_id, name, content_type, size, sha256, content, uploaded_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)
			ON CONFLICT (project_id) DO UPDATE SET name = excluded.name, content_type = excluded.content_type, size = excluded.size,
				sha256 = excluded.sha256, content = excluded.content, uploaded_at = excluded.uploaded_at`,
			d.ProjectID, d.Name, d.ContentType, d.Size, d.SHA256, d.Content, d.UploadedAt); err != nil {
			return db.mapErr(err)
		}
		return db.audit(ctx, tx, u.ID, "project.deck", "project", d.ProjectID, d.SHA256)
	})
}

// Deck returns a project's pitch deck with its bytes; who may read it is
// the caller's to check (those who may see the project).
func (db *DB) Deck(ctx context.Context, projectID int64) (model.Deck, error) {
	var d model.Deck
	err := db.r.QueryRowContext(ctx, `SELECT project_id, name, content_type, size, sha256, content, uploaded_at FROM project_decks WHERE project_id = $1`, projectID).
		Scan(&d.ProjectID, &d.Name, &d.ContentType, &d.Size, &d.SHA256, &d.Content, &d.UploadedAt)
	return d, one(err, "deck")
}

package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"github.com/convene/convene/internal/model"
)

// QuickRegister is the scan landing's one-minute registration as one
// transaction: the talent's account and profile (with degree and
// discipline), their CV and their application to the post. Done as four
// calls (Register, UpdateTalent, SaveCV, Apply), a failure half way left an
// account without its CV (issue 21); now any failure stores nothing.
//
// A closed post is not a failure: the account is still created, and
// applied is false (the landing says so). A post that does not exist is a
// not-found error and nothing is stored. The registration must be validated
// and hash computed by the caller, as for Register; the CV is checked here,
// as SaveCV does.
func (db *DB) QuickRegister(ctx context.Context, reg *model.Registration, hash string, degree model.Degree, discipline string,
	cv *model.CV, postID int64, ch model.Channel) (u model.User, t model.Talent, a model.Application, applied bool, err error) {
	if reg.Role != model.RoleTalent || reg.Org != nil {
		return u, t, a, false, model.Errorf(model.Invalid, "err.invalid", "role", "err.choice")
	}
	if !ch.Valid() {
		return u, t, a, false, model.Errorf(model.Invalid, "err.invalid", "channel", "err.choice")
	}
	if err := model.CheckPDF(cv.Content); err != nil {
		return u, t, a, false, err
	}
	now := db.clock()
	sum := sha256.Sum256(cv.Content)
	cv.SHA256, cv.Size, cv.UploadedAt = hex.EncodeToString(sum[:]), int64(len(cv.Content)), now
	if cv.ContentType == "" {
		cv.ContentType = "application/pdf"
	}
	if cv.Name == "" {
		cv.Name = "cv.pdf"
	}
	err = db.tx(ctx, func(tx txq) error {
		// The account, as Register writes it.
		uid, err := db.insertID(ctx, tx, `INSERT INTO users (email, name, role, org_id, locale, password_hash, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, reg.Email, reg.Name, reg.Role, nil, reg.Locale, hash, now)
		if err != nil {
			if model.ErrorCode(err) == model.Conflict {
				return model.Errorf(model.Conflict, "err.email_taken", "email", "err.email_taken")
			}
			return err
		}
		u = model.User{ID: uid, Email: reg.Email, Name: reg.Name, Role: reg.Role, Locale: reg.Locale, CreatedAt: now}
		// The profile, with what the landing asks besides Register's fields.
		tid, err := db.insertID(ctx, tx, `INSERT INTO talents (user_id, name, category, degree, discipline, cv_file, updated_at)
			VALUES ($1,$2,'overseas',$3,$4,$5,$6) RETURNING id`, uid, reg.Name, degree, discipline, "db:"+cv.SHA256, now)
		if err != nil {
			return err
		}
		// The CV, as SaveCV writes it (a new talent has none to replace).
		cv.TalentID = tid
		if _, err := tx.ExecContext(ctx, `INSERT INTO cv_files (talent_id, name, content_type, size, sha256, content, uploaded_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, tid, cv.Name, cv.ContentType, cv.Size, cv.SHA256, cv.Content, cv.UploadedAt); err != nil {
			return db.mapErr(err)
		}
		if t, err = scanTalent(tx.QueryRowContext(ctx, `SELECT `+talentCols+` FROM talents WHERE id = $1`, tid)); err != nil {
			return one(err, "talent")
		}
		// The application, as Apply writes it; a new talent has applied
		// nowhere, so no row back means a closed or missing post.
		var aid int64
		err = tx.QueryRowContext(ctx, applySQL, tid, postID, ch, now).Scan(&aid)
		if err == nil {
			a, applied = model.Application{ID: aid, TalentID: tid, PostID: postID, Channel: ch, Status: model.AppApplied, CreatedAt: now, UpdatedAt: now}, true
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return db.mapErr(err)
		}
		var status model.PostStatus
		return one(tx.QueryRowContext(ctx, `SELECT status FROM posts WHERE id = $1`, postID).Scan(&status), "post")
	})
	if err != nil {
		return model.User{}, model.Talent{}, model.Application{}, false, err
	}
	return u, t, a, applied, nil
}

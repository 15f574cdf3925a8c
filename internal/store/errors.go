package store

import (
	"database/sql"
	"errors"

	"github.com/convene/convene/internal/model"
	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

func notFound(what string) error { return model.ErrNotFound(what) }

// mapErr turns constraint violations into model errors so callers see
// "conflict" or "invalid" instead of driver text; everything else passes
// through wrapped as internal.
func (db *DB) mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return model.Errorf(model.Conflict, "err.conflict")
		case "23503":
			return model.Errorf(model.Invalid, "err.reference")
		case "23514", "22001", "22P02", "23502":
			return model.Errorf(model.Invalid, "err.invalid")
		}
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return model.Errorf(model.Conflict, "err.conflict")
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return model.Errorf(model.Invalid, "err.reference")
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return model.Errorf(model.Invalid, "err.invalid")
		}
	}
	return err
}

// one maps sql.ErrNoRows on a single-row read to a typed not-found error.
func one(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	return err
}

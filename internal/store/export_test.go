package store

import (
	"context"
	"strings"
)

// OpenAt opens dsn migrated up to version only, for tests of a later
// migration over data written before it.
func OpenAt(ctx context.Context, dsn string, version int64) (*DB, error) {
	var db *DB
	var err error
	if strings.HasPrefix(dsn, "postgres://") {
		db, err = openPostgres(ctx, dsn)
	} else {
		db, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx, version); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

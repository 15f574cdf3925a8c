package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
)

type txq = *sql.Tx

func ph(n int) string   { return "$" + strconv.Itoa(n) }
func itoa(n int) string { return strconv.Itoa(n) }
func whereSQL(w []string) string {
	if len(w) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w, " AND ")
}

// list is a []string kept as a JSON array in a TEXT column, the same on both
// databases; the matching engine reads lists whole, so no join table is needed.
type list []string

func (l list) String() string {
	if l == nil {
		l = list{}
	}
	b, _ := json.Marshal([]string(l))
	return string(b)
}

// scanList returns a Scan destination that decodes a JSON array into *dst.
func scanList(dst *[]string) sql.Scanner { return (*listScanner)(dst) }

type listScanner []string

func (l *listScanner) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*l = nil
		return nil
	}
	var out []string
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	*l = out
	return nil
}

// audit records who changed what, inside the caller's transaction.
func (db *DB) audit(ctx context.Context, tx txq, by int64, action, subject string, id int64, detail string) error {
	var who any
	if by != 0 {
		who = by
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (user_id, action, subject, detail, at) VALUES ($1,$2,$3,$4,$5)`,
		who, action, subject+":"+itoa(int(id)), detail, db.clock())
	return db.mapErr(err)
}

// prefixed qualifies a column list: prefixed("p.", "id, title") is "p.id, p.title".
func prefixed(prefix, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		parts[i] = prefix + c
	}
	return strings.Join(parts, ", ")
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Throttle limits the attempts counted under one key (an account, a
// device, a client address, all registrations): Free attempts in a Window,
// then, with Backoff set, one more each time a wait has passed that starts
// at Backoff and doubles with each attempt (capped at Window); without
// Backoff, none until the window ends.
type Throttle struct {
	Window  time.Duration
	Free    int
	Backoff time.Duration
}

// wait is how long after the last attempt the next one is admitted, when
// failures attempts have been counted.
func (th Throttle) wait(failures int) (time.Duration, bool) {
	if failures < th.Free {
		return 0, true
	}
	if th.Backoff <= 0 {
		return 0, false
	}
	d := th.Backoff
	for i := th.Free; i < failures && d < th.Window; i++ {
		d *= 2
	}
	return min(d, th.Window), true
}

// AdmitAttempt counts an attempt under key BEFORE the work it guards (a
// password hash) and says whether it may go on; when not, retry is how
// long until it may. The count is atomic on both databases: each admitted
// attempt takes the next count by a conditional update on the count it
// read, so N concurrent attempts cannot all pass a check made before any
// of them was recorded (issue 11, item 2). Kept in the database so every
// instance counts the same attempts.
func (db *DB) AdmitAttempt(ctx context.Context, key string, th Throttle) (ok bool, retry time.Duration, err error) {
	for range 16 {
		now := db.clock()
		cut := now.Add(-th.Window)
		var n int
		var start time.Time
		var last sql.NullTime
		err := db.w.QueryRowContext(ctx, `SELECT failures, window_start, last_at FROM login_failures WHERE key = $1`, key).Scan(&n, &start, &last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, 0, err
		}
		var res sql.Result
		if err != nil || !start.After(cut) {
			// No count, or an old window: start a new one, unless another
			// attempt just did.
			res, err = db.w.ExecContext(ctx, `INSERT INTO login_failures (key, window_start, failures, last_at) VALUES ($1, $2, 1, $2)
				ON CONFLICT (key) DO UPDATE SET window_start = $2, failures = 1, last_at = $2 WHERE login_failures.window_start <= $3`,
				key, now, cut)
		} else {
			d, open := th.wait(n)
			if !open {
				return false, start.Add(th.Window).Sub(now), nil
			}
			at := start
			if last.Valid {
				at = last.Time
			}
			if wait := at.Add(d).Sub(now); d > 0 && wait > 0 {
				return false, wait, nil
			}
			res, err = db.w.ExecContext(ctx, `UPDATE login_failures SET failures = failures + 1, last_at = $2
				WHERE key = $1 AND failures = $3 AND window_start > $4`, key, now, n, cut)
		}
		if err != nil {
			return false, 0, db.mapErr(err)
		}
		if k, err := res.RowsAffected(); err != nil {
			return false, 0, err
		} else if k == 1 {
			return true, 0, nil
		}
		// Another attempt took this count: read again.
	}
	return false, th.Backoff, nil
}

// ForgiveAttempt takes back one counted attempt (a sign-in that succeeded
// counts against its address no more than a failure would).
func (db *DB) ForgiveAttempt(ctx context.Context, key string) error {
	_, err := db.w.ExecContext(ctx, `UPDATE login_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0`, key)
	return err
}

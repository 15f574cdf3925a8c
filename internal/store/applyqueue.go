package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/convene/convene/internal/model"
)

// applySQL inserts an application into an open post; no row back means
// applied before, or a closed or missing post (Apply tells which).
const applySQL = `INSERT INTO applications (talent_id, post_id, channel, status, created_at, updated_at)
	SELECT $1, p.id, $3, 'applied', $4, $4 FROM posts p JOIN organizations o ON o.id = p.org_id
	WHERE p.id = $2 AND p.status = 'open' AND o.status = 'approved'
	ON CONFLICT (talent_id, post_id) DO NOTHING RETURNING id`

// applyQueue commits concurrent applications together (group commit) on
// SQLite, which writes one transaction at a time: each commit appends its
// pages to the WAL and empties every reader connection's page cache, so a
// crowd of scans paid for one commit each, twice. Applications that arrive
// while a batch commits form the next batch; alone, an application is a
// batch of one. Each caller is answered only after its batch has committed,
// so an acknowledged application survives a crash as before. PostgreSQL
// needs none of this: concurrent sessions commit in parallel there and the
// server groups their WAL flushes itself.
type applyQueue struct {
	db   *DB
	jobs chan *applyJob // unbuffered: a job is taken or the caller sees quit
	quit chan struct{}
	once sync.Once
	done sync.WaitGroup
}

type applyJob struct {
	ctx          context.Context
	talent, post int64
	ch           model.Channel
	now          time.Time
	id           int64 // 0: no row came back
	err          error
	finished     chan struct{}
}

// maxApplyBatch bounds a batch, so one commit's latency stays small.
const maxApplyBatch = 64

var errClosed = errors.New("store: closed")

func newApplyQueue(db *DB) *applyQueue {
	q := &applyQueue{db: db, jobs: make(chan *applyJob), quit: make(chan struct{})}
	q.done.Add(1)
	go q.run()
	return q
}

// insert runs applySQL for one application in the next batch.
func (q *applyQueue) insert(ctx context.Context, talent, post int64, ch model.Channel, now time.Time) (int64, error) {
	j := &applyJob{ctx: ctx, talent: talent, post: post, ch: ch, now: now, finished: make(chan struct{})}
	select {
	case q.jobs <- j:
	case <-q.quit:
		return 0, errClosed
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	<-j.finished // not on ctx: the batch may commit it, and the caller must know
	return j.id, j.err
}

func (q *applyQueue) close() {
	q.once.Do(func() { close(q.quit) })
	q.done.Wait()
}

func (q *applyQueue) run() {
	defer q.done.Done()
	batch := make([]*applyJob, 0, maxApplyBatch)
	for {
		select {
		case j := <-q.jobs:
			batch = append(batch[:0], j)
		case <-q.quit:
			return
		}
	more:
		for len(batch) < maxApplyBatch {
			select {
			case j := <-q.jobs:
				batch = append(batch, j)
			default:
				break more
			}
		}
		q.commit(batch)
		for _, j := range batch {
			close(j.finished)
		}
	}
}

// commit runs a batch in one transaction. A constraint failure (say, an
// unknown talent) fails only its own statement, as SQLite rolls back just
// that statement; any other failure rolls back the batch and fails all of
// it, so nobody is told of an application that was not stored.
func (q *applyQueue) commit(batch []*applyJob) {
	fail := func(err error) {
		for _, j := range batch {
			if j.err == nil {
				j.id, j.err = 0, err
			}
		}
	}
	ctx := context.Background() // one caller giving up must not roll back the others
	// The writer's prepared statement, fetched before the transaction takes
	// the writer's only connection (preparing would wait for it).
	st, cached := q.db.w.stmt(ctx, applySQL)
	tx, err := q.db.w.BeginTx(ctx, nil)
	if err != nil {
		fail(err)
		return
	}
	run := func(j *applyJob) *sql.Row { return tx.QueryRowContext(ctx, applySQL, j.talent, j.post, j.ch, j.now) }
	if cached {
		txst := tx.StmtContext(ctx, st)
		run = func(j *applyJob) *sql.Row { return txst.QueryRowContext(ctx, j.talent, j.post, j.ch, j.now) }
	}
	for _, j := range batch {
		if err := j.ctx.Err(); err != nil {
			j.err = err
			continue
		}
		err := run(j).Scan(&j.id)
		switch {
		case err == nil, err == sql.ErrNoRows:
		default:
			if me := model.AsError(q.db.mapErr(err)); me != nil {
				j.err = me
				continue
			}
			tx.Rollback()
			fail(err)
			return
		}
	}
	if err := tx.Commit(); err != nil {
		fail(err)
	}
}

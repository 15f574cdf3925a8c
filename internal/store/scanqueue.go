package store

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/convene/convene/internal/model"
)

// scanQueue stores the gates' scans through one goroutine: concurrent
// callers' scans share a transaction (group commit, as applyQueue does for
// applications) and a gate syncing a big batch stores it in bounded
// transactions, so an online scan waits for at most one short transaction
// instead of a queue of whole batches. Before it, with 8 gates posting
// batches of 50 and one scan in ten alone, an online scan's p99 was 298 ms
// on SQLite and 64 ms on PostgreSQL (docs/benchmarks.md, issue 16): it
// queued behind batches for SQLite's one writer, and behind their badge
// locks on PostgreSQL.
//
// Each round takes every waiting small job (an online scan) whole, then
// chunks of the oldest batches up to maxScanTx scans, and runs them in one
// transaction, each job's chunk decided against what the transaction
// already holds (the rules of RecordScans, unchanged). A caller is
// answered only after its last chunk commits: an acknowledged scan is
// stored. A batch whose later chunk fails is refused as a whole, though its
// earlier chunks stay stored; the gate sends it again and those come back
// as replayed, each nonce still stored once.
type scanQueue struct {
	db   *DB
	jobs chan *scanJob // unbuffered: a job is taken or the caller sees quit
	quit chan struct{}
	once sync.Once
	done sync.WaitGroup
}

type scanJob struct {
	ctx      context.Context
	gate     int64
	device   string
	queue    int
	scans    []ScanIn
	out      []ScanOut
	next     int  // scans committed
	take     int  // scans in the round under way
	done     bool // every scan committed
	err      error
	finished chan struct{}
}

const (
	// maxScanTx bounds the scans of one transaction: about 5 ms of the
	// writer on this machine (80 µs a scan, store side).
	maxScanTx = 64
	// scanChunk is a big batch's share of one round.
	scanChunk = 32
	// smallScanJob: jobs of at most this many scans (online scans) go first
	// and whole.
	smallScanJob = 4
)

func newScanQueue(db *DB) *scanQueue {
	q := &scanQueue{db: db, jobs: make(chan *scanJob), quit: make(chan struct{})}
	q.done.Add(1)
	go q.run()
	return q
}

func (q *scanQueue) record(ctx context.Context, gate int64, device string, queue int, scans []ScanIn) ([]ScanOut, error) {
	if q.db.dialect == postgresDialect && len(scans) <= smallScanJob {
		// PostgreSQL commits sessions in parallel: a live scan runs in its
		// own transaction at once rather than waiting for the queue's round
		// trips (online p50 32 ms through the queue, under load 11).
		out := make([]ScanOut, len(scans))
		err := q.db.tx(ctx, func(tx txq) error {
			return q.db.recordChunk(ctx, tx, gate, device, queue, scans, out, q.db.clock())
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	}
	j := &scanJob{ctx: ctx, gate: gate, device: device, queue: queue, scans: scans, out: make([]ScanOut, len(scans)), finished: make(chan struct{})}
	select {
	case q.jobs <- j:
	case <-q.quit:
		return nil, errClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	<-j.finished // not on ctx: a round may commit it, and the caller must know
	if j.err != nil {
		return nil, j.err
	}
	return j.out, nil
}

func (q *scanQueue) close() {
	q.once.Do(func() { close(q.quit) })
	q.done.Wait()
}

func (q *scanQueue) run() {
	defer q.done.Done()
	var pending []*scanJob
	for {
		if len(pending) == 0 {
			select {
			case j := <-q.jobs:
				pending = append(pending, j)
			case <-q.quit:
				return
			}
		}
	drain:
		for {
			select {
			case j := <-q.jobs:
				pending = append(pending, j)
			default:
				break drain
			}
		}
		q.commit(pick(pending))
		kept := pending[:0]
		for _, j := range pending {
			if j.done || j.err != nil {
				close(j.finished)
			} else {
				kept = append(kept, j)
			}
		}
		clear(pending[len(kept):])
		pending = kept
	}
}

// pick chooses a round: every small job whole, then chunks of the oldest
// big ones while the round has room (at least one chunk, so a stream of
// online scans cannot starve a syncing gate).
func pick(pending []*scanJob) []*scanJob {
	var round []*scanJob
	n := 0
	for _, j := range pending {
		if left := len(j.scans) - j.next; left <= smallScanJob && n < maxScanTx {
			j.take = left
			n += left
			round = append(round, j)
		}
	}
	big := false
	for _, j := range pending {
		left := len(j.scans) - j.next
		if left <= smallScanJob {
			continue
		}
		if big && n >= maxScanTx {
			break
		}
		j.take = min(left, scanChunk)
		n += j.take
		big = true
		round = append(round, j)
	}
	return round
}

// commit runs a round in one transaction. A job that fails with a domain
// error (an unknown gate) or whose caller gave up is answered with it and
// the round runs again without it, so nothing of it is stored; any other
// failure fails the whole round.
func (q *scanQueue) commit(round []*scanJob) {
	ctx := context.Background() // one caller giving up must not roll back the others
	round = slices.DeleteFunc(round, func(j *scanJob) bool {
		j.err = j.ctx.Err()
		return j.err != nil
	})
	for len(round) > 0 {
		bad, err := q.try(ctx, round)
		if err == nil {
			for _, j := range round {
				j.next += j.take
				j.done = j.next == len(j.scans)
			}
			return
		}
		if bad == nil || model.AsError(err) == nil {
			for _, j := range round {
				j.err = err
			}
			return
		}
		bad.err = err
		round = slices.DeleteFunc(round, func(j *scanJob) bool { return j == bad })
	}
}

// try runs the round's chunks in one transaction and commits; on failure
// it names the job at fault, if one is.
func (q *scanQueue) try(ctx context.Context, round []*scanJob) (*scanJob, error) {
	db := q.db
	now := db.clock()
	t, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	tx := &preparedTx{Tx: t, pool: db.w}
	defer func() {
		for _, m := range tx.missed { // prepared for the next rounds
			db.w.stmt(ctx, m)
		}
	}()
	if db.dialect == postgresDialect {
		// Lock the round's badges at once, in id order, so this transaction
		// never waits for another instance's holding a later badge while
		// holding an earlier one (each job's own lock then finds them held).
		var ids []int64
		for _, j := range round {
			for _, s := range j.scans[j.next : j.next+j.take] {
				if s.BadgeID != 0 {
					ids = append(ids, s.BadgeID)
				}
			}
		}
		if len(ids) > 0 {
			slices.Sort(ids)
			ids = slices.Compact(ids)
			cond, arg := db.inIDs("id", 1, ids)
			if _, err := tx.ExecContext(ctx, `SELECT id FROM badges WHERE `+cond+` ORDER BY id FOR UPDATE`, arg); err != nil {
				tx.Rollback()
				return nil, err
			}
		}
	}
	for _, j := range round {
		lo, hi := j.next, j.next+j.take
		if err := db.recordChunk(ctx, tx, j.gate, j.device, j.queue, j.scans[lo:hi], j.out[lo:hi], now); err != nil {
			tx.Rollback()
			return j, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", db.mapErr(err))
	}
	return nil, nil
}

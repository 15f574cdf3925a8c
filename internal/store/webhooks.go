package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/convene/convene/internal/model"
)

// WebhookEndpoint is an organization's receiver of events.
type WebhookEndpoint struct {
	ID             int64
	OrgID          int64
	URL            string
	Events         []string
	Secret         string
	PrevSecret     string     // signs too, until PrevUntil (rotation)
	PrevUntil      *time.Time //
	Active         bool
	DisabledReason string
	FailingSince   *time.Time
	CreatedBy      int64
	CreatedAt      time.Time
}

// Secrets are the secrets that sign at now: the current one and, during a
// rotation, the previous one.
func (e WebhookEndpoint) Secrets(now time.Time) []string {
	s := []string{e.Secret}
	if e.PrevSecret != "" && e.PrevUntil != nil && e.PrevUntil.After(now) {
		s = append(s, e.PrevSecret)
	}
	return s
}

// maxEndpointsPerOrg bounds an organization's endpoints.
const maxEndpointsPerOrg = 20

const endpointCols = `id, org_id, url, events, secret, prev_secret, prev_until, active, disabled_reason, failing_since, COALESCE(created_by, 0), created_at`

func scanEndpoint(row interface{ Scan(...any) error }) (WebhookEndpoint, error) {
	var e WebhookEndpoint
	var prev, failing sql.NullTime
	err := row.Scan(&e.ID, &e.OrgID, &e.URL, scanList(&e.Events), &e.Secret, &e.PrevSecret, &prev, &e.Active, &e.DisabledReason, &failing, &e.CreatedBy, &e.CreatedAt)
	e.PrevUntil, e.FailingSince = ptrTime(prev), ptrTime(failing)
	return e, err
}

// CreateWebhookEndpoint stores a new, active endpoint.
func (db *DB) CreateWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error {
	e.CreatedAt, e.Active = db.clock(), true
	var by any
	if e.CreatedBy != 0 {
		by = e.CreatedBy
	}
	return db.tx(ctx, func(tx txq) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM webhook_endpoints WHERE org_id = $1`, e.OrgID).Scan(&n); err != nil {
			return err
		}
		if n >= maxEndpointsPerOrg {
			return model.Errorf(model.Conflict, "err.webhooks.too_many")
		}
		var err error
		e.ID, err = db.insertID(ctx, tx, `INSERT INTO webhook_endpoints (org_id, url, events, secret, active, created_by, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, e.OrgID, e.URL, list(e.Events).String(), e.Secret, true, by, e.CreatedAt)
		return err
	})
}

// WebhookEndpoints lists an organization's endpoints.
func (db *DB) WebhookEndpoints(ctx context.Context, orgID int64) ([]WebhookEndpoint, error) {
	return queryAll(ctx, db.r, scanEndpoint, `SELECT `+endpointCols+` FROM webhook_endpoints WHERE org_id = $1 ORDER BY id`, orgID)
}

// WebhookEndpoint returns one of the organization's endpoints.
func (db *DB) WebhookEndpoint(ctx context.Context, orgID, id int64) (WebhookEndpoint, error) {
	e, err := scanEndpoint(db.r.QueryRowContext(ctx, `SELECT `+endpointCols+` FROM webhook_endpoints WHERE id = $1 AND org_id = $2`, id, orgID))
	return e, one(err, "webhook")
}

// RotateWebhookSecret makes secret the endpoint's signing secret; the old
// one keeps signing beside it until keepOld has passed.
func (db *DB) RotateWebhookSecret(ctx context.Context, orgID, id int64, secret string, keepOld time.Duration) error {
	return db.execOne(ctx, db.w, "webhook", `UPDATE webhook_endpoints SET prev_secret = secret, prev_until = $1, secret = $2 WHERE id = $3 AND org_id = $4`,
		db.clock().Add(keepOld), secret, id, orgID)
}

// SetWebhookActive enables or disables an endpoint by hand. Enabling
// clears the failure record; deliveries that failed meanwhile can be
// redelivered from the log.
func (db *DB) SetWebhookActive(ctx context.Context, orgID, id int64, active bool) error {
	reason := ""
	if !active {
		reason = "manual"
	}
	return db.execOne(ctx, db.w, "webhook", `UPDATE webhook_endpoints SET active = $1, disabled_reason = $2, failing_since = NULL WHERE id = $3 AND org_id = $4`,
		active, reason, id, orgID)
}

// DeleteWebhookEndpoint removes an endpoint with its deliveries and log.
func (db *DB) DeleteWebhookEndpoint(ctx context.Context, orgID, id int64) error {
	return db.execOne(ctx, db.w, "webhook", `DELETE FROM webhook_endpoints WHERE id = $1 AND org_id = $2`, id, orgID)
}

// EnqueueWebhook adds a delivery of one event to one endpoint, due now (a
// test delivery from the page; events of changes come from the triggers of
// migration 0011, in the change's transaction).
func (db *DB) EnqueueWebhook(ctx context.Context, orgID, endpointID int64, eventType, payload string) (int64, error) {
	now := db.clock()
	var id int64
	err := db.w.QueryRowContext(ctx, `INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
		SELECT id, $1, $2, 'pending', 0, $3, $3 FROM webhook_endpoints WHERE id = $4 AND org_id = $5 RETURNING id`,
		eventType, payload, now, endpointID, orgID).Scan(&id)
	return id, one(db.mapErr(err), "webhook")
}

// Delivery is one event for one endpoint.
type Delivery struct {
	ID          int64
	EndpointID  int64
	EventType   string
	Payload     string
	Status      string // pending, delivered, failed
	Attempts    int
	NextAt      time.Time
	CreatedAt   time.Time
	DeliveredAt *time.Time
	// The last attempt, on lists.
	LastCode int
	LastErr  string
}

// Claimed is a delivery taken by a dispatcher, with what sending needs.
type Claimed struct {
	Delivery
	Endpoint WebhookEndpoint
}

// ClaimWebhookDeliveries takes up to n due deliveries of active endpoints
// for lease: their next_at moves to now+lease, so another dispatcher (this
// instance's or another's) skips them, and a dispatcher that dies mid-send
// leaves them due again when the lease ends (at-least-once: receivers
// dedupe by webhook-id). PostgreSQL skips rows another transaction holds
// (FOR UPDATE SKIP LOCKED); SQLite's single writer makes the one
// conditional UPDATE atomic.
func (db *DB) ClaimWebhookDeliveries(ctx context.Context, n int, lease time.Duration) ([]Claimed, error) {
	now := db.clock()
	lock := ""
	if db.dialect == postgresDialect {
		lock = " FOR UPDATE OF d SKIP LOCKED"
	}
	rows, err := db.w.QueryContext(ctx, `UPDATE webhook_deliveries SET next_at = $1
		WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
			WHERE d.status = 'pending' AND d.next_at <= $2 AND e.active ORDER BY d.next_at LIMIT `+itoa(n)+lock+`)
		RETURNING id, endpoint_id, event_type, payload, attempts, created_at`, now.Add(lease), now)
	if err != nil {
		return nil, db.mapErr(err)
	}
	var out []Claimed
	for rows.Next() {
		var c Claimed
		if err := rows.Scan(&c.ID, &c.EndpointID, &c.EventType, &c.Payload, &c.Attempts, &c.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		c.Status = "pending"
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	eps := map[int64]WebhookEndpoint{}
	for i := range out {
		e, ok := eps[out[i].EndpointID]
		if !ok {
			e, err = scanEndpoint(db.r.QueryRowContext(ctx, `SELECT `+endpointCols+` FROM webhook_endpoints WHERE id = $1`, out[i].EndpointID))
			if err != nil {
				return nil, one(err, "webhook")
			}
			eps[e.ID] = e
		}
		out[i].Endpoint = e
	}
	return out, nil
}

// Attempt is one try at a delivery.
type Attempt struct {
	ID         int64
	DeliveryID int64
	At         time.Time
	StatusCode int // 0: no answer
	LatencyMS  int64
	Excerpt    string
	Error      string
}

// Outcome is what an attempt settles: delivered, tried again at Retry, or
// given up (neither). Disable, when set, disables the endpoint with that
// reason ("gone": it answered 410; "failing": it failed too long), and its
// owner is notified.
type Outcome struct {
	Delivered bool
	Retry     *time.Time
	Disable   string
}

// RecordWebhookAttempt logs an attempt and settles the delivery and the
// endpoint's failure record in one transaction.
func (db *DB) RecordWebhookAttempt(ctx context.Context, c Claimed, a Attempt, o Outcome) error {
	return db.tx(ctx, func(tx txq) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_attempts (delivery_id, at, status_code, latency_ms, excerpt, error) VALUES ($1,$2,$3,$4,$5,$6)`,
			c.ID, a.At, a.StatusCode, a.LatencyMS, a.Excerpt, a.Error); err != nil {
			return db.mapErr(err)
		}
		var err error
		switch {
		case o.Delivered:
			_, err = tx.ExecContext(ctx, `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = $1 WHERE id = $2`, a.At, c.ID)
			if err == nil {
				_, err = tx.ExecContext(ctx, `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, c.EndpointID)
			}
		case o.Retry != nil:
			_, err = tx.ExecContext(ctx, `UPDATE webhook_deliveries SET attempts = attempts + 1, next_at = $1 WHERE id = $2`, *o.Retry, c.ID)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE webhook_deliveries SET status = 'failed', attempts = attempts + 1 WHERE id = $1`, c.ID)
		}
		if err != nil {
			return db.mapErr(err)
		}
		if !o.Delivered {
			if _, err := tx.ExecContext(ctx, `UPDATE webhook_endpoints SET failing_since = $1 WHERE id = $2 AND failing_since IS NULL`, a.At, c.EndpointID); err != nil {
				return db.mapErr(err)
			}
		}
		if o.Disable == "" {
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE webhook_endpoints SET active = $1, disabled_reason = $2 WHERE id = $3 AND active = $4`, false, o.Disable, c.EndpointID, true)
		if err != nil {
			return db.mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 || c.Endpoint.CreatedBy == 0 {
			return nil
		}
		return db.notify(ctx, tx, c.Endpoint.CreatedBy, "note.webhook_disabled", c.Endpoint.URL, "webhooks.reason."+o.Disable)
	})
}

const deliveryCols = `d.id, d.endpoint_id, d.event_type, d.payload, d.status, d.attempts, d.next_at, d.created_at, d.delivered_at,
	COALESCE((SELECT a.status_code FROM webhook_attempts a WHERE a.delivery_id = d.id ORDER BY a.id DESC LIMIT 1), 0),
	COALESCE((SELECT a.error FROM webhook_attempts a WHERE a.delivery_id = d.id ORDER BY a.id DESC LIMIT 1), '')`

func scanDelivery(row interface{ Scan(...any) error }) (Delivery, error) {
	var d Delivery
	var done sql.NullTime
	err := row.Scan(&d.ID, &d.EndpointID, &d.EventType, &d.Payload, &d.Status, &d.Attempts, &d.NextAt, &d.CreatedAt, &done, &d.LastCode, &d.LastErr)
	d.DeliveredAt = ptrTime(done)
	return d, err
}

// WebhookDeliveries lists an endpoint's latest deliveries, newest first.
func (db *DB) WebhookDeliveries(ctx context.Context, orgID, endpointID int64, limit int) ([]Delivery, error) {
	limit, _ = page(limit, 0)
	return queryAll(ctx, db.r, scanDelivery, `SELECT `+deliveryCols+` FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
		WHERE d.endpoint_id = $1 AND e.org_id = $2 ORDER BY d.id DESC LIMIT `+itoa(limit), endpointID, orgID)
}

// WebhookDelivery returns one of the organization's deliveries.
func (db *DB) WebhookDelivery(ctx context.Context, orgID, id int64) (Delivery, error) {
	d, err := scanDelivery(db.r.QueryRowContext(ctx, `SELECT `+deliveryCols+` FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
		WHERE d.id = $1 AND e.org_id = $2`, id, orgID))
	return d, one(err, "delivery")
}

// WebhookAttempts lists a delivery's attempts, oldest first.
func (db *DB) WebhookAttempts(ctx context.Context, deliveryID int64) ([]Attempt, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (Attempt, error) {
		var a Attempt
		err := row.Scan(&a.ID, &a.DeliveryID, &a.At, &a.StatusCode, &a.LatencyMS, &a.Excerpt, &a.Error)
		return a, err
	}, `SELECT id, delivery_id, at, status_code, latency_ms, excerpt, error FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id LIMIT 100`, deliveryID)
}

// RedeliverWebhook makes one of the organization's deliveries due again
// now, whatever its state (same webhook-id: receivers dedupe).
func (db *DB) RedeliverWebhook(ctx context.Context, orgID, id int64) error {
	return db.execOne(ctx, db.w, "delivery", `UPDATE webhook_deliveries SET status = 'pending', next_at = $1
		WHERE id = $2 AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE org_id = $3)`, db.clock(), id, orgID)
}

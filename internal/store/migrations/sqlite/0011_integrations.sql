-- Integrations (issue 18): API tokens and signed webhooks with an outbox.
-- SQLite dialect; keep in step with ../postgres/0011_integrations.sql.

-- A personal API token: only its SHA-256 is kept (the token is shown once);
-- prefix is its first characters, to tell tokens apart in lists. scopes is
-- a JSON list. A revoked or expired token is refused on the next request.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '[]',
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP,
  revoked_at TIMESTAMP,
  last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

-- An organization's receiver. events is a JSON list of event types; the
-- previous secret keeps signing (a second signature) until prev_until.
CREATE TABLE webhook_endpoints (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '[]',
  secret TEXT NOT NULL,
  prev_secret TEXT NOT NULL DEFAULT '',
  prev_until TIMESTAMP,
  active INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT NOT NULL DEFAULT '',
  failing_since TIMESTAMP,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints (org_id, id);

-- The outbox: one row per event and endpoint, written in the transaction
-- of the change (the triggers below). The dispatcher claims due pending
-- rows by moving next_at past a lease; an attempt settles the row.
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  delivered_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

-- Every attempt: HTTP status (0: no answer), latency, the answer's first
-- bytes or the error.
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  at TIMESTAMP NOT NULL,
  status_code INTEGER NOT NULL DEFAULT 0,
  latency_ms INTEGER NOT NULL DEFAULT 0,
  excerpt TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- Outbox rows in the same transaction as the change, whichever code path
-- makes it (Apply, its SQLite group commit, quick registration, the inbox
-- moves): a trigger per event. Nothing is written for an organization
-- without a subscribed, active endpoint.
CREATE TRIGGER webhook_application_received AFTER INSERT ON applications
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'application.received',
    json_object('application_id', NEW.id, 'post_id', NEW.post_id, 'post_title', p.title, 'talent_id', NEW.talent_id,
      'channel', NEW.channel, 'status', NEW.status),
    'pending', 0, NEW.created_at, NEW.created_at
  FROM posts p JOIN webhook_endpoints e ON e.org_id = p.org_id
  WHERE p.id = NEW.post_id AND e.active = 1 AND e.events LIKE '%"application.received"%';
END;

CREATE TRIGGER webhook_application_moved AFTER UPDATE OF status ON applications
WHEN OLD.status <> NEW.status
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'application.moved',
    json_object('application_id', NEW.id, 'post_id', NEW.post_id, 'post_title', p.title, 'talent_id', NEW.talent_id,
      'from', OLD.status, 'to', NEW.status),
    'pending', 0, NEW.updated_at, NEW.updated_at
  FROM posts p JOIN webhook_endpoints e ON e.org_id = p.org_id
  WHERE p.id = NEW.post_id AND e.active = 1 AND e.events LIKE '%"application.moved"%';
END;

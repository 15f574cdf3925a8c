-- Events, part B (issue 16): registration with capacity, waitlist and timed
-- holds; badges and their revocation; gates and check-ins. SQLite dialect;
-- keep in step with ../postgres/0009_events.sql.

ALTER TABLE events ADD COLUMN abstract TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN abstract_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN audience TEXT NOT NULL DEFAULT 'all' CHECK (audience IN ('all','talents','enterprises','invitation'));
-- How long a freed seat is held for the next in line before it passes on.
ALTER TABLE events ADD COLUMN hold_seconds INTEGER NOT NULL DEFAULT 86400 CHECK (hold_seconds > 0);

-- One live registration per person and event; the waitlist is the
-- waitlisted rows in id order. An offered row holds a seat until hold_until.
CREATE TABLE event_registrations (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('registered','waitlisted','offered','cancelled','expired')),
  hold_until TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX event_registrations_live ON event_registrations (event_id, user_id) WHERE status IN ('registered','waitlisted','offered');
CREATE INDEX event_registrations_queue ON event_registrations (event_id, status, id);
CREATE INDEX event_registrations_user ON event_registrations (user_id, status);

-- A badge per person and edition; re-issue revokes the old one.
CREATE TABLE badges (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  not_before TIMESTAMP NOT NULL,
  not_after TIMESTAMP NOT NULL CHECK (not_after > not_before),
  issued_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX badges_current ON badges (edition_id, user_id) WHERE revoked_at IS NULL;
CREATE INDEX badges_revoked ON badges (edition_id, revoked_at);

-- A gate admits roles (empty: all) on days (empty: all), optionally only
-- those registered for one event.
CREATE TABLE gates (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  roles TEXT NOT NULL DEFAULT '[]',
  days TEXT NOT NULL DEFAULT '[]',
  event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
  last_sync_at TIMESTAMP,
  last_device TEXT NOT NULL DEFAULT '',
  last_queue INTEGER NOT NULL DEFAULT 0,
  UNIQUE (edition_id, name)
);

-- Every scan, admitted or not, once: the device's random nonce is unique,
-- so a replayed sync inserts nothing; content_hash tells a replay from a
-- reused nonce. first_entry: the person's first at this gate that day;
-- duplicate: the person had entered (at any gate) that day before.
CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  gate_id INTEGER NOT NULL REFERENCES gates(id) ON DELETE CASCADE,
  device TEXT NOT NULL DEFAULT '',
  nonce TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  badge_id INTEGER,
  user_id INTEGER,
  day TEXT NOT NULL,
  scanned_at TIMESTAMP NOT NULL,
  received_at TIMESTAMP NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('admitted','already','refused')),
  reason TEXT NOT NULL DEFAULT '',
  device_result TEXT NOT NULL DEFAULT '',
  offline BOOLEAN NOT NULL DEFAULT 0,
  first_entry BOOLEAN NOT NULL DEFAULT 0,
  duplicate BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX checkins_first ON checkins (user_id, gate_id, day) WHERE first_entry;
CREATE INDEX checkins_person_day ON checkins (user_id, day);
CREATE INDEX checkins_gate_time ON checkins (gate_id, received_at);

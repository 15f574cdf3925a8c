-- Docking pipeline, delegations' members and the exhibits catalogue
-- (issue 14), SQLite dialect. Keep in step with ../postgres/0010_docking.sql.

-- A docking keeps its current stage (0001's column: requested …
-- signed, or declined); stalled marks one that stopped without a
-- decision; reached is the furthest stage it has got to (a declined
-- docking keeps what it reached, for the funnel); park_org_id is the park
-- of a preliminary agreement; version makes every change a conditional
-- update; proposed_* is the one open proposal the other party confirms.
ALTER TABLE dockings ADD COLUMN stalled BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE dockings ADD COLUMN reached TEXT NOT NULL DEFAULT 'requested' CHECK (reached IN ('requested','negotiation','preliminary_agreement','cooperative_intention','contract_intention','signed'));
ALTER TABLE dockings ADD COLUMN park_org_id INTEGER REFERENCES organizations(id);
ALTER TABLE dockings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dockings ADD COLUMN proposed_stage TEXT;
ALTER TABLE dockings ADD COLUMN proposed_side TEXT CHECK (proposed_side IN ('owner','counterpart'));
ALTER TABLE dockings ADD COLUMN proposed_by INTEGER REFERENCES users(id);
ALTER TABLE dockings ADD COLUMN proposed_note TEXT NOT NULL DEFAULT '';
ALTER TABLE dockings ADD COLUMN proposed_park INTEGER REFERENCES organizations(id);
ALTER TABLE dockings ADD COLUMN proposed_at TIMESTAMP;
UPDATE dockings SET reached = stage WHERE stage <> 'declined';
CREATE INDEX dockings_org ON dockings (org_id);
CREATE INDEX dockings_stage ON dockings (stage, updated_at);

-- Every stage change: from, to (a stage or 'stalled'), who proposed it,
-- who recorded it (the confirming party, or an organizer on their behalf),
-- the park named, the note. seq numbers one docking's history; the unique
-- index is the last guard against two histories.
CREATE TABLE docking_events (
  id INTEGER PRIMARY KEY,
  docking_id INTEGER NOT NULL REFERENCES dockings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  proposed_by INTEGER REFERENCES users(id),
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  on_behalf BOOLEAN NOT NULL DEFAULT 0,
  park_org_id INTEGER REFERENCES organizations(id),
  note TEXT NOT NULL DEFAULT '',
  at TIMESTAMP NOT NULL,
  UNIQUE (docking_id, seq)
);

-- A delegation's members are its users (users.org_id); this table records
-- who invited whom and the lead (at most one per delegation; without a
-- row the first member leads).
CREATE TABLE delegation_members (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  lead BOOLEAN NOT NULL DEFAULT 0,
  invited_by INTEGER REFERENCES users(id),
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX delegation_members_org ON delegation_members (org_id);
CREATE UNIQUE INDEX delegation_members_one_lead ON delegation_members (org_id) WHERE lead;

-- Exhibits: summaries in both languages, the owner (whose address is never
-- shown: messages are relayed), the project it may dock, media links.
ALTER TABLE exhibits ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE exhibits ADD COLUMN summary_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE exhibits ADD COLUMN owner_user_id INTEGER REFERENCES users(id);
ALTER TABLE exhibits ADD COLUMN project_id INTEGER REFERENCES projects(id);
ALTER TABLE exhibits ADD COLUMN media TEXT NOT NULL DEFAULT '';
UPDATE exhibits SET owner_user_id = (SELECT u.id FROM users u WHERE u.email = exhibits.contact) WHERE owner_user_id IS NULL;
CREATE INDEX exhibits_owner ON exhibits (owner_user_id);
CREATE INDEX exhibits_field ON exhibits (field);

CREATE TABLE exhibit_messages (
  id INTEGER PRIMARY KEY,
  exhibit_id INTEGER NOT NULL REFERENCES exhibits(id) ON DELETE CASCADE,
  from_user_id INTEGER REFERENCES users(id),
  from_name TEXT NOT NULL,
  from_org TEXT NOT NULL DEFAULT '',
  reply_to TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  docking_id INTEGER REFERENCES dockings(id),
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX exhibit_messages_exhibit ON exhibit_messages (exhibit_id);

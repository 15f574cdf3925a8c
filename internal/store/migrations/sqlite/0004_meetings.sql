-- Meetings, part B: who may answer a request, cancellations, schedule runs
-- and draft/published meetings per run.

-- A request to an organization can be answered by any of its members;
-- to_user_id then becomes the member who accepted.
ALTER TABLE meeting_requests ADD COLUMN to_org_id INTEGER REFERENCES organizations(id);
ALTER TABLE meeting_requests ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE meeting_requests ADD COLUMN cancelled_at TIMESTAMP;
ALTER TABLE meeting_requests ADD COLUMN cancelled_by INTEGER REFERENCES users(id);
CREATE INDEX meeting_requests_from ON meeting_requests (from_user_id);
CREATE INDEX meeting_requests_to ON meeting_requests (to_user_id);
CREATE INDEX meeting_requests_to_org ON meeting_requests (to_org_id);
CREATE INDEX meeting_requests_edition ON meeting_requests (edition_id, status);

-- Video rooms outside a remote session name their own zone.
ALTER TABLE meeting_tables ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';

CREATE TABLE schedule_runs (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('interview','negotiation','both')),
  by_user_id INTEGER REFERENCES users(id),
  requests INTEGER NOT NULL DEFAULT 0,
  placed INTEGER NOT NULL DEFAULT 0,
  weight INTEGER NOT NULL DEFAULT 0,
  unserved INTEGER NOT NULL DEFAULT 0,
  gaps INTEGER NOT NULL DEFAULT 0,
  unplaced TEXT NOT NULL DEFAULT '[]',
  created_at TIMESTAMP NOT NULL,
  published_at TIMESTAMP
);
CREATE INDEX schedule_runs_edition ON schedule_runs (edition_id, id);

ALTER TABLE meetings ADD COLUMN run_id INTEGER REFERENCES schedule_runs(id) ON DELETE SET NULL;
CREATE INDEX meetings_slot ON meetings (slot_id);

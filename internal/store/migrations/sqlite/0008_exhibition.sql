-- Exhibition (issue 15): booth geometry and kinds, the allocation's seed and
-- state per edition, quotas per group and area, booth requests and one
-- assignment per booth (draft after a run, assigned when published,
-- confirmed, offered to the waitlist with a hold, or booked by self-service).
-- SQLite dialect; keep in step with ../postgres/0008_exhibition.sql.

ALTER TABLE booths ADD COLUMN kind TEXT NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard','raw','island'));
ALTER TABLE booths ADD COLUMN w REAL NOT NULL DEFAULT 0 CHECK (w >= 0);
ALTER TABLE booths ADD COLUMN d REAL NOT NULL DEFAULT 0 CHECK (d >= 0);
ALTER TABLE booths ADD COLUMN corner BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE booths ADD COLUMN entrance BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE booths ADD COLUMN blocked BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE exhibitions (
  edition_id INTEGER PRIMARY KEY REFERENCES editions(id) ON DELETE CASCADE,
  seed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','drawn','published')),
  self_service BOOLEAN NOT NULL DEFAULT 0,
  hold_seconds INTEGER NOT NULL DEFAULT 86400 CHECK (hold_seconds > 0),
  confirm_by TIMESTAMP,
  run_at TIMESTAMP,
  published_at TIMESTAMP
);

CREATE TABLE booth_quotas (
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  grp TEXT NOT NULL,
  area_id INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  percent REAL NOT NULL CHECK (percent > 0 AND percent <= 100),
  PRIMARY KEY (edition_id, grp, area_id)
);

CREATE TABLE booth_requests (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  grp TEXT NOT NULL DEFAULT '',
  count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
  m2 REAL NOT NULL DEFAULT 0 CHECK (m2 >= 0),
  kind TEXT NOT NULL DEFAULT '' CHECK (kind IN ('','standard','raw','island')),
  priority INTEGER NOT NULL DEFAULT 0,
  entrance BOOLEAN NOT NULL DEFAULT 0,
  corner BOOLEAN NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','assigned','partial','waitlisted','withdrawn')),
  waitlist INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '{}',
  created_at TIMESTAMP NOT NULL,
  CHECK ((count > 0) <> (m2 > 0))
);
CREATE INDEX booth_requests_edition ON booth_requests (edition_id, area_id, status, waitlist);
CREATE INDEX booth_requests_org ON booth_requests (org_id);

-- The primary key is the booth: no booth is ever held twice.
CREATE TABLE booth_assignments (
  booth_id INTEGER PRIMARY KEY REFERENCES booths(id) ON DELETE CASCADE,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  request_id INTEGER REFERENCES booth_requests(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('draft','assigned','confirmed','offered','booked')),
  via TEXT NOT NULL DEFAULT 'run' CHECK (via IN ('run','hand','waitlist','self')),
  locked BOOLEAN NOT NULL DEFAULT 0,
  hold_until TIMESTAMP,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX booth_assignments_org ON booth_assignments (org_id);
CREATE INDEX booth_assignments_edition ON booth_assignments (edition_id, status);

-- Released and expired booths, for the figures (how many the waitlist got).
CREATE TABLE booth_releases (
  id INTEGER PRIMARY KEY,
  booth_id INTEGER NOT NULL REFERENCES booths(id) ON DELETE CASCADE,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  reason TEXT NOT NULL CHECK (reason IN ('released','expired')),
  at TIMESTAMP NOT NULL
);

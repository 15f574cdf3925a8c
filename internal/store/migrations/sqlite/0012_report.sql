-- The post-convention report (issue 19), SQLite dialect. Keep in step with
-- ../postgres/0012_report.sql.

-- A published report is frozen: the figures it was computed from (JSON:
-- the edition's and the previous edition's figure sets and the
-- per-delegation annex) and the press release as the organizer edited
-- it. Publishing again adds a version; pages show the newest.
CREATE TABLE report_snapshots (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  figures TEXT NOT NULL,
  press_zh TEXT NOT NULL DEFAULT '',
  press_en TEXT NOT NULL DEFAULT '',
  published_by INTEGER REFERENCES users(id),
  published_at TIMESTAMP NOT NULL,
  UNIQUE (edition_id, version)
);

-- Multi-round judging (issue 13), SQLite dialect; keep in step with
-- ../postgres/0022_contest_rounds.sql. Existing rows are round 1.
--
-- scores and judge_assignments are kept per round: the round joins their
-- keys, so a judge who scores an entry in the screening and again in the
-- final keeps both sheets, the first locked. SQLite cannot change a
-- primary key, hence the copy; nothing references either table.
CREATE TABLE scores_rounds (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  judge_id INTEGER NOT NULL REFERENCES users(id),
  round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
  criterion TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  comment TEXT NOT NULL DEFAULT '',
  updated_at TIMESTAMP,
  PRIMARY KEY (entry_id, judge_id, round, criterion)
);
INSERT INTO scores_rounds (entry_id, judge_id, round, criterion, value, comment, updated_at)
  SELECT entry_id, judge_id, 1, criterion, value, comment, updated_at FROM scores;
DROP TABLE scores;
ALTER TABLE scores_rounds RENAME TO scores;

CREATE TABLE judge_assignments_rounds (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  judge_id INTEGER NOT NULL REFERENCES users(id),
  round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
  submitted_at TIMESTAMP,
  PRIMARY KEY (entry_id, judge_id, round)
);
INSERT INTO judge_assignments_rounds (entry_id, judge_id, round, submitted_at)
  SELECT entry_id, judge_id, 1, submitted_at FROM judge_assignments;
DROP TABLE judge_assignments;
ALTER TABLE judge_assignments_rounds RENAME TO judge_assignments;
CREATE INDEX judge_assignments_judge ON judge_assignments (judge_id);

-- A conflict records the round it was declared in; it stands for every
-- later round too (a former colleague in the screening is one in the
-- final), so its key stays the pair.
ALTER TABLE judge_conflicts ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);

-- The last round an entry reached: the organizer's advance moves the top
-- N to the next round; the others stay behind (not advanced, not deleted).
ALTER TABLE entries ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);

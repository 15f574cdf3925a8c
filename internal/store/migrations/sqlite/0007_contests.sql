-- Start-up contests, judging and policies (issue 13), SQLite dialect.
-- Keep in step with ../postgres/0007_contests.sql.

-- A contest: tracks and rounds as JSON lists, the entry window, how many
-- judges an entry gets (k), how many to select and the tie-break rule, and
-- where it stands: entry (owners enter) → judging (assigned judges score)
-- → closed (scores locked, the organizer reviews) → decided (selection
-- recorded, by whom). published lets owners see their own scores. Every
-- change of state is a conditional update on the state expected.
ALTER TABLE contests ADD COLUMN tracks TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contests ADD COLUMN rounds TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contests ADD COLUMN opens_at TIMESTAMP;
ALTER TABLE contests ADD COLUMN closes_at TIMESTAMP;
ALTER TABLE contests ADD COLUMN select_n INTEGER NOT NULL DEFAULT 0 CHECK (select_n >= 0);
ALTER TABLE contests ADD COLUMN k INTEGER NOT NULL DEFAULT 3 CHECK (k BETWEEN 1 AND 20);
ALTER TABLE contests ADD COLUMN tie_break TEXT NOT NULL DEFAULT 'spread' CHECK (tie_break IN ('spread','criterion','entry'));
ALTER TABLE contests ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);
ALTER TABLE contests ADD COLUMN state TEXT NOT NULL DEFAULT 'entry' CHECK (state IN ('entry','judging','closed','decided'));
ALTER TABLE contests ADD COLUMN published BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE contests ADD COLUMN decided_by INTEGER REFERENCES users(id);
ALTER TABLE contests ADD COLUMN decided_at TIMESTAMP;
-- Contests already judged (0001's generated ones) are decided.
UPDATE contests SET state = 'decided'
  WHERE EXISTS (SELECT 1 FROM entries WHERE entries.contest_id = contests.id AND entries.status <> 'submitted');

-- An entry: its track, the owner who entered it (one entry per owner and
-- contest; one per project and contest is 0001's unique key) and who
-- decided its selection.
ALTER TABLE entries ADD COLUMN track TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN owner_user_id INTEGER REFERENCES users(id);
ALTER TABLE entries ADD COLUMN created_at TIMESTAMP;
ALTER TABLE entries ADD COLUMN decided_by INTEGER REFERENCES users(id);
CREATE UNIQUE INDEX entries_one_per_owner ON entries (contest_id, owner_user_id) WHERE owner_user_id IS NOT NULL;

-- Which judge scores which entry; submitted_at is set when the judge
-- submits the sheet (before that the scores are a draft).
CREATE TABLE judge_assignments (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  judge_id INTEGER NOT NULL REFERENCES users(id),
  submitted_at TIMESTAMP,
  PRIMARY KEY (entry_id, judge_id)
);
CREATE INDEX judge_assignments_judge ON judge_assignments (judge_id);

-- Conflicts of interest: declared by the judge or set by the organizer
-- (the obvious ones, same organization, are derived when assigning).
CREATE TABLE judge_conflicts (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  judge_id INTEGER NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL CHECK (reason IN ('declared','organizer')),
  note TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (entry_id, judge_id)
);

-- A judge's comment per criterion, and when the score was last saved.
ALTER TABLE scores ADD COLUMN comment TEXT NOT NULL DEFAULT '';
ALTER TABLE scores ADD COLUMN updated_at TIMESTAMP;

-- Policies: a benefit for talents or projects and the rules (a JSON list
-- of {field, op, value}, validated by internal/judging when saved).
CREATE TABLE policies (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  subject TEXT NOT NULL CHECK (subject IN ('talent','project')),
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  benefit TEXT NOT NULL DEFAULT '',
  benefit_zh TEXT NOT NULL DEFAULT '',
  amount_yuan INTEGER NOT NULL DEFAULT 0 CHECK (amount_yuan >= 0),
  rules TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX policies_edition ON policies (edition_id);

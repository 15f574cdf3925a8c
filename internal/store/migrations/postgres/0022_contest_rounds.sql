-- Multi-round judging (issue 13), PostgreSQL dialect; keep in step with
-- ../sqlite/0022_contest_rounds.sql. Existing rows are round 1.
--
-- scores and judge_assignments are kept per round: the round joins their
-- keys, so a judge who scores an entry in the screening and again in the
-- final keeps both sheets, the first locked.
ALTER TABLE scores ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);
ALTER TABLE scores DROP CONSTRAINT scores_pkey;
ALTER TABLE scores ADD PRIMARY KEY (entry_id, judge_id, round, criterion);

ALTER TABLE judge_assignments ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);
ALTER TABLE judge_assignments DROP CONSTRAINT judge_assignments_pkey;
ALTER TABLE judge_assignments ADD PRIMARY KEY (entry_id, judge_id, round);

-- A conflict records the round it was declared in; it stands for every
-- later round too (a former colleague in the screening is one in the
-- final), so its key stays the pair.
ALTER TABLE judge_conflicts ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);

-- The last round an entry reached: the organizer's advance moves the top
-- N to the next round; the others stay behind (not advanced, not deleted).
ALTER TABLE entries ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);

-- eligible: who may enter a contest, as a JSON list of project sources
-- (talent, delegation, expert_program, contest); empty means anyone
-- (issue 13).
ALTER TABLE contests ADD COLUMN eligible TEXT NOT NULL DEFAULT '[]';

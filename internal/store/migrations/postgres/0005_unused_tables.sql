-- Tables no code reads or writes, PostgreSQL dialect. Keep in step with
-- ../sqlite/0005_unused_tables.sql.

-- 0001 created tables for features that were planned but never built
-- (booth allocation, policies, gate check-ins, event registration, judges'
-- conflicts). Databases in the field have run 0001, so it stays as it is;
-- the tables go here, and a feature that needs one creates it again in its
-- own migration, shaped by the code that uses it. The tables the generator
-- fills (contests, contest_judges, entries, scores, exhibits) stay.
DROP TABLE booth_assignments;
DROP TABLE booth_requests;
DROP TABLE event_registrations;
DROP TABLE policies;
DROP TABLE checkins;
DROP TABLE judge_conflicts;

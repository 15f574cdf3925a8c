-- A field study's coaches (issue 16): how many, and the seats in each; 0
-- for an event without coaches. Boarding lists are worked out from the
-- registrations when asked for. Keep in step with ../sqlite/0026_event_coaches.sql.
ALTER TABLE events ADD COLUMN coaches INTEGER NOT NULL DEFAULT 0 CHECK (coaches >= 0);
ALTER TABLE events ADD COLUMN coach_seats INTEGER NOT NULL DEFAULT 0 CHECK (coach_seats >= 0);

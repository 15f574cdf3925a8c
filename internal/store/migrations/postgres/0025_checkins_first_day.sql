-- A batch of scans reads the first entries of its people on its days.
-- Through checkins_person_day that read every scan of each person, so a
-- batch got slower with every duplicate scan already recorded (126 ms for
-- 45 people with ~750 scans each; issue 16's load harness at 90,000 scans
-- spent 82% of the server's CPU there). This index holds first entries
-- only: 0.3 ms. Keep in step with ../sqlite/0025_checkins_first_day.sql.
CREATE INDEX checkins_first_day ON checkins (user_id, day) WHERE first_entry;

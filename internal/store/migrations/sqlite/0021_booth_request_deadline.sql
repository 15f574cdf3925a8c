-- Booth requests close at a deadline the organizer sets (issue 15): after
-- it, exhibitors file no request; the organizer still acts. NULL: no
-- deadline. Keep in step with ../postgres/0019_booth_request_deadline.sql.
ALTER TABLE exhibitions ADD COLUMN request_deadline TIMESTAMP;

-- Hardening (issue 11), SQLite dialect. Keep in step with
-- ../postgres/0006_hardening.sql.

-- One open meeting request per requester and subject (an application or a
-- docking): the store's count-then-insert raced on PostgreSQL. Copies made
-- by that race before this migration are cancelled, keeping the first.
UPDATE meeting_requests SET cancelled_at = created_at
WHERE cancelled_at IS NULL AND status <> 'declined' AND EXISTS (
  SELECT 1 FROM meeting_requests o
  WHERE o.from_user_id = meeting_requests.from_user_id AND o.id < meeting_requests.id
    AND o.cancelled_at IS NULL AND o.status <> 'declined'
    AND (o.application_id = meeting_requests.application_id OR o.docking_id = meeting_requests.docking_id));
CREATE UNIQUE INDEX meeting_requests_one_open_app ON meeting_requests (from_user_id, application_id)
  WHERE application_id IS NOT NULL AND cancelled_at IS NULL AND status <> 'declined';
CREATE UNIQUE INDEX meeting_requests_one_open_dock ON meeting_requests (from_user_id, docking_id)
  WHERE docking_id IS NOT NULL AND cancelled_at IS NULL AND status <> 'declined';

-- Sign-in back-off: when the key's last admitted attempt was.
ALTER TABLE login_failures ADD COLUMN last_at TIMESTAMP;

-- Sessions per user, for "sign out everywhere".
CREATE INDEX sessions_user ON sessions (user_id);

-- Video rooms (issue 17): a meeting in a video room is a room; an organizer
-- may point a video room (a meeting table) at an external meeting system.
-- Signaling messages and chat are rows so that several instances share them
-- (a browser's stream polls by cursor); presence is a heartbeat per side.
CREATE TABLE video_links (
  table_id INTEGER PRIMARY KEY REFERENCES meeting_tables(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE video_signals (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
  from_user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('offer','answer','candidate','hello','bye')),
  body TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX video_signals_room ON video_signals (request_id, id);

CREATE TABLE video_chat (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX video_chat_room ON video_chat (request_id, id);

CREATE TABLE video_presence (
  request_id INTEGER NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  first_seen TIMESTAMP NOT NULL,
  last_seen TIMESTAMP NOT NULL,
  time_zone TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (request_id, user_id)
);

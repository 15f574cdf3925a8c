-- Speakers' profiles (issue 16): an event lists its speakers by name; a
-- profile of that name in the edition adds their affiliation, a bio in
-- each language and a photo (JPEG or PNG, checked before it is stored).
-- Keep in step with ../postgres/0027_speakers.sql.
CREATE TABLE speakers (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  affiliation TEXT NOT NULL DEFAULT '',
  bio TEXT NOT NULL DEFAULT '',
  bio_zh TEXT NOT NULL DEFAULT '',
  photo BLOB,
  photo_type TEXT NOT NULL DEFAULT '',
  UNIQUE (edition_id, name)
);

-- Job fairs, part A: full-text search over posts. SQLite's FTS5 with the
-- trigram tokenizer splits Chinese (no spaces between words) as well as
-- Latin text; an external-content table over posts, kept in step by triggers.

CREATE VIRTUAL TABLE posts_fts USING fts5(
  title, description, skills, industry, city,
  content='posts', content_rowid='id', tokenize='trigram'
);

CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts (rowid, title, description, skills, industry, city)
  VALUES (new.id, new.title, new.description, new.skills, new.industry, new.city);
END;

CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, title, description, skills, industry, city)
  VALUES ('delete', old.id, old.title, old.description, old.skills, old.industry, old.city);
END;

CREATE TRIGGER posts_fts_au AFTER UPDATE OF title, description, skills, industry, city ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, title, description, skills, industry, city)
  VALUES ('delete', old.id, old.title, old.description, old.skills, old.industry, old.city);
  INSERT INTO posts_fts (rowid, title, description, skills, industry, city)
  VALUES (new.id, new.title, new.description, new.skills, new.industry, new.city);
END;

-- Posts that existed before this migration.
INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');

CREATE INDEX applications_created ON applications (created_at);
CREATE INDEX posts_industry ON posts (industry);
CREATE INDEX posts_city ON posts (city);

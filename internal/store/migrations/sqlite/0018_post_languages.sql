-- Posts in both languages (issue 12): a Chinese title and description
-- beside the English ones; a post carries at least one title, in either
-- language (the model checks it). The search index covers both, so a
-- talent finds a post by words of either language. FTS5 cannot add a
-- column to a table, so posts_fts is built again with the two new columns.
-- Keep in step with ../postgres/0018_post_languages.sql.
ALTER TABLE posts ADD COLUMN title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN description_zh TEXT NOT NULL DEFAULT '';

DROP TRIGGER posts_fts_ai;
DROP TRIGGER posts_fts_ad;
DROP TRIGGER posts_fts_au;
DROP TABLE posts_fts;

CREATE VIRTUAL TABLE posts_fts USING fts5(
  title, description, skills, industry, city, title_zh, description_zh,
  content='posts', content_rowid='id', tokenize='trigram'
);

CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts (rowid, title, description, skills, industry, city, title_zh, description_zh)
  VALUES (new.id, new.title, new.description, new.skills, new.industry, new.city, new.title_zh, new.description_zh);
END;

CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, title, description, skills, industry, city, title_zh, description_zh)
  VALUES ('delete', old.id, old.title, old.description, old.skills, old.industry, old.city, old.title_zh, old.description_zh);
END;

CREATE TRIGGER posts_fts_au AFTER UPDATE OF title, description, skills, industry, city, title_zh, description_zh ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, title, description, skills, industry, city, title_zh, description_zh)
  VALUES ('delete', old.id, old.title, old.description, old.skills, old.industry, old.city, old.title_zh, old.description_zh);
  INSERT INTO posts_fts (rowid, title, description, skills, industry, city, title_zh, description_zh)
  VALUES (new.id, new.title, new.description, new.skills, new.industry, new.city, new.title_zh, new.description_zh);
END;

INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');

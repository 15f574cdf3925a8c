-- Job fairs, part A: full-text search over posts. pg_trgm indexes substring
-- matches, which Chinese text needs (no spaces between words); a tsvector
-- ranks whole-word matches. Both live in columns a trigger keeps in step.
-- CREATE EXTENSION needs a superuser (or a trusted-extension grant).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE posts ADD COLUMN search_doc TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN search_tsv tsvector;

CREATE FUNCTION posts_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_doc := lower(NEW.title || ' ' || NEW.description || ' ' || NEW.skills || ' ' || NEW.industry || ' ' || NEW.city);
  NEW.search_tsv := setweight(to_tsvector('simple', NEW.title), 'A')
                 || setweight(to_tsvector('simple', NEW.skills || ' ' || NEW.industry || ' ' || NEW.city), 'B')
                 || setweight(to_tsvector('simple', NEW.description), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER posts_search BEFORE INSERT OR UPDATE OF title, description, skills, industry, city ON posts
  FOR EACH ROW EXECUTE FUNCTION posts_search_update();

-- Posts that existed before this migration.
UPDATE posts SET title = title;

CREATE INDEX posts_search_trgm ON posts USING gin (search_doc gin_trgm_ops);
CREATE INDEX posts_search_tsv ON posts USING gin (search_tsv);
CREATE INDEX applications_created ON applications (created_at);
CREATE INDEX posts_industry ON posts (industry);
CREATE INDEX posts_city ON posts (city);

-- Posts in both languages (issue 12): a Chinese title and description
-- beside the English ones; a post carries at least one title, in either
-- language (the model checks it). The search columns cover both, so a
-- talent finds a post by words of either language; the Chinese title
-- ranks with the English one. Keep in step with
-- ../sqlite/0018_post_languages.sql.
ALTER TABLE posts ADD COLUMN title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN description_zh TEXT NOT NULL DEFAULT '';

CREATE OR REPLACE FUNCTION posts_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_doc := lower(NEW.title || ' ' || NEW.title_zh || ' ' || NEW.description || ' ' || NEW.description_zh || ' ' || NEW.skills || ' ' || NEW.industry || ' ' || NEW.city);
  NEW.search_tsv := setweight(to_tsvector('simple', NEW.title || ' ' || NEW.title_zh), 'A')
                 || setweight(to_tsvector('simple', NEW.skills || ' ' || NEW.industry || ' ' || NEW.city), 'B')
                 || setweight(to_tsvector('simple', NEW.description || ' ' || NEW.description_zh), 'C');
  RETURN NEW;
END
$$;

DROP TRIGGER posts_search ON posts;
CREATE TRIGGER posts_search BEFORE INSERT OR UPDATE OF title, description, skills, industry, city, title_zh, description_zh ON posts
  FOR EACH ROW EXECUTE FUNCTION posts_search_update();

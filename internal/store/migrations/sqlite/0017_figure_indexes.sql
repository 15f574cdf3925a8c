-- Indexes that answer issue 19's edition figures from the index alone,
-- without fetching each row from the table (at scale 10 the database is far
-- beyond SQLite's page cache, and a fetch is a read from the file). Keep in
-- step with ../postgres/0017_figure_indexes.sql.
--
-- An edition's posts and who posted them (enterprises posting, and the
-- sub-select of the edition's posts that most figures share).
CREATE INDEX posts_fair_org ON posts (fair_id, org_id, id);
-- Applications by channel, by hour and the CVs, searched by the edition's posts.
CREATE INDEX applications_figures ON applications (post_id, channel, created_at, talent_id);
-- Visits by channel, searched by the edition's posts (and enterprise pages
-- by day). Visits are written a batch a second, so the extra index costs
-- one more b-tree update a batched row.
CREATE INDEX visits_figures ON visits (target_kind, target_id, channel, count, day);

-- A docking's edition, copied from its project's (which never changes), so
-- the board reads a column's newest cards and its counts from one index
-- instead of matching every docking against the edition's project list
-- (issue 14: six card queries cost ~2.5 ms each at scale 1, now ~0.3 ms;
-- project_id in the index spares the counts and facets the table rows).
-- Keep in step with ../postgres/0024_docking_edition.sql.
ALTER TABLE dockings ADD COLUMN edition_id INTEGER REFERENCES editions(id);
UPDATE dockings SET edition_id = (SELECT edition_id FROM projects WHERE projects.id = dockings.project_id);
CREATE INDEX dockings_board ON dockings (edition_id, stage, stalled, updated_at, project_id);

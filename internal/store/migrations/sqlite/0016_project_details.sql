-- A project's details its owner keeps up to date (issue 13): a Chinese
-- summary, who is on the team, where its intellectual property stands, and
-- whether it is listed in the catalogue that enterprises, parks, investors,
-- delegations and organizers search (public) or seen by its owner and the
-- organizers only (private). Projects brought before this stay listed:
-- they were brought to the convention to be docked. Keep in step with
-- ../postgres/0016_project_details.sql.
ALTER TABLE projects ADD COLUMN summary_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN ip_status TEXT NOT NULL DEFAULT 'none' CHECK (ip_status IN ('none', 'pending', 'granted'));
ALTER TABLE projects ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private'));
-- "db:<sha256>" once a deck is uploaded, as talents.cv_file is for a CV.
ALTER TABLE projects ADD COLUMN deck_file TEXT NOT NULL DEFAULT '';

-- One pitch deck (a PDF) per project, kept in the database like the CVs so
-- that instances stay stateless.
CREATE TABLE project_decks (
  project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  uploaded_at TIMESTAMP NOT NULL
);

-- The catalogue lists an edition's public projects that are not withdrawn.
CREATE INDEX projects_catalogue ON projects (edition_id, id) WHERE visibility = 'public' AND withdrawn_at IS NULL;

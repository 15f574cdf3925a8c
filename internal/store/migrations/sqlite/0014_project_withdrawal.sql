-- A project its owner takes out of the convention: it enters no contest and
-- starts no docking from then on; what happened before stays.
ALTER TABLE projects ADD COLUMN withdrawn_at TIMESTAMP;

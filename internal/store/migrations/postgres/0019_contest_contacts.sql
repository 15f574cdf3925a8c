-- show_contacts: the organizer lets the contest's judges see the owners'
-- contact details on the entries they score (issue 13); off by default.
ALTER TABLE contests ADD COLUMN show_contacts BOOLEAN NOT NULL DEFAULT false;

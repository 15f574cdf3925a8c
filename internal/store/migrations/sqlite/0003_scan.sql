-- Apply-by-scan, SQLite dialect. Keep in step with ../postgres/0003_scan.sql.

-- Server-wide settings shared by every instance, such as the QR signing
-- secret: created once by whichever instance needs it first.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One CV per talent, kept in the database so that instances stay stateless.
CREATE TABLE cv_files (
  talent_id INTEGER PRIMARY KEY REFERENCES talents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  uploaded_at TIMESTAMP NOT NULL
);

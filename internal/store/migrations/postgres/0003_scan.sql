-- Apply-by-scan, PostgreSQL dialect. Keep in step with ../sqlite/0003_scan.sql.

-- Server-wide settings shared by every instance, such as the QR signing
-- secret: created once by whichever instance needs it first.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One CV per talent, kept in the database so that instances stay stateless.
CREATE TABLE cv_files (
  talent_id BIGINT PRIMARY KEY REFERENCES talents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  content BYTEA NOT NULL,
  uploaded_at TIMESTAMPTZ NOT NULL
);

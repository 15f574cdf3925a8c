-- Convene schema, SQLite dialect. Keep in step with ../postgres/0001_init.sql:
-- same tables, columns and constraints; only types differ.

CREATE TABLE editions (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL CHECK (end_date >= start_date),
  time_zone TEXT NOT NULL,
  is_current BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX editions_one_current ON editions (is_current) WHERE is_current;

CREATE TABLE venues (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  area_m2 INTEGER NOT NULL DEFAULT 0 CHECK (area_m2 >= 0)
);
CREATE INDEX venues_edition ON venues (edition_id);

CREATE TABLE halls (
  id INTEGER PRIMARY KEY,
  venue_id INTEGER NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  UNIQUE (venue_id, name)
);

CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  hall_id INTEGER NOT NULL REFERENCES halls(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('province','high_skilled','hr_services','research')),
  name TEXT NOT NULL
);

CREATE TABLE booths (
  id INTEGER PRIMARY KEY,
  area_id INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  area_m2 REAL NOT NULL CHECK (area_m2 > 0),
  x INTEGER NOT NULL DEFAULT 0,
  y INTEGER NOT NULL DEFAULT 0,
  UNIQUE (area_id, code)
);

CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('enterprise','delegation','park','hr_firm','investor','organizer')),
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
  industry TEXT NOT NULL DEFAULT '',
  size TEXT NOT NULL DEFAULT '',
  global500 BOOLEAN NOT NULL DEFAULT 0,
  province TEXT NOT NULL DEFAULT '',
  is_foreign BOOLEAN NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX organizations_kind_status ON organizations (kind, status);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('organizer','delegation','enterprise','talent','judge','gate')),
  org_id INTEGER REFERENCES organizations(id),
  locale TEXT NOT NULL DEFAULT 'zh' CHECK (locale IN ('zh','en')),
  password_hash TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  CHECK (role NOT IN ('delegation','enterprise') OR org_id IS NOT NULL)
);
CREATE INDEX users_org ON users (org_id);

-- Sessions live in the database so any instance can serve any user.
-- Only a hash of the cookie token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed sign-ins per key (address or account) in a fixed window.
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  window_start TIMESTAMP NOT NULL,
  failures INTEGER NOT NULL
);

CREATE TABLE talents (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('overseas','high_skilled','student')),
  residence TEXT NOT NULL DEFAULT '',
  nationality TEXT NOT NULL DEFAULT '',
  degree TEXT NOT NULL CHECK (degree IN ('none','bachelor','master','phd')),
  discipline TEXT NOT NULL DEFAULT '',
  skills TEXT NOT NULL DEFAULT '[]',
  languages TEXT NOT NULL DEFAULT '[]',
  years_experience INTEGER NOT NULL DEFAULT 0 CHECK (years_experience BETWEEN 0 AND 70),
  intent_china TEXT NOT NULL DEFAULT 'undecided' CHECK (intent_china IN ('yes','no','undecided')),
  preferred_cities TEXT NOT NULL DEFAULT '[]',
  phone TEXT NOT NULL DEFAULT '',
  cv_file TEXT NOT NULL DEFAULT '',
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE fairs (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('overseas','high_skilled','video')),
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  venue_id INTEGER REFERENCES venues(id) ON DELETE SET NULL
);
CREATE INDEX fairs_edition ON fairs (edition_id);

CREATE TABLE remote_sessions (
  id INTEGER PRIMARY KEY,
  fair_id INTEGER NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
  location TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL CHECK (ends_at > starts_at)
);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  fair_id INTEGER NOT NULL REFERENCES fairs(id),
  session_id INTEGER REFERENCES remote_sessions(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  skills TEXT NOT NULL DEFAULT '[]',
  min_degree TEXT NOT NULL DEFAULT 'none' CHECK (min_degree IN ('none','bachelor','master','phd')),
  min_experience INTEGER NOT NULL DEFAULT 0 CHECK (min_experience >= 0),
  city TEXT NOT NULL DEFAULT '',
  salary_min INTEGER NOT NULL DEFAULT 0 CHECK (salary_min >= 0),
  salary_max INTEGER NOT NULL DEFAULT 0 CHECK (salary_max = 0 OR salary_max >= salary_min),
  headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1),
  languages TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX posts_org ON posts (org_id);
CREATE INDEX posts_fair ON posts (fair_id, status);

CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  talent_id INTEGER NOT NULL REFERENCES talents(id),
  post_id INTEGER NOT NULL REFERENCES posts(id),
  channel TEXT NOT NULL CHECK (channel IN ('pc','mobile','scan')),
  status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied','viewed','interview','offer','hired','rejected','withdrawn')),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  UNIQUE (talent_id, post_id)
);
CREATE INDEX applications_post ON applications (post_id, status);

CREATE TABLE application_events (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  by_user_id INTEGER REFERENCES users(id),
  at TIMESTAMP NOT NULL
);
CREATE INDEX application_events_app ON application_events (application_id);

-- Visits are counted, not logged: one row per target, day and channel.
CREATE TABLE visits (
  target_kind TEXT NOT NULL CHECK (target_kind IN ('post','enterprise','scan')),
  target_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('pc','mobile','scan')),
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (target_kind, target_id, day, channel)
);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('talent','delegation','expert_program','contest')),
  owner_user_id INTEGER REFERENCES users(id),
  org_id INTEGER REFERENCES organizations(id),
  title TEXT NOT NULL,
  title_zh TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT 'idea' CHECK (stage IN ('idea','prototype','revenue','growth')),
  funding_sought INTEGER NOT NULL DEFAULT 0 CHECK (funding_sought >= 0),
  created_at TIMESTAMP NOT NULL,
  CHECK (owner_user_id IS NOT NULL OR org_id IS NOT NULL)
);
CREATE INDEX projects_edition ON projects (edition_id);

CREATE TABLE contests (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  rubric TEXT NOT NULL DEFAULT '[]',
  grant_yuan INTEGER NOT NULL DEFAULT 0 CHECK (grant_yuan >= 0),
  grant_min_score REAL NOT NULL DEFAULT 0
);

CREATE TABLE contest_judges (
  contest_id INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (contest_id, user_id)
);

CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  contest_id INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','selected','not_selected')),
  grant_eligible BOOLEAN NOT NULL DEFAULT 0,
  UNIQUE (contest_id, project_id)
);

CREATE TABLE judge_conflicts (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (entry_id, user_id)
);

CREATE TABLE scores (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  judge_id INTEGER NOT NULL REFERENCES users(id),
  criterion TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (entry_id, judge_id, criterion)
);

CREATE TABLE dockings (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  stage TEXT NOT NULL DEFAULT 'requested' CHECK (stage IN ('requested','negotiation','preliminary_agreement','cooperative_intention','contract_intention','signed','declined')),
  updated_at TIMESTAMP NOT NULL,
  UNIQUE (project_id, org_id)
);

CREATE TABLE slots (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL CHECK (ends_at > starts_at),
  UNIQUE (edition_id, starts_at)
);

CREATE TABLE meeting_tables (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  venue_id INTEGER REFERENCES venues(id),
  session_id INTEGER REFERENCES remote_sessions(id),
  code TEXT NOT NULL,
  video BOOLEAN NOT NULL DEFAULT 0,
  UNIQUE (edition_id, code)
);

CREATE TABLE meeting_requests (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('interview','negotiation')),
  from_user_id INTEGER NOT NULL REFERENCES users(id),
  to_user_id INTEGER NOT NULL REFERENCES users(id),
  application_id INTEGER REFERENCES applications(id),
  docking_id INTEGER REFERENCES dockings(id),
  video BOOLEAN NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 1 CHECK (priority >= 1),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined')),
  created_at TIMESTAMP NOT NULL,
  CHECK (from_user_id <> to_user_id)
);

CREATE TABLE availability (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL CHECK (ends_at > starts_at)
);
CREATE INDEX availability_user ON availability (user_id);

CREATE TABLE meetings (
  request_id INTEGER PRIMARY KEY REFERENCES meeting_requests(id) ON DELETE CASCADE,
  slot_id INTEGER NOT NULL REFERENCES slots(id),
  table_id INTEGER NOT NULL REFERENCES meeting_tables(id),
  published BOOLEAN NOT NULL DEFAULT 0,
  UNIQUE (slot_id, table_id)
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('summit','forum','promotion','roadshow','field_study')),
  title TEXT NOT NULL,
  title_zh TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '[]',
  speakers TEXT NOT NULL DEFAULT '[]',
  room TEXT NOT NULL DEFAULT '',
  starts_at TIMESTAMP NOT NULL,
  ends_at TIMESTAMP NOT NULL CHECK (ends_at > starts_at),
  capacity INTEGER NOT NULL CHECK (capacity >= 0)
);
CREATE INDEX events_edition ON events (edition_id, starts_at);

CREATE TABLE event_registrations (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('registered','waitlisted','cancelled')),
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (event_id, user_id)
);

CREATE TABLE booth_requests (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  area_kind TEXT NOT NULL CHECK (area_kind IN ('province','high_skilled','hr_services','research')),
  booths INTEGER NOT NULL CHECK (booths >= 1),
  priority INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','allocated','waitlisted')),
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE booth_assignments (
  booth_id INTEGER PRIMARY KEY REFERENCES booths(id) ON DELETE CASCADE,
  request_id INTEGER NOT NULL REFERENCES booth_requests(id) ON DELETE CASCADE
);

CREATE TABLE exhibits (
  id INTEGER PRIMARY KEY,
  booth_id INTEGER REFERENCES booths(id) ON DELETE SET NULL,
  org_id INTEGER NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  title_zh TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT ''
);

CREATE TABLE policies (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  rule TEXT NOT NULL
);

CREATE TABLE checkins (
  user_id INTEGER NOT NULL REFERENCES users(id),
  gate TEXT NOT NULL,
  day TEXT NOT NULL,
  at TIMESTAMP NOT NULL,
  PRIMARY KEY (user_id, gate, day)
);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  args TEXT NOT NULL DEFAULT '{}',
  created_at TIMESTAMP NOT NULL,
  read_at TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id),
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  at TIMESTAMP NOT NULL
);

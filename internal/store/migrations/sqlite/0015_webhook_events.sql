-- More webhook events (issue 18), written to the outbox by row triggers in
-- the change's transaction, as 0011's application events are. SQLite
-- dialect; keep in step with ../postgres/0015_webhook_events.sql (which
-- says why payloads carry no times).

CREATE TRIGGER webhook_docking_stage AFTER INSERT ON docking_events
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'docking.stage_changed',
    json_object('docking_id', d.id, 'project_id', d.project_id, 'project_title', p.title,
      'counterpart_org_id', d.org_id, 'from', NEW.from_stage, 'to', NEW.to_stage, 'park_org_id', NEW.park_org_id),
    'pending', 0, NEW.at, NEW.at
  FROM dockings d JOIN projects p ON p.id = d.project_id
  LEFT JOIN users o ON o.id = p.owner_user_id
  JOIN webhook_endpoints e ON e.org_id IN (d.org_id, p.org_id, o.org_id)
  WHERE d.id = NEW.docking_id AND e.active = 1 AND e.events LIKE '%"docking.stage_changed"%';
END;

CREATE TRIGGER webhook_booth_assigned AFTER INSERT ON booth_assignments
WHEN NEW.status IN ('assigned','offered','booked')
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'booth.assigned',
    json_object('booth_id', b.id, 'code', b.code, 'area_m2', b.area_m2, 'edition_id', NEW.edition_id,
      'status', NEW.status, 'via', NEW.via),
    'pending', 0, NEW.updated_at, NEW.updated_at
  FROM booths b JOIN webhook_endpoints e ON e.org_id = NEW.org_id
  WHERE b.id = NEW.booth_id AND e.active = 1 AND e.events LIKE '%"booth.assigned"%';
END;

CREATE TRIGGER webhook_booth_reassigned AFTER UPDATE OF status, org_id ON booth_assignments
WHEN NEW.status IN ('assigned','offered','booked') AND (OLD.status IS NOT NEW.status OR OLD.org_id <> NEW.org_id)
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'booth.assigned',
    json_object('booth_id', b.id, 'code', b.code, 'area_m2', b.area_m2, 'edition_id', NEW.edition_id,
      'status', NEW.status, 'via', NEW.via),
    'pending', 0, NEW.updated_at, NEW.updated_at
  FROM booths b JOIN webhook_endpoints e ON e.org_id = NEW.org_id
  WHERE b.id = NEW.booth_id AND e.active = 1 AND e.events LIKE '%"booth.assigned"%';
END;

CREATE TRIGGER webhook_contest_published AFTER UPDATE OF published ON contests
WHEN NEW.published = 1 AND OLD.published = 0 AND NEW.decided_at IS NOT NULL
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'contest.result_published',
    json_object('contest_id', NEW.id, 'contest_name', NEW.name, 'entry_id', x.id, 'project_id', p.id,
      'project_title', p.title, 'status', x.status, 'grant_eligible', json(CASE WHEN x.grant_eligible THEN 'true' ELSE 'false' END)),
    'pending', 0, NEW.decided_at, NEW.decided_at
  FROM entries x JOIN projects p ON p.id = x.project_id
  LEFT JOIN users o ON o.id = p.owner_user_id
  JOIN webhook_endpoints e ON e.org_id = COALESCE(p.org_id, o.org_id)
  WHERE x.contest_id = NEW.id AND e.active = 1 AND e.events LIKE '%"contest.result_published"%';
END;

CREATE TRIGGER webhook_meeting_scheduled AFTER UPDATE OF published ON meetings
WHEN NEW.published = 1 AND OLD.published = 0
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'meeting.scheduled',
    json_object('meeting_id', q.id, 'kind', q.kind, 'application_id', q.application_id, 'docking_id', q.docking_id,
      'slot_id', NEW.slot_id, 'table', t.code, 'video', json(CASE WHEN q.video THEN 'true' ELSE 'false' END)),
    'pending', 0, r.published_at, r.published_at
  FROM meeting_requests q JOIN meeting_tables t ON t.id = NEW.table_id
  JOIN schedule_runs r ON r.id = NEW.run_id AND r.published_at IS NOT NULL
  JOIN users f ON f.id = q.from_user_id
  JOIN webhook_endpoints e ON e.org_id IN (q.to_org_id, f.org_id)
  WHERE q.id = NEW.request_id AND e.active = 1 AND e.events LIKE '%"meeting.scheduled"%';
END;

CREATE TRIGGER webhook_checkin_admitted AFTER INSERT ON checkins
WHEN NEW.result = 'admitted'
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'checkin.admitted',
    json_object('checkin_id', NEW.id, 'user_id', u.id, 'name', u.name, 'gate', g.name, 'day', NEW.day,
      'offline', json(CASE WHEN NEW.offline THEN 'true' ELSE 'false' END)),
    'pending', 0, NEW.received_at, NEW.received_at
  FROM users u JOIN gates g ON g.id = NEW.gate_id
  JOIN webhook_endpoints e ON e.org_id = u.org_id
  WHERE u.id = NEW.user_id AND e.active = 1 AND e.events LIKE '%"checkin.admitted"%';
END;

-- More webhook events (issue 18), written to the outbox by row triggers in
-- the change's transaction, as 0011's application events are. PostgreSQL
-- dialect; keep in step with ../sqlite/0015_webhook_events.sql. Payloads
-- carry ids and names, not times (the API has the times, in one format on
-- both databases, and times come only from rows the store wrote, never the
-- database's clock); the envelope's timestamp is when the event happened.

-- docking.stage_changed: to the counterpart and to the project's
-- organization (its own, or its owner's).
CREATE FUNCTION webhook_docking_outbox() RETURNS trigger AS $$
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'docking.stage_changed',
    json_build_object('docking_id', d.id, 'project_id', d.project_id, 'project_title', p.title,
      'counterpart_org_id', d.org_id, 'from', NEW.from_stage, 'to', NEW.to_stage, 'park_org_id', NEW.park_org_id)::text,
    'pending', 0, NEW.at, NEW.at
  FROM dockings d JOIN projects p ON p.id = d.project_id
  LEFT JOIN users o ON o.id = p.owner_user_id
  JOIN webhook_endpoints e ON e.org_id IN (d.org_id, p.org_id, o.org_id)
  WHERE d.id = NEW.docking_id AND e.active AND e.events LIKE '%"docking.stage_changed"%';
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_docking_stage AFTER INSERT ON docking_events
  FOR EACH ROW EXECUTE FUNCTION webhook_docking_outbox();

-- booth.assigned: a booth becomes an organization's (published, offered
-- from the waiting list, or booked by itself); drafts are not news.
CREATE FUNCTION webhook_booth_outbox() RETURNS trigger AS $$
BEGIN
  IF NEW.status IN ('assigned','offered','booked')
     AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.org_id <> NEW.org_id) THEN
    INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
    SELECT e.id, 'booth.assigned',
      json_build_object('booth_id', b.id, 'code', b.code, 'area_m2', b.area_m2, 'edition_id', NEW.edition_id,
        'status', NEW.status, 'via', NEW.via)::text,
      'pending', 0, NEW.updated_at, NEW.updated_at
    FROM booths b JOIN webhook_endpoints e ON e.org_id = NEW.org_id
    WHERE b.id = NEW.booth_id AND e.active AND e.events LIKE '%"booth.assigned"%';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_booth_assigned AFTER INSERT OR UPDATE OF status, org_id ON booth_assignments
  FOR EACH ROW EXECUTE FUNCTION webhook_booth_outbox();

-- contest.result_published: each entry's result to its project's
-- organization when the organizer publishes the contest's results (the
-- envelope's timestamp is the decision's).
CREATE FUNCTION webhook_contest_outbox() RETURNS trigger AS $$
BEGIN
  IF NEW.published AND NOT OLD.published THEN
    INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
    SELECT e.id, 'contest.result_published',
      json_build_object('contest_id', NEW.id, 'contest_name', NEW.name, 'entry_id', x.id, 'project_id', p.id,
        'project_title', p.title, 'status', x.status, 'grant_eligible', x.grant_eligible)::text,
      'pending', 0, NEW.decided_at, NEW.decided_at
    FROM entries x JOIN projects p ON p.id = x.project_id
    LEFT JOIN users o ON o.id = p.owner_user_id
    JOIN webhook_endpoints e ON e.org_id = COALESCE(p.org_id, o.org_id)
    WHERE x.contest_id = NEW.id AND NEW.decided_at IS NOT NULL AND e.active AND e.events LIKE '%"contest.result_published"%';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_contest_published AFTER UPDATE OF published ON contests
  FOR EACH ROW EXECUTE FUNCTION webhook_contest_outbox();

-- meeting.scheduled: a published schedule places a meeting; to the
-- invited organization and the requester's, timed by the run's publishing
-- (set just before, in the same transaction). Meetings are written as
-- drafts and published by an update, so no insert trigger.
CREATE FUNCTION webhook_meeting_outbox() RETURNS trigger AS $$
BEGIN
  IF NEW.published AND NOT OLD.published THEN
    INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
    SELECT e.id, 'meeting.scheduled',
      json_build_object('meeting_id', q.id, 'kind', q.kind, 'application_id', q.application_id, 'docking_id', q.docking_id,
        'slot_id', NEW.slot_id, 'table', t.code, 'video', q.video)::text,
      'pending', 0, r.published_at, r.published_at
    FROM meeting_requests q JOIN meeting_tables t ON t.id = NEW.table_id
    JOIN schedule_runs r ON r.id = NEW.run_id AND r.published_at IS NOT NULL
    JOIN users f ON f.id = q.from_user_id
    JOIN webhook_endpoints e ON e.org_id IN (q.to_org_id, f.org_id)
    WHERE q.id = NEW.request_id AND e.active AND e.events LIKE '%"meeting.scheduled"%';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_meeting_scheduled AFTER UPDATE OF published ON meetings
  FOR EACH ROW EXECUTE FUNCTION webhook_meeting_outbox();

-- checkin.admitted: a member of the organization was admitted at a gate
-- (gate staff's scans, online or synced from offline).
CREATE FUNCTION webhook_checkin_outbox() RETURNS trigger AS $$
BEGIN
  INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_at, created_at)
  SELECT e.id, 'checkin.admitted',
    json_build_object('checkin_id', NEW.id, 'user_id', u.id, 'name', u.name, 'gate', g.name, 'day', NEW.day, 'offline', NEW.offline)::text,
    'pending', 0, NEW.received_at, NEW.received_at
  FROM users u JOIN gates g ON g.id = NEW.gate_id
  JOIN webhook_endpoints e ON e.org_id = u.org_id
  WHERE u.id = NEW.user_id AND e.active AND e.events LIKE '%"checkin.admitted"%';
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_checkin_admitted AFTER INSERT ON checkins
  FOR EACH ROW WHEN (NEW.result = 'admitted') EXECUTE FUNCTION webhook_checkin_outbox();

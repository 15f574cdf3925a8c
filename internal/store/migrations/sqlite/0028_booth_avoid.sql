-- Not beside a competitor (issue 15): the organizations a booth request
-- names to keep away from its booths. Every name is an organization
-- exhibiting in the request's edition and not the requester itself (the
-- store checks both in the insert's transaction). Keep in step with
-- ../postgres/0028_booth_avoid.sql.
CREATE TABLE booth_request_avoid (
  request_id INTEGER NOT NULL REFERENCES booth_requests(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  PRIMARY KEY (request_id, org_id)
);
CREATE INDEX booth_request_avoid_org ON booth_request_avoid (org_id);

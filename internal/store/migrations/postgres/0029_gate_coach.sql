-- A coach's own boarding gate (issue 16): a gate of a field study may board
-- one coach only (1-based, as the boarding list numbers them); 0 for any
-- other gate. Keep in step with ../sqlite/0029_gate_coach.sql.
ALTER TABLE gates ADD COLUMN coach INTEGER NOT NULL DEFAULT 0 CHECK (coach >= 0);

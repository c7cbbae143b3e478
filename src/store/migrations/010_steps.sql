-- Version 10: a petition step voided by an administrator (kept, with who, when and why),
-- and the record of reporting a high-risk case upward (上报). Both insert-only, like the
-- steps: a record inspectors ask for is never changed or deleted.

-- A voided step stays in petition_steps; this row says the case no longer follows it.
CREATE TABLE petition_step_voids (
    step_id    INTEGER PRIMARY KEY REFERENCES petition_steps(id),
    reason     TEXT NOT NULL CHECK (trim(reason) <> ''),
    voided_by  TEXT NOT NULL,
    voided_at  TEXT NOT NULL                          -- YYYY-MM-DD HH:MM:SS
);
CREATE TRIGGER petition_step_voids_no_update BEFORE UPDATE ON petition_step_voids
BEGIN SELECT RAISE(ABORT, 'petition step voids are append-only'); END;
CREATE TRIGGER petition_step_voids_no_delete BEFORE DELETE ON petition_step_voids
BEGIN SELECT RAISE(ABORT, 'petition step voids are append-only'); END;

-- A high-risk case reported upward: to whom, how, when and by whom.
CREATE TABLE petition_risk_reports (
    id          INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions(id),
    reported_to TEXT NOT NULL CHECK (trim(reported_to) <> ''),
    method      TEXT NOT NULL CHECK (method IN ('phone', 'written', 'in_person', 'system')),
    reported_at TEXT NOT NULL,                        -- YYYY-MM-DD HH:MM:SS
    reported_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX petition_risk_reports_petition ON petition_risk_reports(petition_id, reported_at);
CREATE TRIGGER petition_risk_reports_no_update BEFORE UPDATE ON petition_risk_reports
BEGIN SELECT RAISE(ABORT, 'risk reports are append-only'); END;
CREATE TRIGGER petition_risk_reports_no_delete BEFORE DELETE ON petition_risk_reports
BEGIN SELECT RAISE(ABORT, 'risk reports are append-only'); END;

-- Version 7: the working calendar (holidays and make-up working days), corrections of a
-- checklist day's working status, and what a petition step records of the deadline it met
-- or missed and of the reply's delivery.

-- The years whose holidays and make-up working days are known; a year without a row falls
-- back to Monday to Friday. The published 2025 and 2026 are filled in by the program right
-- after this script (migrations::after); later years by an administrator's import.
CREATE TABLE calendar_years (
    year     INTEGER PRIMARY KEY,
    source   TEXT NOT NULL,                 -- 'published', or the imported file's name
    added_at TEXT NOT NULL,                 -- YYYY-MM-DD HH:MM:SS
    added_by TEXT NOT NULL
);
CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,                  -- YYYY-MM-DD
    year INTEGER NOT NULL REFERENCES calendar_years(year),
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
);
CREATE INDEX calendar_days_year ON calendar_days(year);

-- A day's working status corrected against the calendar: non_working (version 4) marks a
-- day off the calendar does not know, marked_working a working day it does not know. A
-- correction of a past day carries its reason.
ALTER TABLE checklist_days ADD COLUMN marked_working INTEGER NOT NULL DEFAULT 0;
ALTER TABLE checklist_days ADD COLUMN mark_reason TEXT NOT NULL DEFAULT '';

-- How a reply was delivered: 'in_person', 'post' or 'other'; NULL for other steps (and for
-- replies recorded before version 7, which count as handed over on the day).
ALTER TABLE petition_steps ADD COLUMN delivery TEXT
    CHECK (delivery IS NULL OR delivery IN ('in_person', 'post', 'other'));

-- The day the petitioner received the written reply: recorded with the reply when known,
-- or later (a postal return receipt). The review window runs from it. Never changed.
CREATE TABLE petition_deliveries (
    step_id      INTEGER PRIMARY KEY REFERENCES petition_steps(id),
    delivered_on TEXT NOT NULL,             -- YYYY-MM-DD
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE TRIGGER petition_deliveries_no_update BEFORE UPDATE ON petition_deliveries
BEGIN SELECT RAISE(ABORT, 'petition deliveries are append-only'); END;
CREATE TRIGGER petition_deliveries_no_delete BEFORE DELETE ON petition_deliveries
BEGIN SELECT RAISE(ABORT, 'petition deliveries are append-only'); END;

-- The deadline in force when a step was taken (its legal end: the last day, moved to the
-- next working day past holidays and rest days) and how many days late the step was (0 on
-- time). Written with the step and never changed: a late step stays late. The steps
-- recorded before version 7 are judged by the program right after this script.
CREATE TABLE petition_step_deadlines (
    step_id   INTEGER PRIMARY KEY REFERENCES petition_steps(id),
    due_kind  TEXT NOT NULL,
    due_on    TEXT NOT NULL,                -- YYYY-MM-DD
    late_days INTEGER NOT NULL CHECK (late_days >= 0)
);
CREATE TRIGGER petition_step_deadlines_no_update BEFORE UPDATE ON petition_step_deadlines
BEGIN SELECT RAISE(ABORT, 'petition step deadlines are append-only'); END;
CREATE TRIGGER petition_step_deadlines_no_delete BEFORE DELETE ON petition_step_deadlines
BEGIN SELECT RAISE(ABORT, 'petition step deadlines are append-only'); END;

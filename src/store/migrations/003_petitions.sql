-- Version 3: petitions (信访), their petitioners, their dated steps and the case counters.
-- Depends on version 1 only (people, audit), so it applies cleanly whether or not
-- version 2 (walk-ins) came before it.

-- One row per year: the last case number given out. Incremented in the same transaction
-- that inserts the petition, so numbers are gap-free and never given twice.
CREATE TABLE case_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL CHECK (last >= 0)
);

CREATE TABLE petitions (
    id              INTEGER PRIMARY KEY,
    case_no         TEXT NOT NULL UNIQUE,            -- YYYY-NNNN
    channel         TEXT NOT NULL CHECK (channel IN ('letter', 'visit', 'phone', 'online')),
    received_at     TEXT NOT NULL,                   -- YYYY-MM-DD HH:MM:SS
    people_count    INTEGER NOT NULL CHECK (people_count >= 1),
    representatives TEXT NOT NULL DEFAULT '[]',      -- JSON array of names
    agents          TEXT NOT NULL DEFAULT '[]',      -- JSON array of names
    category        TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL,
    request         TEXT NOT NULL,
    facts           TEXT NOT NULL DEFAULT '',
    reasons         TEXT NOT NULL DEFAULT '',
    documents       TEXT NOT NULL DEFAULT '',
    flag_repeat     INTEGER NOT NULL DEFAULT 0,
    flag_skip_level INTEGER NOT NULL DEFAULT 0,
    flag_collective INTEGER NOT NULL DEFAULT 0,
    risk            TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
    handler         TEXT NOT NULL,
    -- The walk-in this was turned from. No foreign key: the walk-ins table belongs to
    -- another migration, and a petition must not depend on its presence.
    from_visit      INTEGER,
    -- Derived from the steps (the record of truth) and rewritten in the same transaction
    -- as every step, so that the ledger and the dashboard filter in SQL.
    status          TEXT NOT NULL,
    next_due_kind   TEXT,
    next_due        TEXT,                            -- YYYY-MM-DD
    ended_at        TEXT,                            -- YYYY-MM-DD HH:MM:SS
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX petitions_received ON petitions(received_at);
CREATE INDEX petitions_status ON petitions(status);
CREATE INDEX petitions_next_due ON petitions(next_due) WHERE next_due IS NOT NULL;

CREATE TABLE petitioners (
    petition_id INTEGER NOT NULL REFERENCES petitions(id),
    seq         INTEGER NOT NULL,                    -- 0 is the one the ledger shows
    person_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    name        TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (petition_id, seq)
);
CREATE INDEX petitioners_person ON petitioners(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX petitioners_name ON petitioners(name);

-- Every step is dated (`at`, when it happened) and attributed (`officer`); `recorded_at`
-- and `recorded_by` say when and by whom it was typed in. Steps are never changed.
CREATE TABLE petition_steps (
    id             INTEGER PRIMARY KEY,
    petition_id    INTEGER NOT NULL REFERENCES petitions(id),
    kind           TEXT NOT NULL,
    at             TEXT NOT NULL,
    officer        TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    extension_days INTEGER,
    forwarded_to   TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL
);
CREATE INDEX petition_steps_petition ON petition_steps(petition_id, id);
CREATE TRIGGER petition_steps_no_update BEFORE UPDATE ON petition_steps
BEGIN SELECT RAISE(ABORT, 'petition steps are append-only'); END;
CREATE TRIGGER petition_steps_no_delete BEFORE DELETE ON petition_steps
BEGIN SELECT RAISE(ABORT, 'petition steps are append-only'); END;

-- Version 2: walk-ins (来访登记).
CREATE TABLE visits (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER REFERENCES people(id) ON DELETE SET NULL,
    visitor_name      TEXT NOT NULL,
    visitor_phone     TEXT NOT NULL DEFAULT '',
    arrived_at        TEXT NOT NULL,          -- YYYY-MM-DD HH:MM:SS
    purpose           INTEGER NOT NULL,
    summary           TEXT NOT NULL DEFAULT '',
    outcome           TEXT NOT NULL CHECK (outcome IN ('done', 'referred', 'follow_up', 'petition')),
    referred_to       TEXT NOT NULL DEFAULT '',
    follow_up_date    TEXT,                   -- YYYY-MM-DD
    follow_up_done_at TEXT,
    follow_up_note    TEXT NOT NULL DEFAULT '',
    handler           TEXT NOT NULL,
    petition_id       INTEGER,
    created_at        TEXT NOT NULL
);
CREATE INDEX visits_arrived ON visits(arrived_at);
CREATE INDEX visits_person ON visits(person_id);
CREATE INDEX visits_follow_up ON visits(follow_up_date) WHERE follow_up_done_at IS NULL;

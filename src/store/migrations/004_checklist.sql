-- Version 4: the end-of-day checklist of the posted duty rules.
-- (Version 3 is the petitions schema; the runner applies whichever are missing, in order.)

-- The station's rules, copied from the embedded defaults on first use and edited by an
-- administrator. A rule is retired, never deleted, so the days that had it keep it.
CREATE TABLE checklist_rules (
    id          INTEGER PRIMARY KEY,
    title_zh    TEXT NOT NULL,
    title_en    TEXT NOT NULL DEFAULT '',
    frequency   TEXT NOT NULL,              -- 'workdays' | 'weekdays:1,5' (ISO, 1 = Monday)
    required    INTEGER NOT NULL DEFAULT 1,
    live_check  TEXT,                       -- 'visits_have_outcome', … or NULL
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,              -- YYYY-MM-DD HH:MM:SS
    retired_at  TEXT
);

-- One row per date that was opened or marked. opened_at is set when the items are created
-- (a working day only); signed_at locks the day.
CREATE TABLE checklist_days (
    date        TEXT PRIMARY KEY,           -- YYYY-MM-DD
    non_working INTEGER NOT NULL DEFAULT 0, -- marked as a holiday
    opened_at   TEXT,
    signed_by   TEXT,
    signed_at   TEXT
);

-- A day's items, with the rule's title, flag and check as they stood when the day opened.
CREATE TABLE checklist_items (
    date        TEXT NOT NULL REFERENCES checklist_days(date),
    rule_id     INTEGER NOT NULL REFERENCES checklist_rules(id),
    title_zh    TEXT NOT NULL,
    title_en    TEXT NOT NULL DEFAULT '',
    required    INTEGER NOT NULL,
    live_check  TEXT,
    position    INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'na', 'exception')),
    note        TEXT NOT NULL DEFAULT '',
    officer     TEXT,
    at          TEXT,
    PRIMARY KEY (date, rule_id)
);

-- Every reopening of a signed day: why, by whom, and whose signature it undid.
CREATE TABLE checklist_reopens (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL REFERENCES checklist_days(date),
    reason      TEXT NOT NULL,
    officer     TEXT NOT NULL,
    at          TEXT NOT NULL,
    signed_by   TEXT,
    signed_at   TEXT
);
CREATE INDEX checklist_reopens_date ON checklist_reopens(date);

-- Version 1: people on file, family links, settings, form drafts, officers and the audit trail.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    gender           TEXT,            -- 'M' | 'F' | NULL
    ethnicity        TEXT NOT NULL DEFAULT '',
    birth_date       TEXT,            -- YYYY-MM-DD
    id_number        TEXT,            -- normalised, NULL when unknown
    phone            TEXT NOT NULL DEFAULT '',
    phone_digits     TEXT NOT NULL DEFAULT '',
    hukou            TEXT NOT NULL DEFAULT '',
    town             TEXT NOT NULL DEFAULT '',
    village          TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    category         INTEGER NOT NULL,
    political_status TEXT NOT NULL DEFAULT '',
    enlist_date      TEXT NOT NULL DEFAULT '',
    discharge_date   TEXT NOT NULL DEFAULT '',
    branch           TEXT NOT NULL DEFAULT '',
    unit             TEXT NOT NULL DEFAULT '',
    rank             TEXT NOT NULL DEFAULT '',
    disability_grade INTEGER,
    awards           TEXT NOT NULL DEFAULT '',
    employment       TEXT NOT NULL DEFAULT '',
    hardship         INTEGER NOT NULL DEFAULT 0,
    key_person       INTEGER NOT NULL DEFAULT 0,
    notes            TEXT NOT NULL DEFAULT '',
    py_full          TEXT NOT NULL DEFAULT '',
    py_initials      TEXT NOT NULL DEFAULT '',
    last_contact     INTEGER NOT NULL DEFAULT 0,  -- unix seconds
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX people_id_number ON people(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX people_name ON people(name);

CREATE TABLE family_links (
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    relative_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    relation    TEXT NOT NULL,
    PRIMARY KEY (person_id, relative_id)
);

CREATE TABLE drafts (
    form       TEXT NOT NULL,       -- which form: 'person', 'visit', 'petition', …
    key        TEXT NOT NULL,       -- which record ('' for a new one)
    officer    TEXT NOT NULL,
    body       TEXT NOT NULL,       -- JSON of the form's field texts
    saved_at   TEXT NOT NULL,
    PRIMARY KEY (form, key, officer)
);

CREATE TABLE officers (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'officer')),
    password_hash   TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Append-only: the program never changes or removes a row, and the triggers refuse it.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    summary   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;

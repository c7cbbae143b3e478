-- Version 9: walk-ins can be corrected; the earlier versions are kept.

-- One row per correction: the walk-in's fields as they were before it (that version), who
-- corrected it, when and why. The live row holds the newest version; a walk-in's version is
-- 1 + its rows here, so a correction saved over one another desk made since it was opened is
-- caught instead of overwriting it.
CREATE TABLE visit_history (
    id             INTEGER PRIMARY KEY,
    visit_id       INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    version        INTEGER NOT NULL,
    visitor_name   TEXT NOT NULL,
    visitor_phone  TEXT NOT NULL,
    purpose        INTEGER NOT NULL,
    summary        TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    referred_to    TEXT NOT NULL,
    follow_up_date TEXT,
    corrected_at   TEXT NOT NULL,          -- YYYY-MM-DD HH:MM:SS
    corrected_by   TEXT NOT NULL,
    reason         TEXT NOT NULL,
    UNIQUE (visit_id, version)
);

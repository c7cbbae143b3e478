-- Version 8: the change log every running desk follows, and row versions.

-- One row per written record, in the same transaction as the write: which table's row
-- (entity, entity_id), what happened (op), who and when. Desks poll max(seq) and read what
-- came after the last seq they applied; a server backend feeds the same stream.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,                -- YYYY-MM-DD HH:MM:SS
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,                -- person, visit, petition, petition_step, …
    entity_id INTEGER NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete'))
);
CREATE INDEX changes_entity ON changes(entity, entity_id, seq);

-- A record's version: raised by every update, so a save made over a record another desk
-- changed since it was opened is caught instead of overwriting it.
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

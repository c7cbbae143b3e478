-- Version 13: a walk-in keeps the ID number a visitor not on file gave, and its own version.

-- The visitor's ID number (18 digits, as the person form stores it), when given: the link
-- offer matches it before the phone and the name. Empty for a person on file, whose
-- record holds it.
ALTER TABLE visits ADD COLUMN visitor_id_number TEXT NOT NULL DEFAULT '';
ALTER TABLE visit_history ADD COLUMN visitor_id_number TEXT NOT NULL DEFAULT '';
CREATE INDEX visits_unlinked_id ON visits(visitor_id_number)
    WHERE person_id IS NULL AND visitor_id_number <> '';

-- A walk-in's version, raised by every correction and every link to a record, so a
-- correction opened before either is stopped instead of writing over it. Until now it was
-- counted from the kept versions.
ALTER TABLE visits ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE visits SET version = 1 + (SELECT count(*) FROM visit_history h WHERE h.visit_id = visits.id);

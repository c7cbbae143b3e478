-- Version 6: the audit trail becomes a hash chain, and records the operating-system user
-- beside the officer. The hashes of the records already kept are filled in by the program
-- right after this script (migrations::after), so those records become the chain's start.
ALTER TABLE audit ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- Version 11: what the intake records beside the content (fax as a channel, anonymity,
-- source and assigner, type) and the channel a refused petitioner is told to use.

-- Fax (传真) joins the channels. SQLite cannot alter a CHECK constraint, and rebuilding
-- the table is not possible inside the upgrade's transaction while the petitioners and the
-- steps reference it (foreign keys are on); widening the list of allowed values changes
-- no stored row, which is the case SQLite documents for editing the table's definition in
-- place.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''phone'', ''online'')', '''phone'', ''online'', ''fax'')')
 WHERE type = 'table' AND name = 'petitions';
PRAGMA writable_schema = RESET;

-- 匿名: an anonymous letter (or one whose name and address are unclear); no notice deadline.
ALTER TABLE petitions ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;
-- 来源: 本级受理, 上级转送, 上级交办; for the last two the body it came from, and for 交办
-- the assigner's own deadline for the 办结报告.
ALTER TABLE petitions ADD COLUMN source TEXT NOT NULL DEFAULT 'local'
    CHECK (source IN ('local', 'forwarded', 'assigned'));
ALTER TABLE petitions ADD COLUMN assigner TEXT NOT NULL DEFAULT '';
ALTER TABLE petitions ADD COLUMN assigner_due TEXT;              -- YYYY-MM-DD
-- 类别; NULL on cases registered before it was asked.
ALTER TABLE petitions ADD COLUMN kind TEXT
    CHECK (kind IS NULL OR kind IN ('suggestion', 'accusation', 'appeal'));

-- The channel a petitioner whose matter is not accepted is told to use (诉讼, 仲裁, 行政复议,
-- or another, named). Written with the step and never changed, like the step itself.
CREATE TABLE petition_step_redirects (
    step_id INTEGER PRIMARY KEY REFERENCES petition_steps(id),
    channel TEXT NOT NULL CHECK (channel IN ('litigation', 'arbitration', 'admin_review', 'other')),
    text    TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER petition_step_redirects_no_update BEFORE UPDATE ON petition_step_redirects
BEGIN SELECT RAISE(ABORT, 'petition step redirects are append-only'); END;
CREATE TRIGGER petition_step_redirects_no_delete BEFORE DELETE ON petition_step_redirects
BEGIN SELECT RAISE(ABORT, 'petition step redirects are append-only'); END;

-- Version 12: categories as data. A person holds several categories (names, main first,
-- joined by 、) instead of one index into a fixed list of twelve; a disability carries its
-- nature; a station keeps its own local categories.
--
-- The categories stay on the person's row: they are read, versioned, audited and followed
-- by the other desks with it. Names never contain 、 (the roster's separators are refused
-- in a local category's name).
ALTER TABLE people ADD COLUMN categories TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN disability_nature TEXT NOT NULL DEFAULT '';

-- The old list, by index, read as the program read it: an index past its end was shown as
-- the last, 其他优抚对象, and a negative one as the first, 退役士兵.
-- 退休军人 is now named 军队退休干部; 参战参试退役军人 is kept as written, because it does not
-- say which of 参战退役人员 and 参试退役人员 a person is.
UPDATE people SET categories = CASE category
    WHEN 0 THEN '退役士兵'
    WHEN 1 THEN '军队转业干部'
    WHEN 2 THEN '复员干部'
    WHEN 3 THEN '军队退休干部'
    WHEN 4 THEN '残疾军人'
    WHEN 5 THEN '烈士遗属'
    WHEN 6 THEN '因公牺牲军人遗属'
    WHEN 7 THEN '病故军人遗属'
    WHEN 8 THEN '带病回乡退伍军人'
    WHEN 9 THEN '参战参试退役军人'
    WHEN 10 THEN '现役军人家属'
    ELSE CASE WHEN category < 0 THEN '退役士兵' ELSE '其他优抚对象' END
END;
ALTER TABLE people DROP COLUMN category;

CREATE TABLE local_categories (
    name     TEXT PRIMARY KEY,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);

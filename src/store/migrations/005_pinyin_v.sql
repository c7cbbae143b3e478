-- The full-pinyin keys spell ü as v, the way every Chinese input method types it (吕 lv,
-- 女 nv): a key with ü could never be typed. Keys written before this version are fixed here.
UPDATE people SET py_full = replace(py_full, 'ü', 'v') WHERE instr(py_full, 'ü') > 0;
UPDATE people SET py_full = replace(py_full, 'ê', 'e') WHERE instr(py_full, 'ê') > 0;

//! The SQLite functions the store's statements use, made on the server under the same
//! names, so that each statement is written once. Installed with the server's schema.

/// `CREATE OR REPLACE FUNCTION` statements, in order.
pub const FUNCTIONS: &[&str] = &[
    // SQLite's max() and min() of two values are scalar; the server's are aggregates only.
    "CREATE OR REPLACE FUNCTION max(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT greatest($1, $2)'",
    "CREATE OR REPLACE FUNCTION min(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT least($1, $2)'",
    "CREATE OR REPLACE FUNCTION max(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT greatest($1, $2)'",
    "CREATE OR REPLACE FUNCTION min(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT least($1, $2)'",
    "CREATE OR REPLACE FUNCTION ifnull(anyelement, anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, $2)'",
    "CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT strpos($1, $2)'",
    "CREATE OR REPLACE FUNCTION hex(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT upper(encode(convert_to($1, ''UTF8''), ''hex''))'",
    "CREATE OR REPLACE FUNCTION hex(bytea) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT upper(encode($1, ''hex''))'",
    // date(text): the day of a 'YYYY-MM-DD HH:MM:SS' text, as SQLite reads it.
    "CREATE OR REPLACE FUNCTION date(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT to_char($1::timestamp, ''YYYY-MM-DD'')'",
    "CREATE OR REPLACE FUNCTION date(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT to_char($1::timestamp + $2::interval, ''YYYY-MM-DD'')'",
    // group_concat(value, separator), leaving out NULLs as SQLite does.
    "CREATE OR REPLACE FUNCTION stationdesk_group_concat(text, text, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || $3 || $2 END'",
    "CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = stationdesk_group_concat, STYPE = text)",
    // SQLite counts a true comparison as 1: sum(x = y) is a count.
    "CREATE OR REPLACE FUNCTION stationdesk_sum_bool(bigint, boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END'",
    "CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = stationdesk_sum_bool, STYPE = bigint, INITCOND = '0')",
    "CREATE OR REPLACE FUNCTION round(double precision, integer) RETURNS double precision LANGUAGE sql IMMUTABLE AS 'SELECT round($1::numeric, $2)::double precision'",
];

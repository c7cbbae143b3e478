//! The server side of the query layer: a PostgreSQL connection that runs the store's
//! SQLite-worded statements, binds and reads SQLite's storage classes, and comes back
//! after the server was away.
use super::{Error, Result, SqlArg, ValueRef};
use bytes::BytesMut;
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, Statement};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

type BoxError = Box<dyn std::error::Error + Sync + Send>;

/// The one writer's turn on the server: every write transaction of every desk takes this
/// advisory lock first, as `BEGIN IMMEDIATE` takes the file's write lock; `migrate` takes
/// it too, so desks wait while a station is moved in.
pub const WRITE_LOCK: i64 = 0x5344_4b31;

/// A connection to the server.
pub struct PgConn {
    url: String,
    client: RefCell<Option<Client>>,
    cache: RefCell<HashMap<String, Statement>>,
    in_tx: Cell<bool>,
    /// Connections made so far (a session's LISTEN is lost with its connection).
    connections: Cell<u64>,
    /// The audit record (number, hash) the open transaction wrote.
    audit_mark: RefCell<Option<(i64, String)>>,
}

impl PgConn {
    pub fn connect(url: &str) -> std::result::Result<PgConn, crate::store::pg::PgError> {
        let client = crate::store::pg::connect(url)?;
        Ok(PgConn {
            url: url.to_string(),
            client: RefCell::new(Some(client)),
            cache: RefCell::new(HashMap::new()),
            in_tx: Cell::new(false),
            connections: Cell::new(1),
            audit_mark: RefCell::new(None),
        })
    }

    /// How many connections this has made: changes when it connected again.
    pub fn connections(&self) -> u64 {
        self.connections.get()
    }

    pub(super) fn in_transaction(&self) -> bool {
        self.in_tx.get()
    }

    /// The client, connected again when the server went away and came back (never inside
    /// a transaction: what it had done is gone with the old connection).
    fn with_client<T>(&self, work: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        let mut slot = self.client.borrow_mut();
        let lost = slot.as_ref().is_none_or(|c| c.is_closed());
        if lost {
            if self.in_tx.get() {
                return Err(Error::Offline);
            }
            *slot = None;
            self.cache.borrow_mut().clear();
            match crate::store::pg::connect(&self.url) {
                Ok(c) => {
                    *slot = Some(c);
                    self.connections.set(self.connections.get() + 1);
                }
                Err(_) => {
                    super::set_server_away(true);
                    return Err(Error::Offline);
                }
            }
        }
        let client = slot.as_mut().expect("connected above");
        let out = work(client);
        if client.is_closed() {
            *slot = None;
            self.cache.borrow_mut().clear();
            super::set_server_away(true);
            return Err(Error::Offline);
        }
        super::set_server_away(false);
        out
    }

    fn statement(
        &self,
        client: &mut Client,
        sql: &str,
        values: &[SqlArg<'_>],
    ) -> Result<Statement> {
        if let Some(s) = self.cache.borrow().get(sql) {
            return Ok(s.clone());
        }
        let text = translate(sql);
        let stmt = match client.prepare(&text) {
            Ok(s) => s,
            // `?1 IS NULL` and the like give the server no type to go on: the values say.
            Err(e) if indeterminate(&e) => {
                let types: Vec<Type> = values.iter().map(type_of).collect();
                client
                    .prepare_typed(&text, &types)
                    .map_err(|e| refused(e, &text))?
            }
            Err(e) => return Err(refused(e, &text)),
        };
        self.cache
            .borrow_mut()
            .insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    pub(super) fn execute(&self, sql: &str, values: &[SqlArg<'_>]) -> Result<usize> {
        self.with_client(|client| {
            let stmt = self.statement(client, sql, values)?;
            let args: Vec<PgArg<'_>> = values.iter().map(|v| PgArg(v.value())).collect();
            let refs: Vec<&(dyn ToSql + Sync)> =
                args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
            Ok(client.execute(&stmt, &refs)? as usize)
        })
    }

    pub(super) fn query(&self, sql: &str, values: &[SqlArg<'_>]) -> Result<Vec<postgres::Row>> {
        self.with_client(|client| {
            let stmt = self.statement(client, sql, values)?;
            let args: Vec<PgArg<'_>> = values.iter().map(|v| PgArg(v.value())).collect();
            let refs: Vec<&(dyn ToSql + Sync)> =
                args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
            Ok(client.query(&stmt, &refs)?)
        })
    }

    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.with_client(|client| Ok(client.batch_execute(sql)?))
    }

    /// Reads every row of `sql` (no parameters), `chunk` rows at a time from a cursor, so a
    /// million rows never sit in memory at once: the desk's index load.
    pub(super) fn for_each_row(
        &self,
        sql: &str,
        chunk: usize,
        f: &mut dyn FnMut(&super::Row<'_>) -> Result<()>,
    ) -> Result<()> {
        self.with_client(|client| {
            let text = translate(sql);
            let mut tx = client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            let stmt = tx.prepare(&text)?;
            let portal = tx.bind(&stmt, &[])?;
            loop {
                let rows = tx.query_portal(&portal, i32::try_from(chunk).unwrap_or(i32::MAX))?;
                if rows.is_empty() {
                    break;
                }
                for r in &rows {
                    f(&super::Row::pg(r))?;
                }
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Runs `work` on the raw client (LISTEN, COPY, cursors): what only the server has.
    pub fn raw<T>(&self, work: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        self.with_client(work)
    }

    /// Runs `work`, which waits for the writer's turn, so that the desk can give the wait up.
    fn waiting_for_turn<T>(&self, work: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        let token = self.with_client(|client| Ok(client.cancel_token()))?;
        let gave_up = Arc::new(AtomicBool::new(false));
        let (done, is_done) = std::sync::mpsc::channel::<()>();
        let watcher = {
            let gave_up = gave_up.clone();
            std::thread::spawn(move || {
                use std::sync::mpsc::RecvTimeoutError;
                use std::time::Duration;
                let mut waiter = crate::store::busy::Waiter::default();
                let mut count = 0;
                loop {
                    // Most turns come at once. After that the server wakes the waiting
                    // statement itself; this only notices a give-up soon enough for a
                    // person (and keeps the waiting line up): a few looks a second.
                    let every = Duration::from_millis(if count == 0 { 20 } else { 50 });
                    match is_done.recv_timeout(every) {
                        Err(RecvTimeoutError::Timeout) => {}
                        _ => return,
                    }
                    if waiter.keep_waiting(count).is_none() {
                        gave_up.store(true, Ordering::SeqCst);
                        let _ = match crate::store::pg::tls::connector() {
                            Ok(tls) => token.cancel_query(tls),
                            Err(_) => token.cancel_query(postgres::NoTls),
                        };
                        return;
                    }
                    count += 1;
                }
            })
        };
        let out = self.with_client(work);
        drop(done);
        let _ = watcher.join();
        match out {
            Err(_) if gave_up.load(Ordering::SeqCst) => Err(Error::GaveUp),
            other => other,
        }
    }

    /// Begins a write transaction in one round trip: BEGIN, the writer's turn, who and
    /// when for the change log, and the database's incarnation (returned, for the caller
    /// to compare). A desk's save then holds the turn only for its own statements.
    pub(super) fn begin_write(&self, actor: &str, at: &str) -> Result<String> {
        let sql = format!(
            "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({WRITE_LOCK}); \
             SELECT set_config('stationdesk.actor', {}, true), set_config('stationdesk.at', {}, true); \
             SELECT coalesce((SELECT value FROM settings WHERE key = 'incarnation'), '')",
            literal(actor),
            literal(at)
        );
        // Connected again first if the server was away: inside the transaction it would
        // not be (what it had done would be gone with the old connection).
        self.with_client(|_| Ok(()))?;
        self.in_tx.set(true);
        let answer = self.waiting_for_turn(|client| Ok(client.simple_query(&sql)?));
        let messages = match answer {
            Ok(m) => m,
            Err(e) => {
                let _ = self.end(false);
                return Err(e);
            }
        };
        let incarnation = messages.iter().rev().find_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
            _ => None,
        });
        Ok(incarnation.unwrap_or_default())
    }

    pub(super) fn note_audit(&self, id: i64, hash: &str) {
        *self.audit_mark.borrow_mut() = Some((id, hash.to_string()));
    }

    /// COMMIT, and when its answer is lost with the connection, the answer found out: the
    /// server either committed all of the transaction or none of it, and its audit record
    /// (every write leaves one) says which. Connected again, for a few seconds if need be,
    /// to look; only a server that stays away that long leaves the outcome unknown, said
    /// as the server being away.
    pub(super) fn commit_checked(&self) -> Result<()> {
        let mark = self.audit_mark.borrow_mut().take();
        let out = self.end(true);
        let (Err(Error::Offline), Some((id, hash))) = (&out, mark) else {
            return out;
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let found = self.query(
                "SELECT count(*) FROM audit WHERE id = ?1 AND hash = ?2",
                &[
                    SqlArg::Ref(ValueRef::Integer(id)),
                    SqlArg::Ref(ValueRef::Text(hash.as_bytes())),
                ],
            );
            match found {
                Ok(rows) => {
                    let landed = rows.first().is_some_and(|r| r.get::<_, i64>(0) == 1);
                    return if landed { Ok(()) } else { Err(Error::Offline) };
                }
                Err(_) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(250));
                }
                Err(_) => return Err(Error::Offline),
            }
        }
    }

    pub(super) fn end(&self, commit: bool) -> Result<()> {
        if !commit {
            self.audit_mark.borrow_mut().take();
        }
        let out = self.with_client(|client| {
            Ok(client.batch_execute(if commit { "COMMIT" } else { "ROLLBACK" })?)
        });
        self.in_tx.set(false);
        out
    }
}

/// `text` as a SQL string literal (standard strings: a quote is doubled, nothing else is
/// special); a NUL, which no text on the server may hold, is dropped.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\0', "").replace('\'', "''"))
}

/// A statement the server would not prepare. The server's message does not say which
/// statement it was; with `STATIONDESK_SQL_DEBUG` set (a developer's aid) it goes to stderr.
fn refused(e: postgres::Error, text: &str) -> Error {
    if std::env::var_os("STATIONDESK_SQL_DEBUG").is_some() {
        eprintln!(
            "stationdesk: the server refused {text}: {e} ({:?})",
            e.code()
        );
    }
    e.into()
}

fn indeterminate(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|c| {
        *c == SqlState::INDETERMINATE_DATATYPE
            || *c == SqlState::AMBIGUOUS_PARAMETER
            || *c == SqlState::AMBIGUOUS_FUNCTION
            || *c == SqlState::UNDEFINED_FUNCTION
    })
}

fn type_of(v: &SqlArg<'_>) -> Type {
    match v.value() {
        ValueRef::Integer(_) => Type::INT8,
        ValueRef::Real(_) => Type::FLOAT8,
        ValueRef::Blob(_) => Type::BYTEA,
        ValueRef::Null | ValueRef::Text(_) => Type::TEXT,
    }
}

/// `?1` → `$1`, and a bare `?` → the next number, outside quotes.
pub fn translate(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    let mut next_bare = 0;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                out.push('$');
                if chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                    while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                        out.push(d);
                        chars.next();
                    }
                } else {
                    next_bare += 1;
                    out.push_str(&next_bare.to_string());
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// A value bound to a parameter of whatever type the server gave it.
struct PgArg<'a>(ValueRef<'a>);

impl std::fmt::Debug for PgArg<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

fn is_text(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN
    )
}

impl ToSql for PgArg<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self.0 {
            ValueRef::Null => Ok(IsNull::Yes),
            ValueRef::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::FLOAT8 => (i as f64).to_sql(ty, out),
                Type::FLOAT4 => (i as f32).to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                _ if is_text(ty) => i.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("an integer cannot be bound as {ty}").into()),
            },
            ValueRef::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (f as f32).to_sql(ty, out),
                _ if is_text(ty) => f.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("a real number cannot be bound as {ty}").into()),
            },
            ValueRef::Text(bytes) => {
                let t = std::str::from_utf8(bytes)?;
                match *ty {
                    Type::INT8 => t.trim().parse::<i64>()?.to_sql(ty, out),
                    Type::INT4 => t.trim().parse::<i32>()?.to_sql(ty, out),
                    Type::FLOAT8 => t.trim().parse::<f64>()?.to_sql(ty, out),
                    Type::BYTEA => bytes.to_sql(ty, out),
                    _ => t.to_sql(&Type::TEXT, out),
                }
            }
            ValueRef::Blob(b) => match *ty {
                Type::BYTEA => b.to_sql(ty, out),
                _ => std::str::from_utf8(b)?.to_sql(&Type::TEXT, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A column read in SQLite's storage classes, whatever the server's type.
pub(super) struct PgRef<'a>(pub ValueRef<'a>);

impl<'a> FromSql<'a> for PgRef<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(PgRef(match *ty {
            Type::INT2 => ValueRef::Integer(i16::from_sql(ty, raw)?.into()),
            Type::INT4 => ValueRef::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT8 => ValueRef::Integer(i64::from_sql(ty, raw)?),
            Type::OID => ValueRef::Integer(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => ValueRef::Integer(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT4 => ValueRef::Real(f32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => ValueRef::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(raw),
            _ if is_text(ty) || *ty == Type::JSON => ValueRef::Text(raw),
            _ => return Err(format!("the server's type {ty} is not read here").into()),
        }))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, BoxError> {
        Ok(PgRef(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC in binary (what `sum` of integers gives): base-10000 digits with a weight.
fn numeric(raw: &[u8]) -> std::result::Result<ValueRef<'static>, BoxError> {
    let word = |i: usize| -> std::result::Result<u16, BoxError> {
        raw.get(i * 2..i * 2 + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "a short NUMERIC".into())
    };
    let ndigits = word(0)? as usize;
    let weight = word(1)? as i16 as i32;
    let sign = word(2)?;
    let dscale = word(3)?;
    if sign == 0xC000 {
        return Ok(ValueRef::Null);
    }
    let mut whole: i128 = 0;
    let mut value: f64 = 0.0;
    let mut exact = true;
    for i in 0..ndigits {
        let d = word(4 + i)?;
        let power = weight - i as i32;
        value += f64::from(d) * 10000f64.powi(power);
        if power >= 0 {
            let term = 10000i128
                .checked_pow(power as u32)
                .and_then(|p| p.checked_mul(i128::from(d)))
                .and_then(|t| t.checked_add(whole));
            match term {
                Some(w) => whole = w,
                None => exact = false,
            }
        } else if d != 0 {
            exact = false;
        }
    }
    let negative = sign == 0x4000;
    if exact
        && dscale == 0
        && let Ok(i) = i64::try_from(if negative { -whole } else { whole })
    {
        return Ok(ValueRef::Integer(i));
    }
    Ok(ValueRef::Real(if negative { -value } else { value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_renumbered_outside_quotes() {
        assert_eq!(
            translate("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $12"
        );
        assert_eq!(translate("VALUES (?, ?, \"?\")"), "VALUES ($1, $2, \"?\")");
    }

    #[test]
    fn numerics_read_as_integers_when_whole() {
        // 123456789 = 1·10000² + 2345·10000 + 6789.
        let mut raw = Vec::new();
        for w in [3u16, 2, 0, 0, 1, 2345, 6789] {
            raw.extend_from_slice(&w.to_be_bytes());
        }
        assert_eq!(numeric(&raw).unwrap(), ValueRef::Integer(123_456_789));
        let mut raw = Vec::new();
        for w in [1u16, 0, 0x4000, 0, 42] {
            raw.extend_from_slice(&w.to_be_bytes());
        }
        assert_eq!(numeric(&raw).unwrap(), ValueRef::Integer(-42));
    }
}

#[cfg(test)]
mod server_tests {
    use super::*;

    #[test]
    fn untyped_nulls_get_their_type_from_the_values() {
        let Ok(url) = std::env::var("STATIONDESK_TEST_PG") else {
            return;
        };
        let conn = PgConn::connect(&url).unwrap();
        let rows = conn
            .query(
                "SELECT 1 WHERE (?1 IS NULL OR 'a' >= ?1) AND (?2 IS NULL OR 'b' < ?2)",
                &[SqlArg::Ref(ValueRef::Null), SqlArg::Ref(ValueRef::Null)],
            )
            .unwrap();
        assert_eq!(rows.len(), 1);
    }
}

//! Prepared statements and the rows they return.
use super::pg::PgConn;
use super::{Error, Params, Result, Row, SqlArg};

/// A statement ready to run.
pub struct Stmt<'c> {
    inner: Inner<'c>,
}

enum Inner<'c> {
    Lite(rusqlite::Statement<'c>),
    LiteCached(rusqlite::CachedStatement<'c>),
    Pg { conn: &'c PgConn, sql: String },
}

fn bind<'a>(args: &'a [SqlArg<'a>]) -> rusqlite::ParamsFromIter<std::slice::Iter<'a, SqlArg<'a>>> {
    rusqlite::params_from_iter(args.iter())
}

impl<'c> Stmt<'c> {
    pub(super) fn lite(stmt: rusqlite::Statement<'c>) -> Stmt<'c> {
        Stmt {
            inner: Inner::Lite(stmt),
        }
    }

    pub(super) fn lite_cached(stmt: rusqlite::CachedStatement<'c>) -> Stmt<'c> {
        Stmt {
            inner: Inner::LiteCached(stmt),
        }
    }

    pub(super) fn pg(conn: &'c PgConn, sql: &str) -> Stmt<'c> {
        Stmt {
            inner: Inner::Pg {
                conn,
                sql: sql.to_string(),
            },
        }
    }

    fn lite_stmt(&mut self) -> Option<&mut rusqlite::Statement<'c>> {
        match &mut self.inner {
            Inner::Lite(s) => Some(s),
            Inner::LiteCached(s) => Some(s),
            Inner::Pg { .. } => None,
        }
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        if let Inner::Pg { conn, sql } = &self.inner {
            return params.bind(|args| conn.execute(sql, args));
        }
        let stmt = self.lite_stmt().expect("a SQLite statement");
        params.bind(|args| Ok(stmt.execute(bind(args))?))
    }

    /// Runs the query; its rows, one at a time.
    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        if let Inner::Pg { conn, sql } = &self.inner {
            let rows = params.bind(|args| conn.query(sql, args))?;
            return Ok(Rows {
                inner: RowsInner::Pg { rows, next: 0 },
            });
        }
        let stmt = self.lite_stmt().expect("a SQLite statement");
        // Bound now; the rows borrow the statement only.
        let rows = params.bind(|args| stmt.query(bind(args)))?;
        Ok(Rows {
            inner: RowsInner::Lite(rows),
        })
    }

    /// The first row, read by `f`; [`Error::NoRows`] when there is none.
    pub fn query_row<P, T, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(r) => f(&r),
            None => Err(Error::NoRows),
        }
    }

    /// Every row, each read by `f`.
    pub fn query_map<'s, P, T, F>(&'s mut self, params: P, mut f: F) -> Result<MappedRows<'s, T>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T> + 's,
        T: 's,
    {
        let mut rows = self.query(params)?;
        let iter = std::iter::from_fn(move || match rows.next() {
            Ok(Some(r)) => Some(f(&r)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        });
        Ok(MappedRows {
            iter: Box::new(iter),
        })
    }
}

/// The rows of a query.
pub struct Rows<'s> {
    inner: RowsInner<'s>,
}

enum RowsInner<'s> {
    Lite(rusqlite::Rows<'s>),
    Pg {
        rows: Vec<postgres::Row>,
        next: usize,
    },
}

impl Rows<'_> {
    /// The next row, `None` after the last.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match &mut self.inner {
            RowsInner::Lite(rows) => Ok(rows.next()?.map(Row::lite)),
            RowsInner::Pg { rows, next } => {
                let row = rows.get(*next);
                *next += 1;
                Ok(row.map(Row::pg))
            }
        }
    }
}

/// Rows each read into a `T`.
pub struct MappedRows<'s, T> {
    iter: Box<dyn Iterator<Item = Result<T>> + 's>,
}

impl<T> Iterator for MappedRows<'_, T> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        self.iter.next()
    }
}

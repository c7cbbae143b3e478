//! One row of a result, from either database.
use super::pg::PgRef;
use super::{Error, FromSql, Result, ValueRef};

/// A row being read.
pub struct Row<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    Lite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

/// A column by position or by name.
pub trait RowIndex {
    fn index_in(&self, row: &Row<'_>) -> Result<usize>;
}

impl RowIndex for usize {
    fn index_in(&self, _row: &Row<'_>) -> Result<usize> {
        Ok(*self)
    }
}

impl RowIndex for &str {
    fn index_in(&self, row: &Row<'_>) -> Result<usize> {
        let found = match &row.inner {
            Inner::Lite(r) => r.as_ref().column_index(self).ok(),
            Inner::Pg(r) => r.columns().iter().position(|c| c.name() == *self),
        };
        found.ok_or_else(|| Error::NoColumn(self.to_string()))
    }
}

impl<'a> Row<'a> {
    pub(super) fn lite(row: &'a rusqlite::Row<'a>) -> Row<'a> {
        Row {
            inner: Inner::Lite(row),
        }
    }

    pub(super) fn pg(row: &'a postgres::Row) -> Row<'a> {
        Row {
            inner: Inner::Pg(row),
        }
    }

    /// Column `idx` read as `T`.
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let i = idx.index_in(self)?;
        T::column_result(self.get_ref(i)?)
            .map_err(|e| Error::Conversion(format!("column {i}: {e}")))
    }

    /// Column `idx` as it is stored.
    pub fn get_ref<I: RowIndex>(&self, idx: I) -> Result<ValueRef<'a>> {
        let i = idx.index_in(self)?;
        match self.inner {
            Inner::Lite(r) => Ok(r.get_ref(i)?.into()),
            Inner::Pg(r) => Ok(r.try_get::<_, PgRef<'a>>(i)?.0),
        }
    }
}

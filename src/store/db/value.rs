//! Values going into and coming out of either database, in SQLite's five storage classes:
//! the store's code reads and binds them the same way whichever database is open.
use super::{Error, Result};

/// An owned value to bind.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A value read from a row, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl<'a> ValueRef<'a> {
    /// The text of a text value.
    pub fn as_str(&self) -> Result<&'a str> {
        match *self {
            ValueRef::Text(t) => {
                std::str::from_utf8(t).map_err(|e| Error::Conversion(e.to_string()))
            }
            other => Err(Error::Conversion(format!("{other:?} is not text"))),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            ValueRef::Null => "NULL",
            ValueRef::Integer(_) => "INTEGER",
            ValueRef::Real(_) => "REAL",
            ValueRef::Text(_) => "TEXT",
            ValueRef::Blob(_) => "BLOB",
        }
    }
}

impl<'a> From<rusqlite::types::ValueRef<'a>> for ValueRef<'a> {
    fn from(v: rusqlite::types::ValueRef<'a>) -> ValueRef<'a> {
        use rusqlite::types::ValueRef as R;
        match v {
            R::Null => ValueRef::Null,
            R::Integer(i) => ValueRef::Integer(i),
            R::Real(f) => ValueRef::Real(f),
            R::Text(t) => ValueRef::Text(t),
            R::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// A parameter's value as it is bound: borrowed from the caller where it can be (text and
/// blobs are not copied), owned where it must be made (a date written out).
#[derive(Debug, Clone, PartialEq)]
pub enum SqlArg<'a> {
    Ref(ValueRef<'a>),
    Own(Value),
}

impl SqlArg<'_> {
    /// The value, borrowed either way.
    pub fn value(&self) -> ValueRef<'_> {
        match self {
            SqlArg::Ref(v) => *v,
            SqlArg::Own(v) => v.as_ref(),
        }
    }
}

impl Value {
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

impl rusqlite::ToSql for SqlArg<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef as R};
        Ok(ToSqlOutput::Borrowed(match self.value() {
            ValueRef::Null => R::Null,
            ValueRef::Integer(i) => R::Integer(i),
            ValueRef::Real(f) => R::Real(f),
            ValueRef::Text(t) => R::Text(t),
            ValueRef::Blob(b) => R::Blob(b),
        }))
    }
}

/// Something that can be bound as a statement's parameter.
pub trait ToSql {
    fn to_sql(&self) -> SqlArg<'_>;
}

macro_rules! int_to_sql {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> SqlArg<'_> {
                SqlArg::Ref(ValueRef::Integer(*self as i64))
            }
        }
    )*};
}
int_to_sql!(i8, i16, i32, i64, u8, u16, u32, usize, isize);

impl ToSql for u64 {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(ValueRef::Integer(i64::try_from(*self).unwrap_or(i64::MAX)))
    }
}

impl ToSql for bool {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(ValueRef::Integer(i64::from(*self)))
    }
}

impl ToSql for f64 {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(ValueRef::Real(*self))
    }
}

impl ToSql for str {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(ValueRef::Text(self.as_bytes()))
    }
}

impl ToSql for String {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(ValueRef::Text(self.as_bytes()))
    }
}

impl ToSql for [u8] {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(ValueRef::Blob(self))
    }
}

impl ToSql for Vec<u8> {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(ValueRef::Blob(self))
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Ref(self.as_ref())
    }
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_sql(&self) -> SqlArg<'_> {
        (**self).to_sql()
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_sql(&self) -> SqlArg<'_> {
        match self {
            Some(v) => v.to_sql(),
            None => SqlArg::Ref(ValueRef::Null),
        }
    }
}

impl<T: ToSql + ?Sized> ToSql for Box<T> {
    fn to_sql(&self) -> SqlArg<'_> {
        (**self).to_sql()
    }
}

impl ToSql for chrono::NaiveDate {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Own(Value::Text(self.format("%Y-%m-%d").to_string()))
    }
}

impl ToSql for chrono::NaiveDateTime {
    fn to_sql(&self) -> SqlArg<'_> {
        SqlArg::Own(Value::Text(self.format("%Y-%m-%d %H:%M:%S").to_string()))
    }
}

/// Something a column can be read as.
pub trait FromSql: Sized {
    fn column_result(v: ValueRef<'_>) -> Result<Self>;
}

fn wrong(v: ValueRef<'_>, want: &str) -> Error {
    Error::Conversion(format!("{} read as {want}", v.type_name()))
}

macro_rules! int_from_sql {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn column_result(v: ValueRef<'_>) -> Result<Self> {
                match v {
                    ValueRef::Integer(i) => <$t>::try_from(i)
                        .map_err(|_| Error::Conversion(format!("{i} out of range"))),
                    other => Err(wrong(other, stringify!($t))),
                }
            }
        }
    )*};
}
int_from_sql!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl FromSql for bool {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Integer(i) => Ok(i != 0),
            other => Err(wrong(other, "bool")),
        }
    }
}

impl FromSql for f64 {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Integer(i) => Ok(i as f64),
            other => Err(wrong(other, "f64")),
        }
    }
}

impl FromSql for String {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        Ok(v.as_str()?.to_string())
    }
}

impl FromSql for Vec<u8> {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Blob(b) | ValueRef::Text(b) => Ok(b.to_vec()),
            other => Err(wrong(other, "blob")),
        }
    }
}

impl FromSql for Value {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        Ok(Value::from_ref(v))
    }
}

impl FromSql for chrono::NaiveDate {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        let text = v.as_str()?;
        chrono::NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
            .map_err(|e| Error::Conversion(format!("{text}: {e}")))
    }
}

impl FromSql for chrono::NaiveDateTime {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        let text = v.as_str()?;
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
            .map_err(|e| Error::Conversion(format!("{text}: {e}")))
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Null => Ok(None),
            other => T::column_result(other).map(Some),
        }
    }
}

/// The parameters of one statement, handed to the binding borrowed.
pub trait Params {
    fn bind<R>(self, f: impl FnOnce(&[SqlArg<'_>]) -> R) -> R;
}

impl Params for () {
    fn bind<R>(self, f: impl FnOnce(&[SqlArg<'_>]) -> R) -> R {
        f(&[])
    }
}

impl Params for &[&dyn ToSql] {
    fn bind<R>(self, f: impl FnOnce(&[SqlArg<'_>]) -> R) -> R {
        let args: Vec<SqlArg<'_>> = self.iter().map(|p| p.to_sql()).collect();
        f(&args)
    }
}

impl<T: ToSql, const N: usize> Params for [T; N] {
    fn bind<R>(self, f: impl FnOnce(&[SqlArg<'_>]) -> R) -> R {
        let args: Vec<SqlArg<'_>> = self.iter().map(|p| p.to_sql()).collect();
        f(&args)
    }
}

impl<T: ToSql, const N: usize> Params for &[T; N] {
    fn bind<R>(self, f: impl FnOnce(&[SqlArg<'_>]) -> R) -> R {
        let args: Vec<SqlArg<'_>> = self.iter().map(|p| p.to_sql()).collect();
        f(&args)
    }
}

impl Params for Vec<Value> {
    fn bind<R>(self, f: impl FnOnce(&[SqlArg<'_>]) -> R) -> R {
        let args: Vec<SqlArg<'_>> = self.iter().map(|v| SqlArg::Ref(v.as_ref())).collect();
        f(&args)
    }
}

/// Parameters from an iterator of bindable values.
pub struct ParamsFromIter(Vec<Value>);

pub fn params_from_iter<I>(iter: I) -> ParamsFromIter
where
    I: IntoIterator,
    I::Item: ToSql,
{
    ParamsFromIter(
        iter.into_iter()
            .map(|p| match p.to_sql() {
                SqlArg::Ref(v) => Value::from_ref(v),
                SqlArg::Own(v) => v,
            })
            .collect(),
    )
}

impl Value {
    fn from_ref(v: ValueRef<'_>) -> Value {
        match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }
}

impl Params for ParamsFromIter {
    fn bind<R>(self, f: impl FnOnce(&[SqlArg<'_>]) -> R) -> R {
        self.0.bind(f)
    }
}

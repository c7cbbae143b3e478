//! Loading the lookup index from the stored search keys.
use super::{Result, Store};
use crate::search::{Index, IndexBuilder};

impl Store {
    /// Builds the in-memory lookup index from every person's stored keys.
    pub fn load_index(&self) -> Result<Index> {
        let count = usize::try_from(self.count_people()?).unwrap_or(0);
        let mut builder = IndexBuilder::with_capacity(count);
        self.scan_index_rows(|row| builder.push(row))?;
        Ok(builder.build())
    }
}

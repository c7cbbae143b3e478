//! Collecting rows for an index. A row's name and keys are its interned [`Spellings`]
//! entry, prepared once for everybody who shares it; its ID number and phone go straight
//! into the index's digits, in push order. [`super::assemble`] then ranks the rows and
//! builds the lookup arrays with integer and counting sorts.
use super::IndexRow;
use super::index::Index;
use super::spellings::Spellings;

/// One pushed row: who it is, its spelling, and where its ID number and phone lie in the
/// digits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Staged {
    pub(crate) id: i64,
    pub(crate) last_contact: i64,
    pub(crate) spelling: u32,
    pub(crate) digits: (u32, [u16; 2]),
}

/// Rows on their way into a builder, their fields back to back: name, full keys, initials
/// keys, ID number, phone.
#[derive(Debug, Default)]
pub(crate) struct RowBatch {
    bytes: Vec<u8>,
    /// (id, last contact, end of each field in `bytes`)
    rows: Vec<(i64, i64, [usize; 5])>,
}

impl RowBatch {
    pub(crate) fn push(&mut self, id: i64, last_contact: i64, fields: [&[u8]; 5]) {
        let ends = fields.map(|f| {
            self.bytes.extend_from_slice(f);
            self.bytes.len()
        });
        self.rows.push((id, last_contact, ends));
    }

    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.rows.clear();
    }

    fn fields(&self, i: usize) -> [&[u8]; 5] {
        let ends = self.rows[i].2;
        let start = if i == 0 { 0 } else { self.rows[i - 1].2[4] };
        let mut from = start;
        ends.map(|end| {
            let f = &self.bytes[from..end];
            from = end;
            f
        })
    }
}

/// Rows looked up together; see [`super::spellings`] for why.
const LOOKUP_BATCH: usize = 64;

/// Collects rows, then builds an [`Index`]. Rows may come in any order.
///
/// The digits of all rows and the text of all distinct names and keys are each limited to
/// 4 GiB (well over 100 million people), and one row's fields to 64 KiB; rows beyond a
/// limit are skipped and counted by [`IndexBuilder::skipped`].
#[derive(Debug)]
pub struct IndexBuilder {
    pub(crate) spellings: Spellings,
    /// Every row's normalised ID number and phone digits, in push order.
    pub(crate) digits: Vec<u8>,
    pub(crate) rows: Vec<Staged>,
    /// Whether ids came in ascending order, so that push order is id order.
    pub(crate) ids_ascending: bool,
    skipped: usize,
    /// Rows pushed one at a time, waiting for a batch to fill.
    pending: RowBatch,
    /// Per row of a lookup batch: hash, then the spelling's entry position + 1 if found.
    lookups: Vec<(u64, usize)>,
}

impl Default for IndexBuilder {
    fn default() -> IndexBuilder {
        IndexBuilder {
            spellings: Spellings::default(),
            digits: Vec::new(),
            rows: Vec::new(),
            ids_ascending: true,
            skipped: 0,
            pending: RowBatch::default(),
            lookups: Vec::with_capacity(LOOKUP_BATCH),
        }
    }
}

/// Digits a person with an ID number and a mobile phone takes.
const DIGITS_PER_ROW: usize = 29;

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// An empty builder with room for about `rows` people.
    pub fn with_capacity(rows: usize) -> IndexBuilder {
        IndexBuilder {
            digits: Vec::with_capacity(rows * DIGITS_PER_ROW),
            rows: Vec::with_capacity(rows),
            ..IndexBuilder::default()
        }
    }

    /// Rows refused because of the size limits.
    pub fn skipped(&mut self) -> usize {
        if self.pending.len() > 0 {
            self.flush();
        }
        self.skipped
    }

    /// Adds one person. Fields are normalised the way queries are: the name loses spaces
    /// and middle dots, keys are lower-cased, the ID upper-cased, the phone keeps its digits.
    pub fn push(&mut self, row: &IndexRow<'_>) {
        let fields = [
            row.name,
            row.py_full,
            row.py_initials,
            row.id_number,
            row.phone_digits,
        ];
        self.pending
            .push(row.id, row.last_contact, fields.map(str::as_bytes));
        if self.pending.len() == LOOKUP_BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.push_batch(&pending);
        self.pending = pending;
        self.pending.clear();
    }

    /// Adds a batch of rows after those pushed so far. A field that is not UTF-8 counts as
    /// empty.
    pub(crate) fn push_batch(&mut self, batch: &RowBatch) {
        if self.pending.len() > 0 {
            self.flush();
        }
        let mut from = 0;
        while from < batch.len() {
            let to = (from + LOOKUP_BATCH).min(batch.len());
            self.push_rows(batch, from..to);
            from = to;
        }
    }

    /// Adds rows of a batch: all their table slots are read, then all candidate spellings,
    /// then each row is written.
    fn push_rows(&mut self, batch: &RowBatch, rows: std::ops::Range<usize>) {
        let columns = |i: usize| {
            let [name, full, initials, ..] = batch.fields(i);
            [name, full, initials]
        };
        let sp = &self.spellings;
        // Each phase is a short loop of independent reads, so that the processor has many
        // of them waiting on memory at once.
        self.lookups.clear();
        self.lookups
            .extend(rows.clone().map(|i| (sp.hash(columns(i)), 0)));
        for lookup in self.lookups.iter_mut() {
            let (slot_hash, pos) = sp.first_slot(lookup.0);
            lookup.1 = if slot_hash == lookup.0 { pos } else { 0 };
        }
        let touched = self.lookups.iter().fold(0u8, |acc, &(_, pos)| {
            acc ^ pos.checked_sub(1).map_or(0, |pos| sp.first_byte(pos))
        });
        std::hint::black_box(touched);
        for (i, lookup) in rows.clone().zip(self.lookups.iter_mut()) {
            if lookup.1 != 0 && !sp.holds(lookup.1 - 1, columns(i)) {
                lookup.1 = 0;
            }
        }
        for (k, i) in rows.enumerate() {
            let (hash, found) = self.lookups[k];
            let pos = match found {
                0 => self.spellings.intern(hash, columns(i)),
                pos => Some(pos - 1),
            };
            let Some(pos) = pos else {
                self.skipped += 1;
                continue;
            };
            let (id, last_contact, _) = batch.rows[i];
            let [.., id_number, phone] = batch.fields(i);
            self.push_row(id, last_contact, pos, id_number, phone);
        }
    }

    /// Writes one row: its ID number and phone to the digits, the rest to `rows`.
    fn push_row(&mut self, id: i64, last_contact: i64, pos: usize, id_number: &[u8], phone: &[u8]) {
        let entry = self.spellings.entry_at(pos);
        let digits = &mut self.digits;
        // Grow by an eighth rather than double: doubled digits of a million people would
        // not fit the memory budget.
        let room = id_number.len() + phone.len();
        if digits.capacity() - digits.len() < room {
            digits.reserve_exact(room.max(digits.capacity() / 8));
        }
        let start = digits.len();
        let utf8 = |s: &[u8]| s.is_ascii() || std::str::from_utf8(s).is_ok();
        if utf8(id_number) {
            let kept = id_number.iter().filter(|b| b.is_ascii_alphanumeric());
            digits.extend(kept.map(u8::to_ascii_uppercase));
        }
        let id_len = digits.len() - start;
        if utf8(phone) {
            digits.extend(phone.iter().copied().filter(u8::is_ascii_digit));
        }
        let phone_len = digits.len() - start - id_len;
        let record = entry.prepared.len() + id_len + phone_len;
        let fits = u32::try_from(digits.len()).is_ok() && u16::try_from(record).is_ok();
        if !fits {
            digits.truncate(start);
            self.skipped += 1;
            return;
        }
        if self.rows.last().is_some_and(|last| last.id > id) {
            self.ids_ascending = false;
        }
        // The lengths are at most `record`, which fits in u16, and `start` is below the
        // digits' length, which fits in u32: checked just above.
        self.rows.push(Staged {
            id,
            last_contact,
            spelling: entry.id,
            digits: (start as u32, [id_len as u16, phone_len as u16]),
        });
    }

    /// Ranks the rows and builds the lookup arrays.
    pub fn build(mut self) -> Index {
        if self.pending.len() > 0 {
            self.flush();
        }
        self.spellings.finish_pushing();
        self.digits.shrink_to_fit();
        super::assemble::build(self)
    }
}

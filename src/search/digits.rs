//! The arrays of ID numbers and phones: sorted for whole numbers and prefixes, bucketed by
//! their last four characters for tails.
//!
//! Both are built from the staged rows in push order, which is the digits' order, so the
//! digits are read front to back.
use super::assemble::StagedDigits;
use super::index::{Field, Index};

/// Rows by the last four characters of a field, each bucket in row order: a tail query of
/// four or more characters reads one bucket and keeps the rows that end with it. Fields
/// shorter than four characters are in no bucket.
#[derive(Debug, Default)]
pub(crate) struct Tails {
    /// Where each bucket's rows start; empty for a small index, whose rows are found by
    /// [`Tails::buckets`] instead.
    pub(crate) start: Vec<u32>,
    pub(crate) rows: Vec<u32>,
    /// For a small index, each row's bucket beside `rows`, ascending: the bucket table alone
    /// would cost a small index (the few people a desk re-keys after a change) half a
    /// millisecond to make.
    pub(crate) buckets: Vec<u32>,
}

impl Tails {
    const BUCKETS: usize = 1 << 16;

    /// Below this many rows the buckets are a sorted list rather than a table.
    const TABLE_FROM: usize = 1 << 14;

    /// The bucket of a field's last four characters: four bits each, one-to-one for digits
    /// and `X`, which is all that ID numbers and phones hold.
    fn bucket(field: &[u8]) -> Option<usize> {
        let tail = field.get(field.len().checked_sub(4)?..)?;
        let code = |b: u8| match b {
            b'0'..=b'9' => usize::from(b - b'0'),
            b'X' => 10,
            _ => 11 + usize::from(b % 5),
        };
        Some(tail.iter().fold(0, |acc, &b| acc << 4 | code(b)))
    }

    /// The rows whose `field` ends with `q` (four characters or more), in row order.
    pub(crate) fn rows_ending<'a>(
        &'a self,
        index: &'a Index,
        field: Field,
        q: &'a [u8],
    ) -> impl Iterator<Item = u32> + 'a {
        let rows = Tails::bucket(q).map_or(&[][..], |b| self.bucket_rows(b));
        rows.iter()
            .copied()
            .filter(move |&r| index.field(r, field).ends_with(q))
    }
}

impl Tails {
    /// The rows of bucket `b`, in row order.
    fn bucket_rows(&self, b: usize) -> &[u32] {
        if self.start.is_empty() {
            let b = b as u32;
            let from = self.buckets.partition_point(|&x| x < b);
            let to = self.buckets.partition_point(|&x| x <= b);
            &self.rows[from..to]
        } else if b + 1 < self.start.len() {
            &self.rows[self.start[b] as usize..self.start[b + 1] as usize]
        } else {
            &[]
        }
    }
}

/// The tail buckets of ID numbers (`phone` false) or phones.
pub(crate) fn tails(digits: &[u8], staged: &StagedDigits, phone: bool) -> Tails {
    if staged.row_of.len() < Tails::TABLE_FROM {
        listed_tails(digits, staged, phone)
    } else {
        table_tails(digits, staged, phone)
    }
}

/// [`tails`] as a sorted list of (bucket, row).
fn listed_tails(digits: &[u8], staged: &StagedDigits, phone: bool) -> Tails {
    let mut pairs: Vec<(u32, u32)> = staged
        .fields(digits, phone)
        .filter_map(|(field, r)| Some((Tails::bucket(field)? as u32, r)))
        .collect();
    pairs.sort_unstable();
    Tails {
        start: Vec::new(),
        rows: pairs.iter().map(|p| p.1).collect(),
        buckets: pairs.iter().map(|p| p.0).collect(),
    }
}

/// [`tails`] as a table of where each bucket starts.
fn table_tails(digits: &[u8], staged: &StagedDigits, phone: bool) -> Tails {
    // Each row's bucket, by row: the counting sort below then visits rows in row order.
    let mut bucket_of = vec![u32::MAX; staged.row_of.len()];
    let mut next = vec![0u32; Tails::BUCKETS + 1];
    for (field, r) in staged.fields(digits, phone) {
        if let Some(b) = Tails::bucket(field) {
            bucket_of[r as usize] = b as u32;
            next[b] += 1;
        }
    }
    let mut total = 0u32;
    for c in next.iter_mut() {
        let n = *c;
        *c = total;
        total += n;
    }
    let start = next.clone();
    let mut rows = vec![0u32; total as usize];
    for (r, &b) in bucket_of.iter().enumerate() {
        if b != u32::MAX {
            let slot = &mut next[b as usize];
            rows[*slot as usize] = r as u32;
            *slot += 1;
        }
    }
    Tails {
        start,
        rows,
        buckets: Vec::new(),
    }
}

/// Characters of an ID number or phone that [`pack4`] can hold.
const PACK4_MAX: usize = 24;

/// The field in four bits a character (`0`–`9`, then `X`), zero-padded to 24 characters:
/// integer order is byte order. `None` when the field has other characters or is longer.
fn pack4(field: &[u8]) -> Option<u128> {
    if field.len() > PACK4_MAX {
        return None;
    }
    let mut p = 0u128;
    for &b in field {
        let code = match b {
            b'0'..=b'9' => b - b'0' + 1,
            b'X' => 11,
            _ => return None,
        };
        p = (p << 4) | u128::from(code);
    }
    Some(p << (4 * (PACK4_MAX - field.len())))
}

/// Rows with a non-empty ID number (`phone` false) or phone, by the field, then row: one
/// integer sort of the packed field beside the row.
pub(crate) fn sort_field(digits: &[u8], staged: &StagedDigits, phone: bool) -> Vec<u32> {
    let fields = || staged.fields(digits, phone);
    let mut keys: Vec<u128> = Vec::with_capacity(staged.row_of.len());
    for (f, r) in fields() {
        if f.is_empty() {
            continue;
        }
        match pack4(f) {
            Some(p) => keys.push((p << 32) | u128::from(r)),
            // Not digits: compare the bytes.
            None => {
                let mut items: Vec<(&[u8], u32)> =
                    fields().filter(|(f, _)| !f.is_empty()).collect();
                items.sort_unstable();
                return items.into_iter().map(|(_, r)| r).collect();
            }
        }
    }
    keys.sort_unstable();
    keys.into_iter().map(|k| k as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_and_table_tails_hold_the_same_rows() {
        // Numbers sharing their last four characters, some too short, one with an X.
        let fields: Vec<String> = (0..3000u32)
            .map(|i| match i % 7 {
                0 => String::new(),
                1 => format!("{}", i % 100),
                2 => format!("4501271960030{:04}X", i % 13),
                _ => format!("1380000{:04}", (i * 7919) % 257),
            })
            .collect();
        let digits: Vec<u8> = fields.iter().flat_map(|f| f.bytes()).collect();
        let staged = StagedDigits {
            lens: fields.iter().map(|f| [f.len() as u16, 0]).collect(),
            // Row numbers in an order of their own, as ranking gives them.
            row_of: (0..3000u32).map(|i| (i * 1009) % 3000).collect(),
        };
        let listed = listed_tails(&digits, &staged, false);
        let table = table_tails(&digits, &staged, false);
        assert!(listed.start.is_empty() && !table.start.is_empty());
        let mut seen = 0;
        for b in 0..Tails::BUCKETS {
            assert_eq!(listed.bucket_rows(b), table.bucket_rows(b), "bucket {b}");
            seen += table.bucket_rows(b).len();
        }
        assert!(seen > 2000);
    }

    #[test]
    fn packed_fields_order_like_their_bytes() {
        let fields: [&[u8]; 7] = [b"", b"1", b"10", b"1X", b"2", b"45012719600303002X", b"9"];
        for a in fields {
            for b in fields {
                assert_eq!(pack4(a).cmp(&pack4(b)), a.cmp(b));
            }
        }
        assert_eq!(pack4(b"12A4"), None);
        assert_eq!(pack4(&[b'1'; 25]), None);
    }

    #[test]
    fn tails_of_digits_and_x_have_buckets_of_their_own() {
        assert_eq!(Tails::bucket(b"123"), None);
        assert_eq!(Tails::bucket(b"0000"), Some(0));
        assert_eq!(Tails::bucket(b"45012719600303002X"), Some(0x002A));
        assert_ne!(Tails::bucket(b"1002X"), Tails::bucket(b"1003X"));
    }
}

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
    pub(crate) start: Vec<u32>,
    pub(crate) rows: Vec<u32>,
}

impl Tails {
    const BUCKETS: usize = 1 << 16;

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
        let rows = match Tails::bucket(q) {
            Some(b) if b + 1 < self.start.len() => {
                &self.rows[self.start[b] as usize..self.start[b + 1] as usize]
            }
            _ => &[],
        };
        rows.iter()
            .copied()
            .filter(move |&r| index.field(r, field).ends_with(q))
    }
}

/// The tail buckets of ID numbers (`phone` false) or phones.
pub(crate) fn tails(digits: &[u8], staged: &StagedDigits, phone: bool) -> Tails {
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
    Tails { start, rows }
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

//! Many short lists in one vector: a list per spelling without an allocation per list.
use std::ops::Range;

/// Item `i` of a vector of ends: from the previous end to its own.
fn span(ends: &[u32], i: usize) -> Range<usize> {
    let start = if i == 0 { 0 } else { ends[i - 1] };
    start as usize..ends[i] as usize
}

/// Many short lists in one vector, numbered 0, 1, 2… in the order they were closed.
#[derive(Debug)]
pub(crate) struct Lists<T> {
    items: Vec<T>,
    /// Where each list ends in `items`. The lists here describe spellings, whose prepared
    /// text is kept under 4 GiB and holds more bytes than they have items, so u32 fits.
    ends: Vec<u32>,
}

impl<T> Default for Lists<T> {
    fn default() -> Lists<T> {
        Lists {
            items: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T> Lists<T> {
    /// The number of closed lists.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Items of all lists, including the one being built.
    pub(crate) fn items_len(&self) -> usize {
        self.items.len()
    }

    /// Adds an item to the list being built.
    pub(crate) fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Adds items to the list being built.
    pub(crate) fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        self.items.extend(items);
    }

    /// Closes the list being built.
    pub(crate) fn end_list(&mut self) {
        self.ends.push(self.items.len() as u32);
    }

    /// The items of the list being built.
    pub(crate) fn open_list_mut(&mut self) -> &mut [T] {
        let start = self.ends.last().copied().unwrap_or(0) as usize;
        &mut self.items[start..]
    }

    /// Drops items of the list being built past the first `keep`.
    pub(crate) fn truncate_open_list(&mut self, keep: usize) {
        let start = self.ends.last().copied().unwrap_or(0) as usize;
        self.items.truncate(start + keep);
    }

    /// Where list `i` lies in [`Lists::items`].
    pub(crate) fn span(&self, i: u32) -> Range<usize> {
        span(&self.ends, i as usize)
    }

    /// List `i`.
    pub(crate) fn get(&self, i: u32) -> &[T] {
        &self.items[self.span(i)]
    }

    /// Every item of every list.
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }

    /// Every item of every list, to rewrite in place.
    pub(crate) fn items_mut(&mut self) -> &mut [T] {
        &mut self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_their_items_apart() {
        let mut l: Lists<u32> = Lists::default();
        l.extend([3, 1, 2]);
        l.open_list_mut().sort_unstable();
        l.end_list();
        l.end_list();
        l.push(7);
        l.push(8);
        l.truncate_open_list(1);
        l.end_list();
        assert_eq!(l.get(0), &[1, 2, 3]);
        assert!(l.get(1).is_empty());
        assert_eq!(l.get(2), &[7]);
        assert_eq!(l.items_len(), 4);
    }
}

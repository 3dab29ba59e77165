//! The fallback for keys no hash fits: a binary search by length, then bytes.

/// The keys in order of length, then bytes, for a binary search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sorted {
    /// Shortest key; shorter inputs miss without searching.
    pub min_len: usize,
    /// Longest key; longer inputs miss without searching.
    pub max_len: usize,
    /// Key indices in order.
    pub order: Vec<usize>,
}

impl Sorted {
    /// `keys` sorted by length, then bytes.
    #[must_use]
    pub fn build(keys: &[&[u8]]) -> Sorted {
        let order = crate::index_order::sorted_indices(keys.len(), &|a, b| {
            (keys[a].len(), keys[a]).cmp(&(keys[b].len(), keys[b]))
        });
        let mut min_len = usize::MAX;
        let mut max_len = 0;
        for key in keys {
            min_len = min_len.min(key.len());
            max_len = max_len.max(key.len());
        }
        Sorted {
            min_len: if keys.is_empty() { 0 } else { min_len },
            max_len,
            order,
        }
    }

    #[cfg(test)]
    /// The index of `key` in `keys` by binary search, as the emitted code finds it.
    pub fn find(&self, keys: &[&[u8]], key: &[u8]) -> Option<usize> {
        if key.len() < self.min_len || key.len() > self.max_len {
            return None;
        }
        self.order
            .binary_search_by(|&i| (keys[i].len(), keys[i]).cmp(&(key.len(), key)))
            .ok()
            .map(|at| self.order[at])
    }
}

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
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_unstable_by_key(|&i| (keys[i].len(), keys[i]));
        Sorted {
            min_len: keys.iter().map(|k| k.len()).min().unwrap_or(0),
            max_len: keys.iter().map(|k| k.len()).max().unwrap_or(0),
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

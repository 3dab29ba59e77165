//! The record layout the emitted lookup compares against.

use crate::packed::width_for;

/// The keys as the generated lookup reads them: one byte string holding, per key, a
/// record of the variant it stands for (little-endian, [`Records::index_width`] bytes),
/// its length (little-endian, [`Records::len_width`] bytes) and its bytes; then zeros, so
/// that a window of [`Records::window`] bytes from any record start stays in bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records {
    /// The records, then the padding.
    pub bytes: Vec<u8>,
    /// Where each key's record starts, by key index.
    pub starts: Vec<usize>,
    /// Bytes of the variant index.
    pub index_width: usize,
    /// Bytes of the length.
    pub len_width: usize,
    /// Bytes the lookup reads from a record start: the header and the longest key.
    pub window: usize,
}

impl Records {
    /// Records for `keys`, the `i`th standing for variant `variants[i]` (an alias stands
    /// for the variant it names).
    pub fn build(keys: &[&[u8]], variants: &[usize]) -> Records {
        let index_width = width_for(variants.iter().copied().max().unwrap_or(0));
        let max_len = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        let len_width = width_for(max_len);
        let mut bytes = Vec::new();
        let mut starts = Vec::with_capacity(keys.len());
        for (key, &variant) in keys.iter().zip(variants) {
            starts.push(bytes.len());
            bytes.extend(variant.to_le_bytes().into_iter().take(index_width));
            bytes.extend(key.len().to_le_bytes().into_iter().take(len_width));
            bytes.extend_from_slice(key);
        }
        let window = index_width + len_width + max_len;
        bytes.resize(bytes.len() + window, 0);
        Records {
            bytes,
            starts,
            index_width,
            len_width,
            window,
        }
    }

    /// Bytes before a record's key.
    pub fn header(&self) -> usize {
        self.index_width + self.len_width
    }

    #[cfg(test)]
    /// The variant of the record at `start` when its key is `key`, as the emitted code
    /// decides it.
    pub fn find(&self, start: usize, key: &[u8]) -> Option<usize> {
        let field = |at: usize, width: usize| {
            let mut le = [0u8; size_of::<usize>()];
            le[..width].copy_from_slice(&self.bytes[at..at + width]);
            usize::from_le_bytes(le)
        };
        let variant = field(start, self.index_width);
        let len = field(start + self.index_width, self.len_width);
        let at = start + self.header();
        (len == key.len() && &self.bytes[at..at + len] == key).then_some(variant)
    }
}

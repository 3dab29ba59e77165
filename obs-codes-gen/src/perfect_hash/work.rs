//! The work bound that ends the search quickly whatever the keys.

/// Units of work (a hashed word or byte, a slot probed) allowed per key and per key
/// byte in the whole search; past that, the keys are sorted instead. The bundled table
/// and 10,000 synthetic codes spend a small fraction of it.
const WORK_PER_KEY: u64 = 512;
const WORK_PER_BYTE: u64 = 8;

/// The work the search may still do, so that it ends quickly whatever the keys.
#[derive(Debug, Clone, Copy)]
pub struct Work {
    /// Units spent so far.
    pub spent: u64,
    /// Units allowed.
    pub limit: u64,
}

impl Work {
    /// The allowance for `keys`: a fixed amount per key and per key byte.
    #[must_use]
    pub fn for_keys(keys: &[&[u8]]) -> Work {
        let bytes: u64 = keys.iter().map(|k| k.len() as u64).sum();
        Work {
            spent: 0,
            limit: WORK_PER_KEY * keys.len() as u64 + WORK_PER_BYTE * bytes,
        }
    }

    pub(super) fn spend(&mut self, units: u64) {
        self.spent = self.spent.saturating_add(units);
    }

    pub(super) fn exhausted(&self) -> bool {
        self.spent > self.limit
    }
}

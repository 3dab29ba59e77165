//! One sort for the crate's orderings that are not plain numbers: a list of indices put
//! in the order a comparison gives.
//!
//! Each `sort_by_key` with its own closure makes the compiler build the whole sort again
//! for that closure; the callers here share one copy instead.

use std::cmp::Ordering;

/// `0..len` ordered by `compare` (called with two indices); equal indices keep no
/// particular order, so a caller that wants a stable order compares the indices last.
pub(crate) fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b));
    order
}

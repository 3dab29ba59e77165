//! Choosing what to hash: the 8-byte windows or single bytes that, with the length,
//! tell every key apart.

/// Inner 8-byte windows considered from each end.
const INNER_WINDOWS: usize = 32;

/// How far from each end positions are considered.
const POSITION_WINDOW: usize = 48;
/// More positions than this and hashing every byte is as cheap.
const MAX_POSITIONS: usize = 10;

/// A byte position, from the start or from the end of the key. A position past the end
/// reads the byte at the far end instead (clamped): still a function of the key, and
/// read without a branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BytePos {
    /// `key[min(i, len - 1)]`.
    FromStart(usize),
    /// `key[len - 1 - min(i, len - 1)]`.
    FromEnd(usize),
}

impl BytePos {
    /// The byte this position selects in `key` (0 for an empty key).
    pub fn byte(self, key: &[u8]) -> u8 {
        let last = key.len().saturating_sub(1);
        let index = match self {
            BytePos::FromStart(i) => i.min(last),
            BytePos::FromEnd(i) => last - i.min(last),
        };
        key.get(index).copied().unwrap_or(0)
    }

    /// The 8 bytes (little-endian) of the window that starts at this position, moved
    /// back inside the key when it would run past an end: `key[min(i, len - 8)..][..8]`
    /// from the start, the mirror image from the end. 0 for a key under 8 bytes.
    pub fn word(self, key: &[u8]) -> u64 {
        let Some(last) = key.len().checked_sub(WORD) else {
            return 0;
        };
        let at = match self {
            BytePos::FromStart(i) => i.min(last),
            BytePos::FromEnd(i) => last - i.min(last),
        };
        key.get(at..at + WORD)
            .and_then(|w| <[u8; WORD]>::try_from(w).ok())
            .map_or(0, u64::from_le_bytes)
    }
}

/// Bytes in a word.
const WORD: usize = 8;
/// More 8-byte windows than this and single bytes are tried instead.
const MAX_WORDS: usize = 4;

/// The 8-byte windows that, with the length, tell every key apart: the first and the
/// last window, then windows further in (up to [`INNER_WINDOWS`] from each end), greedily; `None` when a key is under 8 bytes or
/// more than [`MAX_WORDS`] windows would be needed.
pub(super) fn choose_words(keys: &[&[u8]], min_len: usize, max_len: usize) -> Option<Vec<BytePos>> {
    if min_len < WORD {
        return None;
    }
    let edges = [BytePos::FromStart(0), BytePos::FromEnd(0)];
    // The common case, checked without the greedy search.
    let mut class = lengths(keys);
    for pos in edges {
        refine(&mut class, keys, pos, BytePos::word);
    }
    if groups(&class).is_empty() {
        return Some(edges.to_vec());
    }
    let mut candidates = edges.to_vec();
    for i in (WORD..max_len.saturating_sub(WORD))
        .step_by(WORD)
        .take(INNER_WINDOWS)
    {
        candidates.push(BytePos::FromStart(i));
        candidates.push(BytePos::FromEnd(i));
    }
    greedy(keys, &candidates, MAX_WORDS, BytePos::word)
}

/// Greedily picks positions until (length, chosen bytes) tells every key apart; `None`
/// when that takes more than [`MAX_POSITIONS`] or no position in the window helps.
pub(super) fn choose_positions(
    keys: &[&[u8]],
    max_len: usize,
    min_len: usize,
) -> Option<Vec<BytePos>> {
    let positions = |window: usize| -> Vec<BytePos> {
        let mut all = Vec::with_capacity(2 * window);
        for i in 0..window {
            all.push(BytePos::FromStart(i));
        }
        for i in 0..window {
            all.push(BytePos::FromEnd(i));
        }
        all
    };
    // Positions inside every key are read without a clamp: prefer them when they need
    // no more positions than the whole window does.
    let anywhere = choose_from(keys, &positions(max_len.min(POSITION_WINDOW)));
    let inside = choose_from(keys, &positions(min_len.min(POSITION_WINDOW)));
    match (inside, anywhere) {
        (Some(inside), Some(anywhere)) if inside.len() <= anywhere.len() => Some(inside),
        (_, anywhere) => anywhere,
    }
}

/// The greedy choice of [`choose_positions`] among `candidates`.
fn choose_from(keys: &[&[u8]], candidates: &[BytePos]) -> Option<Vec<BytePos>> {
    greedy(keys, candidates, MAX_POSITIONS, |pos, key| {
        u64::from(pos.byte(key))
    })
}

/// Picks, one at a time, the candidate that leaves the fewest pairs of keys agreeing on
/// the length and everything picked, until no pair agrees; `None` when that takes more
/// than `most` picks or no candidate helps.
///
/// `read` is a function pointer, not a generic parameter: the search is compiled once.
fn greedy(keys: &[&[u8]], candidates: &[BytePos], most: usize, read: Read) -> Option<Vec<BytePos>> {
    // Keys with the same class agree on everything chosen so far.
    let mut class = lengths(keys);
    let mut chosen = Vec::new();
    loop {
        let groups = groups(&class);
        if groups.is_empty() {
            return Some(chosen);
        }
        if chosen.len() == most {
            return None;
        }
        let mut current = 0;
        for group in &groups {
            current += pairs(group.len());
        }
        let mut best: Option<(BytePos, usize)> = None;
        for &pos in candidates {
            let cost = split_cost(keys, &groups, pos, read);
            if best.is_none_or(|(_, least)| cost < least) {
                best = Some((pos, cost));
            }
        }
        let (best, cost) = best?;
        if cost >= current {
            return None;
        }
        chosen.push(best);
        refine(&mut class, keys, best, read);
    }
}

/// Reads a value from a key at a position: a byte or an 8-byte window.
type Read = fn(BytePos, &[u8]) -> u64;

/// Refines `class` (one per key) by the value `read` at `pos`: afterwards two keys share
/// a class when they shared one before and agree on that value.
///
/// The new classes are numbered in the order their first key comes, as a map from
/// (class, value) to the next free number would number them; sorting instead of
/// hashing keeps a hash map's code out of the crate.
fn refine(class: &mut [usize], keys: &[&[u8]], pos: BytePos, read: Read) {
    let mut values: Vec<u64> = Vec::with_capacity(keys.len());
    for key in keys {
        values.push(read(pos, key));
    }
    let order = crate::index_order::sorted_indices(keys.len(), &|a, b| {
        (class[a], values[a]).cmp(&(class[b], values[b]))
    });
    // Runs of equal (class, value) in sorted order, then numbered by first key.
    let mut run_of = vec![0; keys.len()];
    let mut runs = 0;
    for (k, &i) in order.iter().enumerate() {
        if k > 0 {
            let previous = order[k - 1];
            if (class[i], values[i]) != (class[previous], values[previous]) {
                runs += 1;
            }
        }
        run_of[i] = runs;
    }
    let mut numbered = vec![usize::MAX; runs + 1];
    let mut next = 0;
    for (i, run) in run_of.into_iter().enumerate() {
        if numbered[run] == usize::MAX {
            numbered[run] = next;
            next += 1;
        }
        class[i] = numbered[run];
    }
}

/// Indices of keys grouped by class, only the groups with more than one key (in class
/// order, so the result is the same on every run).
fn groups(class: &[usize]) -> Vec<Vec<usize>> {
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(class.len());
    for (i, &c) in class.iter().enumerate() {
        order.push((c, i));
    }
    order.sort_unstable();
    let mut groups = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && order[end].0 == order[start].0 {
            end += 1;
        }
        if end - start > 1 {
            let mut group = Vec::with_capacity(end - start);
            for &(_, i) in &order[start..end] {
                group.push(i);
            }
            groups.push(group);
        }
        start = end;
    }
    groups
}

/// The length of each key: the class of every key before any position is read.
fn lengths(keys: &[&[u8]]) -> Vec<usize> {
    let mut lengths = Vec::with_capacity(keys.len());
    for key in keys {
        lengths.push(key.len());
    }
    lengths
}

fn pairs(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// How many pairs of keys in `groups` would still agree if the value `read` at `pos`
/// from each key were added.
fn split_cost(keys: &[&[u8]], groups: &[Vec<usize>], pos: BytePos, read: Read) -> usize {
    let mut values = Vec::new();
    let mut cost = 0;
    for group in groups {
        values.clear();
        for &i in group {
            values.push(read(pos, keys[i]));
        }
        values.sort_unstable();
        let mut start = 0;
        while start < values.len() {
            let mut end = start + 1;
            while end < values.len() && values[end] == values[start] {
                end += 1;
            }
            cost += pairs(end - start);
            start = end;
        }
    }
    cost
}

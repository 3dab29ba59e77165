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
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    if keys
        .iter()
        .all(|k| seen.insert((k.len(), edges.map(|pos| pos.word(k)))))
    {
        return Some(edges.to_vec());
    }
    let inner = (WORD..max_len.saturating_sub(WORD))
        .step_by(WORD)
        .take(INNER_WINDOWS);
    let candidates: Vec<BytePos> = edges
        .into_iter()
        .chain(inner.flat_map(|i| [BytePos::FromStart(i), BytePos::FromEnd(i)]))
        .collect();
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
        (0..window)
            .map(BytePos::FromStart)
            .chain((0..window).map(BytePos::FromEnd))
            .collect()
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
fn greedy(
    keys: &[&[u8]],
    candidates: &[BytePos],
    most: usize,
    read: impl Fn(BytePos, &[u8]) -> u64,
) -> Option<Vec<BytePos>> {
    // Keys with the same class agree on everything chosen so far.
    let mut class: Vec<usize> = keys.iter().map(|k| k.len()).collect();
    let mut chosen = Vec::new();
    loop {
        let groups = groups(&class);
        if groups.is_empty() {
            return Some(chosen);
        }
        if chosen.len() == most {
            return None;
        }
        let current: usize = groups.iter().map(|g| pairs(g.len())).sum();
        let (best, cost) = candidates
            .iter()
            .map(|&pos| (pos, split_cost(keys, &groups, |key| read(pos, key))))
            .min_by_key(|&(_, cost)| cost)?;
        if cost >= current {
            return None;
        }
        chosen.push(best);
        // Refine: the new class is the old one combined with the chosen byte.
        let mut next: std::collections::HashMap<(usize, u64), usize> =
            std::collections::HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            let fresh = next.len();
            class[i] = *next.entry((class[i], read(best, key))).or_insert(fresh);
        }
    }
}

/// Indices of keys grouped by class, only the groups with more than one key (in class
/// order, so the result is the same on every run).
fn groups(class: &[usize]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..class.len()).collect();
    order.sort_unstable_by_key(|&i| (class[i], i));
    order
        .chunk_by(|&a, &b| class[a] == class[b])
        .filter(|group| group.len() > 1)
        .map(<[usize]>::to_vec)
        .collect()
}

fn pairs(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// How many pairs of keys in `groups` would still agree if the value `read` from each
/// key were added.
fn split_cost(keys: &[&[u8]], groups: &[Vec<usize>], read: impl Fn(&[u8]) -> u64) -> usize {
    let mut values = Vec::new();
    let mut cost = 0;
    for group in groups {
        values.clear();
        values.extend(group.iter().map(|&i| read(keys[i])));
        values.sort_unstable();
        cost += values
            .chunk_by(|a, b| a == b)
            .map(|run| pairs(run.len()))
            .sum::<usize>();
    }
    cost
}

//! The perfect hash behind the generated `from_code`, computed at expansion time.
//!
//! A generic hash of the whole string costs as much as a `HashMap` lookup, so, like GNU
//! gperf, this hashes only what tells the keys apart, chosen greedily for these keys:
//! when every key has 8 bytes or more, the length and a few 8-byte windows (the first
//! and the last, more only when needed), XOR-ed together and multiplied once; the final
//! comparison reads the same words, so the hash costs little beyond it. Otherwise the
//! length and a few single bytes (counted from the start or the end) packed into a word;
//! failing that, every byte. The top bits of the product pick a bucket; the next bits,
//! XOR-ed with the bucket's displacement (hash and displace, as in CHD), pick the slot
//! that holds the only candidate, and one comparison confirms it.
//!
//! Before any table that depends on the bucket, a bit filter (8 bits a key) stops most
//! misses. Each slot names the start of its key's [`Records`] entry: the variant, the
//! length and the bytes side by side, so the candidate is one load away from the slot,
//! with no pointer to follow. (`expand` compares it a word at a time.)
//!
//! The search is bounded, whatever the keys: a few seeds at each of three table sizes
//! for each choice of what to hash, a choice given up as soon as two seeds give two keys
//! the same 64 bits (complements cancel in the windows' XOR under every rotation), and an
//! allowance of [`Work`] in proportion to the keys. When no hash fits within it, or only
//! hashing every byte of keys over 64 bytes would, the [`Plan`] is a binary search over
//! the keys sorted by length, then bytes ([`Sorted`]), which exists for any distinct
//! keys. Tables of codes get the hash: the bundled table and 10,000 synthetic codes spend
//! a few percent of the allowance.
//!
//! `Plan::find` and `Records::find` (test-only) are the reference for the code `expand` emits;
//! the tests hold both to the same answers.

pub mod emit;
#[cfg(test)]
mod hostile;

/// Multiplier that mixes each hashed word into the state (odd, so each step is a bijection).
pub const BYTE_MUL: u64 = 0x9E37_79B9_7F4A_7C15;
/// Filter bits per key: about one miss in nine shares a key's bit.
const FILTER_BITS_PER_KEY: usize = 8;

/// Chosen bytes packed into the first word, next to the length (bits 0..16).
const BYTES_WITH_LEN: usize = 6;
/// Chosen bytes packed into each further word.
const BYTES_PER_WORD: usize = 8;

/// Seeds tried at one table size before the table doubles.
const SEEDS_PER_SIZE: u64 = 32;
/// How many times the table may double: past that, more room does not help.
const DOUBLINGS: u32 = 2;
/// Seeds under which two keys hash to the same 64 bits before a choice of what to hash
/// is given up. By chance that happens to 10,000 keys about once in 10^11 seeds, so a
/// second time is the hash's structure, which no seed changes: the windows' XOR cancels
/// keys whose bytes are complements under every rotation.
const COLLIDING_SEEDS: u32 = 2;
/// Units of work (a hashed word or byte, a slot probed) allowed per key and per key
/// byte in the whole search; past that, the keys are sorted instead. The bundled table
/// and 10,000 synthetic codes spend a small fraction of it.
const WORK_PER_KEY: u64 = 512;
const WORK_PER_BYTE: u64 = 8;
/// Keys longer than this are not hashed byte by byte: a multiply per byte costs a
/// lookup more than a binary search's few comparisons.
const EVERY_BYTE_MAX_LEN: usize = 64;
/// Inner 8-byte windows considered from each end.
const INNER_WINDOWS: usize = 32;

/// The `i`th seed: a splitmix64 step, fixed so that the expansion is the same on every
/// machine and in every build.
fn seed(i: u64) -> u64 {
    let mut z = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

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

/// What is hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hashed {
    /// The length and the 8-byte windows at these positions (every key has 8 bytes or
    /// more): a window is one load, and the final comparison reads the same words, so
    /// the hash costs almost nothing beyond it.
    Words(Vec<BytePos>),
    /// The length and these positions.
    Positions(Vec<BytePos>),
    /// The length and every byte.
    EveryByte,
}

/// A perfect hash over a set of keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// Shortest key; shorter inputs miss without hashing.
    pub min_len: usize,
    /// Longest key; longer inputs miss without hashing.
    pub max_len: usize,
    /// Initial state, XOR-ed with the length.
    pub seed: u64,
    /// What the hash reads.
    pub hashed: Hashed,
    /// One displacement per bucket, below the slot count; a power of two of them.
    pub displacements: Vec<u32>,
    /// Key index + 1 per slot, 0 for an empty slot; a power of two of them.
    pub slots: Vec<u32>,
    /// The bits of [`Lookup::filter_bit`] set by the keys.
    pub filter: Vec<u8>,
}

impl Lookup {
    /// A perfect hash over `keys`, which must be distinct, or `None` when the bounded
    /// search finds none (then [`Plan::build`] sorts the keys).
    #[must_use]
    pub fn build(keys: &[&[u8]]) -> Option<Lookup> {
        Lookup::search(keys, &mut Work::for_keys(keys))
    }

    /// What to hash, best first: the windows, the single bytes, every byte; each is tried
    /// with a bounded number of seeds and table sizes, within `work`.
    fn search(keys: &[&[u8]], work: &mut Work) -> Option<Lookup> {
        let min_len = keys.iter().map(|k| k.len()).min().unwrap_or(0);
        let max_len = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        let words = || choose_words(keys, min_len, max_len).map(Hashed::Words);
        let positions = || choose_positions(keys, max_len, min_len).map(Hashed::Positions);
        let every_byte = || (max_len <= EVERY_BYTE_MAX_LEN).then_some(Hashed::EveryByte);
        let choices = std::iter::once_with(words)
            .chain(std::iter::once_with(positions))
            .chain(std::iter::once_with(every_byte))
            .flatten();
        for hashed in choices {
            if let Some(lookup) = Lookup::place_all(keys, &hashed, min_len, max_len, work) {
                return Some(lookup);
            }
            if work.exhausted() {
                return None;
            }
        }
        None
    }

    /// The first seed and table size under which `hashed` puts every key in a slot of
    /// its own, or `None`.
    fn place_all(
        keys: &[&[u8]],
        hashed: &Hashed,
        min_len: usize,
        max_len: usize,
        work: &mut Work,
    ) -> Option<Lookup> {
        // The smallest power of two that leaves an eighth of the slots free: CHD still
        // places every key within a few seeds at that load, and each slot costs bytes.
        let first_size = (keys.len() + keys.len() / 8).next_power_of_two().max(4);
        let bucket_count = (keys.len() / 4).next_power_of_two().max(2);
        let mut colliding_seeds = 0;
        for doubling in 0..=DOUBLINGS {
            for i in 0..SEEDS_PER_SIZE {
                let mut lookup = Lookup {
                    min_len,
                    max_len,
                    seed: seed(i),
                    hashed: hashed.clone(),
                    displacements: vec![0; bucket_count],
                    slots: vec![0; first_size << doubling],
                    filter: Vec::new(),
                };
                match lookup.place(keys, work) {
                    Placed::All => {
                        lookup.filter_of(keys);
                        return Some(lookup);
                    }
                    Placed::SameHash => colliding_seeds += 1,
                    Placed::NoRoom => {}
                }
                if colliding_seeds == COLLIDING_SEEDS || work.exhausted() {
                    return None;
                }
            }
        }
        None
    }

    /// How the chosen bytes are packed into 64-bit words: each word is XOR-ed into the
    /// state, which is then multiplied once. The first word also holds the length, so
    /// a table needing up to six positions costs one multiplication.
    pub fn word_plan(&self) -> Vec<Vec<(BytePos, u32)>> {
        let Hashed::Positions(positions) = &self.hashed else {
            return Vec::new();
        };
        let (first, rest) = positions.split_at(positions.len().min(BYTES_WITH_LEN));
        let shifted = |chunk: &[BytePos], base: u32| -> Vec<(BytePos, u32)> {
            chunk
                .iter()
                .zip((0..).map(|i| base + 8 * i))
                .map(|(p, shift)| (*p, shift))
                .collect()
        };
        std::iter::once(shifted(first, 16))
            .chain(rest.chunks(BYTES_PER_WORD).map(|chunk| shifted(chunk, 0)))
            .collect()
    }

    /// The state after the length and the chosen bytes.
    pub fn hash(&self, key: &[u8]) -> u64 {
        let mut h = self.seed;
        let mut mix = |word: u64| h = (h ^ word).wrapping_mul(BYTE_MUL);
        match &self.hashed {
            Hashed::Words(words) => {
                let folded = words
                    .iter()
                    .enumerate()
                    .fold(key.len() as u64, |acc, (i, pos)| {
                        acc ^ pos.word(key).rotate_left(self.rotation(i))
                    });
                mix(folded);
            }
            Hashed::Positions(_) => {
                for (index, word) in self.word_plan().iter().enumerate() {
                    let length = if index == 0 { key.len() as u64 } else { 0 };
                    mix(word.iter().fold(length, |acc, &(pos, shift)| {
                        acc | u64::from(pos.byte(key)) << shift
                    }));
                }
            }
            Hashed::EveryByte => {
                mix(key.len() as u64);
                for &b in key {
                    mix(u64::from(b));
                }
            }
        }
        h
    }

    /// How far the `i`th window is rotated before the windows are XOR-ed together: taken
    /// from the seed, so that a seed whose fold makes two keys collide is replaced by one
    /// with other rotations.
    pub fn rotation(&self, i: usize) -> u32 {
        ((self.seed >> (6 * i)) & 63) as u32
    }

    /// How far the hash is shifted down to leave the bucket index (its top bits).
    pub fn bucket_shift(&self) -> u32 {
        64 - self.displacements.len().trailing_zeros()
    }

    /// How far the hash is shifted down to leave the slot bits (just below the bucket's).
    pub fn slot_shift(&self) -> u32 {
        self.bucket_shift() - self.slots.len().trailing_zeros()
    }

    /// The filter bit of a hash: its top bits, as many as index the filter. They overlap
    /// the bucket and slot bits, which costs nothing: a miss that passes the filter is
    /// only compared, and its bit is as uniform as the product's top bits are. A second
    /// product would decorrelate them at the price of a multiply on the path that
    /// decides most misses.
    #[allow(clippy::cast_possible_truncation)] // Shifted down to fewer bits than the filter has.
    pub fn filter_bit(&self, h: u64) -> usize {
        (h >> self.filter_shift()) as usize
    }

    /// How far the hash is shifted down to leave the filter bit.
    pub fn filter_shift(&self) -> u32 {
        64 - (self.filter.len() * 8).trailing_zeros()
    }

    #[cfg(test)]
    /// Whether the filter lets a hash through: its bit is set.
    pub fn passes_filter(&self, h: u64) -> bool {
        let bit = self.filter_bit(h);
        self.filter[bit / 8] & (1 << (bit % 8)) != 0
    }

    /// The filter of `keys`: a power of two of bits, about 8 a key, with bit
    /// `filter_bit(hash(key))` set for each, in little-endian order within a byte. A miss
    /// whose bit is clear stops after one load that depends on the hash alone: most misses
    /// stop there, and when a mix of hits and misses makes that branch mispredict, it is
    /// resolved early and costs little.
    fn filter_of(&mut self, keys: &[&[u8]]) {
        let bits = (keys.len() * FILTER_BITS_PER_KEY)
            .next_power_of_two()
            .max(64);
        self.filter = vec![0u8; bits / 8];
        for key in keys {
            let bit = self.filter_bit(self.hash(key));
            self.filter[bit / 8] |= 1 << (bit % 8);
        }
    }

    /// The bucket of a hash.
    #[allow(clippy::cast_possible_truncation)] // Shifted down to fewer bits than there are buckets.
    pub fn bucket(&self, h: u64) -> usize {
        (h >> self.bucket_shift()) as usize
    }

    /// The slot of a hash, given its bucket's displacement.
    #[allow(clippy::cast_possible_truncation)] // Only the low bits, masked to the slots, are kept.
    pub fn slot(&self, h: u64, displacement: u32) -> usize {
        ((h >> self.slot_shift()) as usize ^ displacement as usize) & (self.slots.len() - 1)
    }

    #[cfg(test)]
    /// The index of the key that `key` may be, or `None` when no key can match. The
    /// caller compares `key` with that candidate.
    pub fn candidate(&self, key: &[u8]) -> Option<usize> {
        if key.len() < self.min_len || key.len() > self.max_len {
            return None;
        }
        let h = self.hash(key);
        if !self.passes_filter(h) {
            return None;
        }
        let displacement = self.displacements[self.bucket(h)];
        match self.slots[self.slot(h, displacement)] {
            0 => None,
            index => Some(index as usize - 1),
        }
    }

    #[cfg(test)]
    /// The index of `key` in `keys`, exactly as the generated code finds it.
    pub fn find(&self, keys: &[&[u8]], key: &[u8]) -> Option<usize> {
        self.candidate(key).filter(|&i| keys[i] == key)
    }

    /// Places every key in its own slot.
    fn place(&mut self, keys: &[&[u8]], work: &mut Work) -> Placed {
        let hashes: Vec<u64> = keys.iter().map(|k| self.hash(k)).collect();
        work.spend(keys.iter().map(|k| self.hash_cost(k)).sum());
        let mut sorted = hashes.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Placed::SameHash;
        }
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); self.displacements.len()];
        for (index, &h) in hashes.iter().enumerate() {
            buckets[self.bucket(h)].push(index);
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
        let mut taken: Vec<usize> = Vec::new();
        for bucket in order {
            let members = &buckets[bucket];
            if members.is_empty() {
                break;
            }
            let slot_count = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
            let found = (0..slot_count).find(|&d| {
                taken.clear();
                members.iter().all(|&i| {
                    let slot = self.slot(hashes[i], d);
                    let free = self.slots[slot] == 0 && !taken.contains(&slot);
                    taken.push(slot);
                    free
                })
            });
            work.spend(found.map_or(u64::from(slot_count), |d| u64::from(d) + 1));
            let Some(d) = found else {
                return Placed::NoRoom;
            };
            if work.exhausted() {
                return Placed::NoRoom;
            }
            self.displacements[bucket] = d;
            for &i in members {
                let slot = self.slot(hashes[i], d);
                // Key counts are bounded by `u32` in `expand`.
                self.slots[slot] = u32::try_from(i + 1).unwrap_or(u32::MAX);
            }
        }
        Placed::All
    }

    /// Units of work to hash `key`: the words or bytes read.
    fn hash_cost(&self, key: &[u8]) -> u64 {
        match &self.hashed {
            Hashed::Words(words) => words.len() as u64,
            Hashed::Positions(positions) => positions.len() as u64,
            Hashed::EveryByte => key.len() as u64 + 1,
        }
    }
}

/// How one attempt at placing the keys ended.
enum Placed {
    /// Every key has its own slot.
    All,
    /// Two keys have the same hash: no table size separates them.
    SameHash,
    /// Some bucket found no displacement that fits, or the work ran out.
    NoRoom,
}

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

    fn spend(&mut self, units: u64) {
        self.spent = self.spent.saturating_add(units);
    }

    fn exhausted(&self) -> bool {
        self.spent > self.limit
    }
}

/// How the emitted `from_code` finds the one key an input may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// A perfect hash: one candidate, one comparison. Every table of codes gets one.
    Hash(Lookup),
    /// A binary search over the keys sorted by length, then bytes: possible for any
    /// distinct keys, taken when the bounded search finds no hash, or when only hashing
    /// every byte of keys longer than 64 bytes would do.
    Sorted(Sorted),
}

impl Plan {
    /// The plan for `keys`, which must be distinct.
    #[must_use]
    pub fn build(keys: &[&[u8]]) -> Plan {
        Plan::build_with(keys, &mut Work::for_keys(keys))
    }

    /// [`Plan::build`], spending from `work`.
    pub fn build_with(keys: &[&[u8]], work: &mut Work) -> Plan {
        match Lookup::search(keys, work) {
            Some(lookup) => Plan::Hash(lookup),
            None => Plan::Sorted(Sorted::build(keys)),
        }
    }

    #[cfg(test)]
    /// The index of the key that `key` may be (the caller compares), as the emitted code
    /// picks it.
    pub fn candidate(&self, keys: &[&[u8]], key: &[u8]) -> Option<usize> {
        match self {
            Plan::Hash(lookup) => lookup.candidate(key),
            Plan::Sorted(sorted) => sorted.find(keys, key),
        }
    }

    #[cfg(test)]
    /// The index of `key` in `keys`, exactly as the generated code finds it.
    pub fn find(&self, keys: &[&[u8]], key: &[u8]) -> Option<usize> {
        self.candidate(keys, key).filter(|&i| keys[i] == key)
    }
}

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

/// How many bytes (1, 2 or 4) a little-endian integer up to `max` takes in the emitted
/// tables.
pub fn width_for(max: usize) -> usize {
    if u8::try_from(max).is_ok() {
        1
    } else if u16::try_from(max).is_ok() {
        2
    } else {
        4
    }
}

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

/// The 8-byte windows that, with the length, tell every key apart: the first and the
/// last window, then windows further in (up to [`INNER_WINDOWS`] from each end), greedily; `None` when a key is under 8 bytes or
/// more than [`MAX_WORDS`] windows would be needed.
fn choose_words(keys: &[&[u8]], min_len: usize, max_len: usize) -> Option<Vec<BytePos>> {
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
fn choose_positions(keys: &[&[u8]], max_len: usize, min_len: usize) -> Option<Vec<BytePos>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::synthetic_codes;

    /// Checks that `plan` finds exactly `keys`: each key its own index, near misses
    /// (a byte changed, a byte less or more, empty, long) nothing, through the
    /// reference lookup and the records the emitted code compares.
    pub(super) fn check_plan(plan: &Plan, keys: &[&[u8]]) {
        let index: std::collections::HashMap<&[u8], usize> =
            keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let variants: Vec<usize> = (0..keys.len()).collect();
        let records = Records::build(keys, &variants);
        let expect = |probe: &[u8]| {
            let want = index.get(probe).copied();
            assert_eq!(plan.find(keys, probe), want);
            let candidate = plan.candidate(keys, probe);
            let found = candidate.and_then(|i| records.find(records.starts[i], probe));
            assert_eq!(found, want);
        };
        for key in keys {
            expect(key);
            let mut changed = key.to_vec();
            for at in [0, key.len() / 2, key.len().saturating_sub(1)] {
                if let Some(byte) = changed.get_mut(at) {
                    *byte ^= 0x20;
                    expect(&changed);
                    changed[at] ^= 0x20;
                }
            }
            expect(&key[..key.len().saturating_sub(1)]);
            expect(&[key, &b"x"[..]].concat());
        }
        expect(b"");
        expect(&[b'A'; 300]);
    }

    /// The plan for `codes`, checked with [`check_plan`].
    fn check_exact(codes: &[String]) -> Plan {
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let plan = Plan::build(&keys);
        check_plan(&plan, &keys);
        plan
    }

    /// The perfect hash for `codes`, checked; panics when the keys were sorted instead,
    /// or when the search spent more than a tenth of its allowance.
    fn check_hashed(codes: &[String]) -> Lookup {
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let mut work = Work::for_keys(&keys);
        let plan = Plan::build_with(&keys, &mut work);
        check_plan(&plan, &keys);
        assert!(work.spent <= work.limit / 10, "{work:?}");
        match plan {
            Plan::Hash(lookup) => lookup,
            Plan::Sorted(_) => panic!("sorted, not hashed"),
        }
    }

    #[test]
    fn the_edge_windows_separate_the_obs_table() {
        let codes: Vec<String> = crate::source::BUNDLED
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .filter(|c| c.chars().next().is_some_and(|ch| ch.is_ascii_uppercase()))
            .map(str::to_owned)
            .collect();
        assert!(codes.len() > 100);
        let lookup = check_hashed(&codes);
        // Every code has 8 bytes or more: its first and last 8 bytes and its length
        // tell it apart.
        assert_eq!(
            lookup.hashed,
            Hashed::Words(vec![BytePos::FromStart(0), BytePos::FromEnd(0)])
        );
        // A few bytes a code: displacements and slots stay small.
        assert!(lookup.slots.len() <= 2 * codes.len().next_power_of_two());
    }

    #[test]
    fn ten_thousand_synthetic_codes() {
        let codes = synthetic_codes(10_000);
        let lookup = check_hashed(&codes);
        assert!(lookup.slots.len() <= 16_384);
        // The fast plan: a few windows.
        assert!(
            matches!(&lookup.hashed, Hashed::Words(w) if w.len() <= 3),
            "{:?}",
            lookup.hashed
        );
    }

    #[test]
    fn keys_that_differ_only_far_inside_hash_a_window_there() {
        let codes: Vec<String> = (0..50)
            .map(|i| format!("{}{i:03}{}", "x".repeat(60), "y".repeat(60)))
            .collect();
        let lookup = check_hashed(&codes);
        let Hashed::Words(windows) = &lookup.hashed else {
            panic!("{:?}", lookup.hashed);
        };
        let bytes = |pos: &BytePos| match *pos {
            BytePos::FromStart(i) => i..i + 8,
            BytePos::FromEnd(i) => 123 - 8 - i..123 - i,
        };
        assert!(
            windows.iter().any(|w| bytes(w).contains(&61)),
            "{windows:?}"
        );
    }

    #[test]
    fn short_keys_hash_byte_positions() {
        let codes: Vec<String> = (0..200).map(|i| format!("K{i}")).collect();
        let lookup = check_hashed(&codes);
        assert!(
            matches!(lookup.hashed, Hashed::Positions(_)),
            "{:?}",
            lookup.hashed
        );
    }

    #[test]
    fn short_keys_next_to_long_keys_that_differ_far_inside_are_sorted() {
        let mut codes: Vec<String> = (0..50)
            .map(|i| format!("{}{i:03}{}", "x".repeat(60), "y".repeat(60)))
            .collect();
        codes.push("short".to_owned());
        // No window (a key is under 8 bytes), no byte near an end: only every byte
        // would do, and these keys are too long for that.
        assert!(matches!(check_exact(&codes), Plan::Sorted(_)));
    }

    #[test]
    fn keys_that_need_many_bytes_hash_every_byte() {
        // Twelve keys, each one byte off the base in its own place, and a short key: no
        // window, and more positions than the hash packs.
        let base = "x".repeat(40);
        let mut codes: Vec<String> = (0..12)
            .map(|i| {
                let mut key = base.clone().into_bytes();
                key[i * 3] = b'y';
                String::from_utf8(key).unwrap()
            })
            .collect();
        codes.push(base);
        codes.push("short".to_owned());
        let lookup = check_hashed(&codes);
        assert_eq!(lookup.hashed, Hashed::EveryByte);
    }

    #[test]
    fn complements_that_cancel_in_the_windows_fall_back_to_single_bytes() {
        // The pair: `3C 56` and `C3 A9` repeated, bitwise complements. Their
        // windows' XOR cancels under every rotation, so every seed collides.
        let codes = ["<V<V<V<V".to_owned(), "éééé".to_owned()];
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let mut work = Work::for_keys(&keys);
        let plan = Plan::build_with(&keys, &mut work);
        check_plan(&plan, &keys);
        let Plan::Hash(lookup) = plan else {
            panic!("{plan:?}");
        };
        assert!(matches!(lookup.hashed, Hashed::Positions(_)), "{lookup:?}");
        // Two seeds on the windows, one on the bytes.
        assert!(work.spent <= 16, "{work:?}");
    }

    #[test]
    fn windows_stay_inside_the_key() {
        let key = b"0123456789";
        let le = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap());
        assert_eq!(BytePos::FromStart(0).word(key), le(b"01234567"));
        assert_eq!(BytePos::FromStart(1).word(key), le(b"12345678"));
        assert_eq!(BytePos::FromStart(5).word(key), le(b"23456789"));
        assert_eq!(BytePos::FromEnd(0).word(key), le(b"23456789"));
        assert_eq!(BytePos::FromEnd(9).word(key), le(b"01234567"));
        assert_eq!(BytePos::FromStart(0).word(b"short"), 0);
    }

    #[test]
    fn the_filter_stops_most_misses_and_costs_a_byte_a_key() {
        let codes = synthetic_codes(20_000);
        let (keys, others) = codes.split_at(10_000);
        let keys: Vec<&[u8]> = keys.iter().map(String::as_bytes).collect();
        let lookup = Lookup::build(&keys).expect("a perfect hash");
        assert_eq!(lookup.filter.len(), 16_384);
        let passes = |key: &[u8]| lookup.passes_filter(lookup.hash(key));
        assert!(keys.iter().all(|k| passes(k)));
        // 8 bits a key, one hash: about 1 - e^(-1/8), 12%, of misses get through.
        let through = others.iter().filter(|c| passes(c.as_bytes())).count();
        assert!(
            (600..=1_800).contains(&through),
            "{through} of 10000 misses got through"
        );
    }

    #[test]
    fn records_hold_each_key_with_its_variant() {
        let codes = synthetic_codes(300);
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let variants: Vec<usize> = (0..keys.len()).map(|i| i / 2).collect();
        let records = Records::build(&keys, &variants);
        assert_eq!((records.index_width, records.len_width), (1, 1));
        for (i, key) in keys.iter().enumerate() {
            let start = records.starts[i];
            assert_eq!(records.find(start, key), Some(i / 2));
            assert_eq!(records.find(start, &key[1..]), None);
            assert_eq!(records.find(start, &[key, &b"s"[..]].concat()), None);
            assert!(start + records.window <= records.bytes.len());
        }
        // The strings they index plus the header, and one window of padding.
        let strings: usize = keys.iter().map(|k| k.len()).sum();
        assert_eq!(
            records.bytes.len(),
            strings + 2 * keys.len() + records.window
        );
    }

    #[test]
    fn records_widen_for_large_indices_and_long_keys() {
        let long = "L".repeat(300);
        let records = Records::build(&[b"a", long.as_bytes()], &[0, 70_000]);
        assert_eq!((records.index_width, records.len_width), (4, 2));
        assert_eq!(
            records.find(records.starts[1], long.as_bytes()),
            Some(70_000)
        );
        assert_eq!(records.find(records.starts[0], b"a"), Some(0));
        assert_eq!(records.find(records.starts[0], b"b"), None);
    }

    #[test]
    fn tiny_sets() {
        check_exact(&["A".to_owned()]);
        check_exact(&["A".to_owned(), "B".to_owned()]);
        let empty = Plan::build(&[]);
        assert_eq!(empty.find(&[], b"x"), None);
    }

    #[test]
    fn byte_positions_clamp_to_the_key() {
        assert_eq!(BytePos::FromStart(1).byte(b"ab"), b'b');
        assert_eq!(BytePos::FromStart(2).byte(b"ab"), b'b');
        assert_eq!(BytePos::FromEnd(0).byte(b"ab"), b'b');
        assert_eq!(BytePos::FromEnd(2).byte(b"ab"), b'a');
        assert_eq!(BytePos::FromEnd(0).byte(b""), 0);
    }
}

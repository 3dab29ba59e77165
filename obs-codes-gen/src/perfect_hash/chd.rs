//! The hash-and-displace (CHD) search: the hash of the chosen bytes, the buckets, the
//! displacements and the filter, found within a [`Work`] allowance.

use super::bytes::{BytePos, choose_positions, choose_words};
use super::work::Work;

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
/// Keys longer than this are not hashed byte by byte: a multiply per byte costs a
/// lookup more than a binary search's few comparisons.
const EVERY_BYTE_MAX_LEN: usize = 64;

/// The `i`th seed: a splitmix64 step, fixed so that the expansion is the same on every
/// machine and in every build.
fn seed(i: u64) -> u64 {
    let mut z = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

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

/// The positions of one word, each with its shift: `base`, then 8 bits further each.
fn shifted(chunk: &[BytePos], base: u32) -> Vec<(BytePos, u32)> {
    let mut word = Vec::with_capacity(chunk.len());
    let mut shift = base;
    for pos in chunk {
        word.push((*pos, shift));
        shift += 8;
    }
    word
}

impl Lookup {
    /// A perfect hash over `keys`, which must be distinct, or `None` when the bounded
    /// search finds none (then [`Plan::build`] sorts the keys).
    #[cfg(any(test, feature = "bench-internals"))]
    #[must_use]
    pub fn build(keys: &[&[u8]]) -> Option<Lookup> {
        Lookup::search(keys, &mut Work::for_keys(keys))
    }

    /// What to hash, best first: the windows, the single bytes, every byte; each is tried
    /// with a bounded number of seeds and table sizes, within `work`.
    pub(super) fn search(keys: &[&[u8]], work: &mut Work) -> Option<Lookup> {
        let min_len = keys.iter().map(|k| k.len()).min().unwrap_or(0);
        let max_len = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        // Each choice is computed only when the one before it found no hash.
        for stage in 0..3 {
            let choice = match stage {
                0 => choose_words(keys, min_len, max_len).map(Hashed::Words),
                1 => choose_positions(keys, max_len, min_len).map(Hashed::Positions),
                _ => (max_len <= EVERY_BYTE_MAX_LEN).then_some(Hashed::EveryByte),
            };
            let Some(hashed) = choice else { continue };
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
        let mut words = vec![shifted(first, 16)];
        for chunk in rest.chunks(BYTES_PER_WORD) {
            words.push(shifted(chunk, 0));
        }
        words
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

    /// Places every key in its own slot.
    fn place(&mut self, keys: &[&[u8]], work: &mut Work) -> Placed {
        let mut hashes: Vec<u64> = Vec::with_capacity(keys.len());
        let mut cost = 0;
        for key in keys {
            hashes.push(self.hash(key));
            cost += self.hash_cost(key);
        }
        work.spend(cost);
        let mut sorted = hashes.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Placed::SameHash;
        }
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); self.displacements.len()];
        for (index, &h) in hashes.iter().enumerate() {
            buckets[self.bucket(h)].push(index);
        }
        // Largest bucket first, ties in bucket order: the pairs sort like the bytes'
        // groups do, which keeps one sort in the crate's code instead of two.
        let mut order: Vec<(usize, usize)> = Vec::with_capacity(buckets.len());
        for (b, members) in buckets.iter().enumerate() {
            order.push((usize::MAX - members.len(), b));
        }
        order.sort_unstable();
        let mut taken: Vec<usize> = Vec::new();
        for (_, bucket) in order {
            let members = &buckets[bucket];
            if members.is_empty() {
                break;
            }
            let slot_count = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
            let mut found = None;
            'displacements: for d in 0..slot_count {
                taken.clear();
                for &i in members {
                    let slot = self.slot(hashes[i], d);
                    if self.slots[slot] != 0 || taken.contains(&slot) {
                        continue 'displacements;
                    }
                    taken.push(slot);
                }
                found = Some(d);
                break;
            }
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

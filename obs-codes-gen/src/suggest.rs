//! "Did you mean ...?": the known names closest to a misspelt one.
//!
//! Used for header typos ([`Column::closest`](crate::table::Column::closest)) and by
//! `obs-codes explain` for unknown codes. The work is bounded whatever the input: the
//! edit distance only looks at a band of `2 * max + 1` diagonals and stops as soon as
//! every path is past `max`, and a name whose length differs from the text's by more
//! than `max` is rejected without looking at either string. So a 120,000-character
//! argument compared with short names costs its lowering to lower case, and little
//! else.

/// How close a name must be to be offered, and how many are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestionLimits {
    /// The largest edit distance (insertions, deletions, substitutions of characters,
    /// case ignored) at which a name is offered.
    pub distance: usize,
    /// Also offer the names that contain the text (case ignored), ranked after every
    /// name within [`distance`](Self::distance), when the text has at least this many
    /// characters; `None` never does.
    pub contained_from: Option<usize>,
    /// At most this many names are offered.
    pub count: usize,
}

/// The names of `names` closest to `text`, best first: by edit distance (so a name
/// equal but for case comes first), then those that contain `text` (see
/// [`SuggestionLimits::contained_from`]); ties keep the order of `names`. Case is ignored
/// throughout.
///
/// ```
/// use obs_codes_gen::{SuggestionLimits, closest};
///
/// let names = ["NoSuchKey", "NoSuchBucket", "RequestTimeout"];
/// let limits = SuggestionLimits { distance: 2, contained_from: Some(4), count: 4 };
/// assert_eq!(closest("nosuchky", names, limits), ["NoSuchKey"]);
/// assert_eq!(closest("Timeout", names, limits), ["RequestTimeout"]);
/// assert!(closest("x".repeat(100_000).as_str(), names, limits).is_empty());
/// ```
pub fn closest<'a>(
    text: &str,
    names: impl IntoIterator<Item = &'a str>,
    limits: SuggestionLimits,
) -> Vec<&'a str> {
    let names: Vec<&'a str> = names.into_iter().collect();
    closest_of(text, &names, limits)
}

/// [`closest`] over a slice: the one copy of the search, whatever the callers iterate.
fn closest_of<'a>(text: &str, names: &[&'a str], limits: SuggestionLimits) -> Vec<&'a str> {
    let wanted = lowercase_chars(text);
    let contained = limits
        .contained_from
        .is_some_and(|least| wanted.len() >= least);
    let wanted_text = to_string(&wanted);
    // (distance, table order): a pair sorts like the perfect hash's pairs, one sort for both.
    let mut ranked: Vec<(usize, usize)> = Vec::new();
    for (order, name) in names.iter().enumerate() {
        let lower = lowercase_chars(name);
        if let Some(distance) = distance_within(&wanted, &lower, limits.distance) {
            ranked.push((distance, order));
        } else if contained
            && lower.len() > wanted.len()
            && to_string(&lower).contains(&wanted_text)
        {
            ranked.push((limits.distance + 1, order));
        }
    }
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(limits.count)
        .map(|(_, order)| names[order])
        .collect()
}

/// The characters of `text` in lower case, as `char::to_lowercase` gives them.
fn lowercase_chars(text: &str) -> Vec<char> {
    let mut lower = Vec::with_capacity(text.len());
    for c in text.chars() {
        lower.extend(c.to_lowercase());
    }
    lower
}

/// The characters as one string (not `str::to_lowercase`, which treats a final sigma
/// differently from [`lowercase_chars`]).
fn to_string(chars: &[char]) -> String {
    let mut text = String::with_capacity(chars.len());
    for &c in chars {
        text.push(c);
    }
    text
}

/// The edit distance (Levenshtein, over characters, case as given) between `a` and `b`
/// when it is at most `max`, else `None`.
///
/// Takes time in `O(min(|a|, |b|) * max)` at most, and none when the lengths alone
/// differ by more than `max`.
#[cfg(test)]
fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_within(&a, &b, max)
}

/// [`edit_distance`] over characters already split.
fn distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    // The shorter one along the rows keeps the band inside the longer one.
    let (a, b) = if a.len() > b.len() { (b, a) } else { (a, b) };
    if b.len() - a.len() > max {
        return None;
    }
    // Values past `max` are all the same to the caller: `over` stands for them.
    let over = max + 1;
    // Row `i` holds D(i, j) for j in i-max..=i+max (clamped); cells outside the band
    // hold `over`, which is no larger than their true value.
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut current = vec![over; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        let row = i + 1;
        let low = row.saturating_sub(max).max(1);
        let high = (row + max).min(b.len());
        let mut least = over;
        if let Some(first) = current.get_mut(low - 1) {
            *first = if low == 1 { row.min(over) } else { over };
            least = least.min(*first);
        }
        for j in low..=high {
            let substitute = previous
                .get(j - 1)
                .map_or(over, |&d| d + usize::from(b.get(j - 1) != Some(&ca)));
            let delete = previous.get(j).map_or(over, |&d| d + 1);
            let insert = current.get(j - 1).map_or(over, |&d| d + 1);
            let value = substitute.min(delete).min(insert).min(over);
            if let Some(cell) = current.get_mut(j) {
                *cell = value;
            }
            least = least.min(value);
        }
        // The next row reads one cell past this band: outside it, so `over`.
        if let Some(next) = current.get_mut(high + 1) {
            *next = over;
        }
        if least > max {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.get(b.len()).copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook distance, unbounded, to hold the bounded one to.
    fn reference(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = (diagonal + usize::from(ca != *cb))
                    .min(above + 1)
                    .min(row[j] + 1);
                diagonal = above;
            }
        }
        row[b.len()]
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", "abc", 3), Some(3));
        assert_eq!(edit_distance("", "abc", 2), None);
        assert_eq!(edit_distance("", "", 0), Some(0));
        assert_eq!(edit_distance("kitten", "sitting", 5), Some(3));
        assert_eq!(edit_distance("sitting", "kitten", 3), Some(3));
        assert_eq!(edit_distance("nosuchky", "nosuchkey", 1), Some(1));
        assert_eq!(edit_distance("same", "same", 0), Some(0));
        assert_eq!(edit_distance("ab", "ba", 1), None);
        assert_eq!(edit_distance("访问被拒绝", "访问拒绝", 1), Some(1));
    }

    #[test]
    fn bounded_distance_is_the_distance_when_within_the_bound() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "httpstatus",
            "httpstaus",
            "statuscode",
            "status",
            "NoSuchKey",
            "NoSuchBucket",
            "KeyTooLongError",
            "aaaaaaaaab",
            "baaaaaaaaa",
            "ézé",
        ];
        for a in words {
            for b in words {
                let exact = reference(a, b);
                for max in 0..12 {
                    let expected = (exact <= max).then_some(exact);
                    assert_eq!(edit_distance(a, b, max), expected, "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn long_texts_are_rejected_without_comparing() {
        let long = "x".repeat(1_000_000);
        let started = std::time::Instant::now();
        assert_eq!(edit_distance(&long, "NoSuchKey", 3), None);
        // Within the band, a long pair costs `len * (2 * max + 1)`, not `len * len`.
        let near = format!("{long}y");
        assert_eq!(edit_distance(&long, &near, 2), Some(1));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    const LIMITS: SuggestionLimits = SuggestionLimits {
        distance: 2,
        contained_from: Some(4),
        count: 4,
    };

    #[test]
    fn ranks_by_distance_then_containment_then_order() {
        let names = [
            "RequestTimeout",
            "NoSuchKey",
            "NoSuchBucket",
            "nosuchkey",
            "NoSuchKe",
        ];
        assert_eq!(
            closest("NOSUCHKEY", names, LIMITS),
            ["NoSuchKey", "nosuchkey", "NoSuchKe"]
        );
        assert_eq!(closest("Timeout", names, LIMITS), ["RequestTimeout"]);
        // Too short to be looked for inside names.
        assert!(closest("Key", ["NoSuchKey"], LIMITS).is_empty());
        let one = SuggestionLimits { count: 1, ..LIMITS };
        assert_eq!(closest("nosuchkex", names, one), ["NoSuchKey"]);
        let never = SuggestionLimits {
            contained_from: None,
            ..LIMITS
        };
        assert!(closest("Timeout", names, never).is_empty());
    }
}

//! "Did you mean" for the closed sets of the macros.

/// The candidate closest to `input` (case-insensitive edit distance), if it is close enough to
/// be a likely slip.
pub(crate) fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = input.to_ascii_lowercase();
    let (best, distance) = candidates
        .into_iter()
        .map(|c| (c, distance(&lower, &c.to_ascii_lowercase())))
        .min_by_key(|(_, d)| *d)?;
    let limit = (input.len().max(best.len()) / 3).max(2);
    (distance <= limit).then_some(best)
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let events = ["NewInboundCall", "NewOutboundCall", "Hangup"];
        assert_eq!(closest("NewInbondCall", events), Some("NewInboundCall"));
        assert_eq!(closest("hangup", events), Some("Hangup"));
        assert_eq!(closest("Teleport", events), None);
        assert_eq!(closest("lg", ["leg", "action"]), Some("leg"));
    }
}

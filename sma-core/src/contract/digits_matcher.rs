//! How the service matches what a caller pressed against an `InputDigitsRegex`: a search, like
//! JavaScript's `RegExp.test` (a regex without `^`/`$` matches anywhere). The simulator matches
//! with it, and so does `sma-connect`'s host, which runs the same handlers behind Amazon Connect
//! (feature `digits-matcher`, which `testing` turns on).
//!
//! Matching uses the `regex` crate, which runs in time linear in the input whatever the pattern;
//! a pattern with look-ahead, which `regex` lacks, runs on `fancy-regex` with a backtracking
//! limit, so that no pattern can hang a test. A pattern that neither compiles (the service would
//! not run it either) matches nothing.

/// Steps `fancy-regex` may backtrack before giving up on one input.
const BACKTRACK_LIMIT: usize = 100_000;

/// A compiled `InputDigitsRegex`.
///
/// See [ReceiveDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html).
///
/// ```
/// use sma_core::digits_matcher::DigitsMatcher;
/// let pin = DigitsMatcher::new(r"^\d{4}#$");
/// assert!(pin.is_match("1234#") && !pin.is_match("123#"));
/// assert!(DigitsMatcher::new("[5-7]").is_match("1261"));
/// let no_premium = DigitsMatcher::new(r"^(?!1900)1\d{10}$");
/// assert!(no_premium.is_match("12065550100") && !no_premium.is_match("19005550100"));
/// ```
#[derive(Debug, Clone)]
pub struct DigitsMatcher(Engine);

#[derive(Debug, Clone)]
enum Engine {
    Linear(regex::Regex),
    Backtracking(Box<fancy_regex::Regex>),
    Never,
}

impl DigitsMatcher {
    /// Compiles `pattern` (matching nothing when it is not a regex at all).
    pub fn new(pattern: &str) -> Self {
        if let Ok(re) = regex::Regex::new(pattern) {
            return DigitsMatcher(Engine::Linear(re));
        }
        let fancy =
            fancy_regex::RegexBuilder::new(pattern).backtrack_limit(BACKTRACK_LIMIT).build();
        match fancy {
            Ok(re) => DigitsMatcher(Engine::Backtracking(Box::new(re))),
            Err(_) => DigitsMatcher(Engine::Never),
        }
    }

    /// Whether `keys` match, searching like the service. A look-ahead pattern that exceeds the
    /// backtracking limit on this input does not match.
    pub fn is_match(&self, keys: &str) -> bool {
        match &self.0 {
            Engine::Linear(re) => re.is_match(keys),
            Engine::Backtracking(re) => re.is_match(keys).unwrap_or(false),
            Engine::Never => false,
        }
    }

    /// Whether this pattern runs on the backtracking engine (it has look-around).
    pub fn backtracks(&self) -> bool {
        matches!(self.0, Engine::Backtracking(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples_match_like_the_service() {
        let m = |r: &str, keys: &str| DigitsMatcher::new(r).is_match(keys);
        assert!(m(r"^\d{2}#$", "11#"));
        assert!(!m(r"^\d{2}#$", "111#"));
        assert!(!m(r"^\d{2}#$", "11"));
        assert!(m("^[12]$", "2"));
        assert!(!m("^[12]$", "3"));
        assert!(m(r"^\*\d{1}$", "*5"));
        assert!(m("[0-1]$", "991"));
        assert!(!m("[0-1]$", "19"));
        assert!(m("^(?:1|22|333)#?$", "22#"));
        assert!(!m("^(?:1|22|333)#?$", "2#"));
        assert!(m(r"^[^0]\d*$", "9000"));
        assert!(!m(r"^[^0]\d*$", "0900"));
        assert!(m("^1$|^2#$", "2#"));
        assert!(m("^.{3}$", "*#1"));
        assert!(m(r"(\d\d)+", "12"));
        assert!(!m("^(12", "12"), "not a regex: matches nothing");
    }
}

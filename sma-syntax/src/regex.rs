//! The dialect of `InputDigitsRegex` that `sma` accepts.
//!
//! The service does not document its regex dialect, so `sma` accepts a strict subset that every
//! common engine reads the same way, and that can only ever match keys a phone can send:
//!
//! | syntax | meaning |
//! |---|---|
//! | `0`–`9`, `#` | that key |
//! | `\*`, `\#` | the `*` or `#` key (`*` alone is a quantifier) |
//! | `\d` | any digit key |
//! | `.` | any key |
//! | `[12]`, `[0-5#*]`, `[^0]` | one key of a set (ranges of digits, `*` and `#` literal inside) |
//! | `(…)`, `(?:…)` | a group |
//! | `a\|b` | either |
//! | `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` | repetition (greedy only) |
//! | `^` first, `$` last | anchors, at the ends of the regex or of a top-level alternative |
//! | `(?=…)`, `(?!…)` | look-ahead (AWS samples use it: `^(?!1900)1\d{10}$`) |
//!
//! A regex whose repetitions unroll into more than [`MAX_EXPANSION`] keys (`\d{5000}`) is
//! outside the dialect too: no caller presses that many keys, and regex engines limit the size
//! of what they compile.
//!
//! Anything else is rejected with its position, in one of two kinds ([`RegexErrorKind`]): a
//! pattern that is not a regex in any engine (an unclosed group, a repetition of nothing, a
//! reversed range) is [`Malformed`](RegexErrorKind::Malformed); a valid regex outside the dialect
//! (letters, `\w`, `\s`, back-references, look-behind, flags, lazy quantifiers, an anchor in the
//! middle, a regex that can only match the empty string) is
//! [`Unsupported`](RegexErrorKind::Unsupported): the service might run it, but no caller can
//! press what it needs, or its meaning differs between engines.
//!
//! This module checks the dialect; it does not match. The call simulator of `sma-core` matches
//! with the `regex` crate (and `fancy-regex` for look-ahead).

use std::fmt;

/// Why a digits regex is rejected, and where.
///
/// ```
/// use sma_syntax::regex::{RegexErrorKind, digits_regex};
/// let e = digits_regex(r"^\w+$").unwrap_err();
/// assert_eq!((e.position, e.kind), (1, RegexErrorKind::Unsupported));
/// assert!(e.to_string().contains(r"\w"));
/// assert_eq!(digits_regex("^(12").unwrap_err().kind, RegexErrorKind::Malformed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegexError {
    /// Byte offset of the problem in the regex.
    pub position: usize,
    /// What is wrong, worded as the fix.
    pub message: String,
    /// Not a regex at all, or a regex outside the dialect.
    pub kind: RegexErrorKind,
}

/// The two kinds of [`RegexError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegexErrorKind {
    /// Not a regex in any engine: an unclosed group, a repetition of nothing, a reversed range.
    Malformed,
    /// A valid regex outside the dialect: it may run, but not as the dialect guarantees.
    Unsupported,
}

impl fmt::Display for RegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at position {}: {}", self.position, self.message)
    }
}

impl std::error::Error for RegexError {}

/// How many keys a valid regex can match: at least `min`, at most `max` (`None`: unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lengths {
    /// The fewest keys a match has.
    pub min: u32,
    /// The most keys a match has, if bounded.
    pub max: Option<u32>,
}

/// Checks a digits regex against the dialect (see the module documentation) and returns how
/// many keys it can match.
///
/// ```
/// use sma_syntax::regex::{digits_regex, Lengths};
/// assert_eq!(digits_regex(r"^\d{2}#$").unwrap(), Lengths { min: 3, max: Some(3) });
/// assert_eq!(digits_regex("^[12]$").unwrap(), Lengths { min: 1, max: Some(1) });
/// assert!(digits_regex("^$").is_err());
/// ```
pub fn digits_regex(regex: &str) -> Result<Lengths, RegexError> {
    DigitsRegex::compile(regex).map(|r| r.lengths())
}

/// A digits regex checked against the dialect, with what it can match.
///
/// ```
/// use sma_syntax::regex::DigitsRegex;
/// let pin = DigitsRegex::compile(r"^\d{4}#$").unwrap();
/// assert_eq!(pin.lengths().max, Some(5));
/// assert!(DigitsRegex::compile(r"^(?!1900)1\d{10}$").unwrap().has_look_ahead());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitsRegex {
    root: Node,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    /// One key of a set: bit 0–9 the digits, 10 `*`, 11 `#`.
    Set(u16),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
    Start,
    End,
    /// `(?=…)` (false) or `(?!…)` (true): a zero-width look-ahead.
    Look(Box<Node>, bool),
}

const ALL_KEYS: u16 = (1 << 12) - 1;
const DIGITS: u16 = (1 << 10) - 1;

fn key_bit(c: u8) -> u16 {
    match c {
        b'0'..=b'9' => 1 << (c - b'0'),
        b'*' => 1 << 10,
        b'#' => 1 << 11,
        _ => 0,
    }
}

impl DigitsRegex {
    /// Checks `regex` against the dialect and compiles it.
    pub fn compile(regex: &str) -> Result<Self, RegexError> {
        if regex.is_empty() {
            return Err(RegexError {
                position: 0,
                message: "is empty".to_owned(),
                kind: RegexErrorKind::Unsupported,
            });
        }
        let mut p = Parser { src: regex.as_bytes(), pos: 0, depth: 0 };
        let root = p.alternation(true)?;
        if p.pos < p.src.len() {
            return Err(p.malformed("unbalanced ')'; remove it or open a group with '('"));
        }
        let compiled = DigitsRegex { root };
        if compiled.lengths().max == Some(0) {
            return Err(RegexError {
                position: 0,
                message: "matches only an empty input; it must match at least one key".to_owned(),
                kind: RegexErrorKind::Unsupported,
            });
        }
        let size = expansion(&compiled.root);
        if size > MAX_EXPANSION {
            return Err(RegexError {
                position: 0,
                message: format!(
                    "repeats into {size} keys; regex engines limit the size of a compiled regex \
                     and no caller presses that many: keep it under {MAX_EXPANSION} keys"
                ),
                kind: RegexErrorKind::Unsupported,
            });
        }
        Ok(compiled)
    }

    /// How many keys a match has.
    pub fn lengths(&self) -> Lengths {
        lengths(&self.root)
    }

    /// Whether the regex uses look-ahead (which the `regex` crate cannot run).
    pub fn has_look_ahead(&self) -> bool {
        fn any(node: &Node) -> bool {
            match node {
                Node::Look(..) => true,
                Node::Concat(items) | Node::Alt(items) => items.iter().any(any),
                Node::Repeat(inner, ..) => any(inner),
                Node::Set(_) | Node::Start | Node::End => false,
            }
        }
        any(&self.root)
    }
}

/// The most key positions a regex spells out once its repetitions are unrolled (what an engine
/// compiles); beyond [`MAX_EXPANSION`] the `regex` crate may refuse it.
pub const MAX_EXPANSION: u64 = 1000;

fn expansion(node: &Node) -> u64 {
    match node {
        Node::Set(_) => 1,
        Node::Start | Node::End => 0,
        Node::Look(inner, _) => expansion(inner),
        Node::Concat(items) | Node::Alt(items) => {
            items.iter().fold(0u64, |n, item| n.saturating_add(expansion(item)))
        }
        Node::Repeat(inner, lo, hi) => {
            let times = u64::from((*lo).max(hi.unwrap_or(*lo))).max(1);
            expansion(inner).saturating_mul(times)
        }
    }
}

fn lengths(node: &Node) -> Lengths {
    let add = |a: Option<u32>, b: Option<u32>| match (a, b) {
        (Some(a), Some(b)) => Some(a.saturating_add(b)),
        _ => None,
    };
    match node {
        Node::Set(_) => Lengths { min: 1, max: Some(1) },
        Node::Start | Node::End | Node::Look(..) => Lengths { min: 0, max: Some(0) },
        Node::Concat(items) => {
            items.iter().map(lengths).fold(Lengths { min: 0, max: Some(0) }, |acc, l| Lengths {
                min: acc.min.saturating_add(l.min),
                max: add(acc.max, l.max),
            })
        }
        Node::Alt(items) => {
            let all: Vec<Lengths> = items.iter().map(lengths).collect();
            Lengths {
                min: all.iter().map(|l| l.min).min().unwrap_or(0),
                max: all.iter().try_fold(0, |m, l| l.max.map(|x| m.max(x))),
            }
        }
        Node::Repeat(inner, lo, hi) => {
            let l = lengths(inner);
            Lengths {
                min: l.min.saturating_mul(*lo),
                max: match (l.max, hi) {
                    (Some(0), _) | (_, Some(0)) => Some(0),
                    (Some(a), Some(h)) => Some(a.saturating_mul(*h)),
                    _ => None,
                },
            }
        }
    }
}

mod parser;
#[cfg(test)]
mod tests;

use parser::Parser;

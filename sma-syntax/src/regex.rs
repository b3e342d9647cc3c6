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

struct Parser<'a> {
    src: &'a [u8],
    pos: usize,
    depth: u32,
}

const DIALECT: &str = "the digits regex dialect has 0-9, #, \\*, \\#, \\d, ., [..], (..), |, ?, *, +, {n,m}, and ^/$ at the ends";

impl Parser<'_> {
    /// A valid regex outside the dialect.
    fn error(&self, message: impl Into<String>) -> RegexError {
        RegexError {
            position: self.pos,
            message: message.into(),
            kind: RegexErrorKind::Unsupported,
        }
    }

    /// Not a regex in any engine.
    fn malformed(&self, message: impl Into<String>) -> RegexError {
        RegexError { position: self.pos, message: message.into(), kind: RegexErrorKind::Malformed }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn alternation(&mut self, top: bool) -> Result<Node, RegexError> {
        let mut branches = vec![self.concat(top)?];
        while self.peek() == Some(b'|') {
            self.pos += 1;
            branches.push(self.concat(top)?);
        }
        Ok(if branches.len() == 1 { branches.remove(0) } else { Node::Alt(branches) })
    }

    fn concat(&mut self, top: bool) -> Result<Node, RegexError> {
        let mut items = Vec::new();
        if self.peek() == Some(b'^') {
            if !top {
                return Err(self.error("'^' can only start the regex or a top-level alternative"));
            }
            self.pos += 1;
            items.push(Node::Start);
            // Some engines repeat an anchor, others reject it.
            match self.peek() {
                Some(b'*') => {
                    return Err(self.error("'*' repeats nothing; to match the * key write \\*"));
                }
                Some(b'?' | b'+' | b'{') => {
                    return Err(self.error("'^' matches no key, so it cannot be repeated"));
                }
                _ => {}
            }
        }
        loop {
            match self.peek() {
                None | Some(b'|') | Some(b')') => break,
                Some(b'$') => {
                    self.pos += 1;
                    if !top {
                        self.pos -= 1;
                        return Err(self.error(
                            "'$' cannot be inside a group; close the group first, e.g. ^(1|2)$",
                        ));
                    }
                    if !matches!(self.peek(), None | Some(b'|')) {
                        self.pos -= 1;
                        return Err(
                            self.error("'$' can only end the regex or a top-level alternative")
                        );
                    }
                    items.push(Node::End);
                    break;
                }
                Some(b'^') => {
                    return Err(
                        self.error("'^' can only start the regex or a top-level alternative")
                    );
                }
                Some(_) => items.push(self.repeat()?),
            }
        }
        Ok(Node::Concat(items))
    }

    fn repeat(&mut self) -> Result<Node, RegexError> {
        let atom = self.atom()?;
        if matches!(atom, Node::Look(..)) && matches!(self.peek(), Some(b'?' | b'*' | b'+' | b'{'))
        {
            return Err(self.error("a look-ahead matches no key, so it cannot be repeated"));
        }
        let (lo, hi) = match self.peek() {
            // `braces` leaves the cursor after its '}'.
            Some(b'{') => self.braces()?,
            Some(c) if matches!(c, b'?' | b'*' | b'+') => {
                self.pos += 1;
                match c {
                    b'?' => (0, Some(1)),
                    b'*' => (0, None),
                    _ => (1, None),
                }
            }
            _ => return Ok(atom),
        };
        if matches!(self.peek(), Some(b'?' | b'+')) {
            return Err(self.error(
                "lazy and possessive quantifiers are not supported; remove the extra '?' or '+'",
            ));
        }
        // Stacked quantifiers: some engines read them, others reject them.
        if matches!(self.peek(), Some(b'*' | b'{')) {
            return Err(self.error("a quantifier cannot follow another; group first, e.g. (\\d+)*"));
        }
        Ok(Node::Repeat(Box::new(atom), lo, hi))
    }

    /// Whether `{n}`, `{n,}` or `{n,m}` starts at `at`.
    fn counted_repetition_at(&self, at: usize) -> bool {
        let rest = &self.src[at..];
        let Some(close) = rest.iter().position(|c| *c == b'}') else { return false };
        let inner = &rest[1..close];
        let mut parts = inner.splitn(2, |c| *c == b',');
        let lo = parts.next().unwrap_or_default();
        let hi = parts.next().unwrap_or_default();
        !lo.is_empty() && lo.iter().chain(hi).all(u8::is_ascii_digit)
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        std::str::from_utf8(&self.src[start..self.pos]).ok()?.parse().ok()
    }

    /// `{n}`, `{n,}`, `{n,m}`; the cursor is on `{`.
    fn braces(&mut self) -> Result<(u32, Option<u32>), RegexError> {
        let open = self.pos;
        // A '{' that starts no counted repetition is a literal in some engines.
        if !self.counted_repetition_at(open) {
            return Err(self.error(
                "'{' starts a repetition {n}, {n,} or {n,m}; a literal '{' cannot be pressed",
            ));
        }
        self.pos += 1;
        let Some(lo) = self.number() else {
            self.pos = open;
            // Some engines read a lone '{' as a literal: valid there, but never pressed.
            return Err(self.error(
                "'{' starts a repetition {n}, {n,} or {n,m}; a literal '{' cannot be pressed",
            ));
        };
        let hi = if self.peek() == Some(b',') {
            self.pos += 1;
            if self.peek() == Some(b'}') {
                None
            } else {
                match self.number() {
                    Some(m) => Some(m),
                    None => return Err(self.malformed("expected a number or '}' in {n,m}")),
                }
            }
        } else {
            Some(lo)
        };
        if self.peek() != Some(b'}') {
            return Err(self.malformed("expected '}' to close the repetition"));
        }
        self.pos += 1;
        if let Some(h) = hi {
            if h < lo {
                self.pos = open;
                return Err(self.malformed(format!(
                    "{{{lo},{h}}} has its bounds reversed; write {{{h},{lo}}}"
                )));
            }
        }
        if matches!(self.peek(), Some(b'?' | b'+')) {
            return Err(self.error(
                "lazy and possessive quantifiers are not supported; remove the extra '?' or '+'",
            ));
        }
        Ok((lo, hi))
    }

    fn atom(&mut self) -> Result<Node, RegexError> {
        let Some(c) = self.peek() else { return Err(self.malformed("the regex ends early")) };
        match c {
            b'0'..=b'9' | b'#' => {
                self.pos += 1;
                Ok(Node::Set(key_bit(c)))
            }
            b'.' => {
                self.pos += 1;
                Ok(Node::Set(ALL_KEYS))
            }
            b'\\' => self.escape(false).map(Node::Set),
            b'[' => self.class().map(Node::Set),
            b'(' => {
                let open = self.pos;
                self.pos += 1;
                let mut look = None;
                if self.peek() == Some(b'?') {
                    match self.src.get(self.pos + 1) {
                        Some(b':') => self.pos += 2,
                        Some(b'=') => (self.pos, look) = (self.pos + 2, Some(false)),
                        Some(b'!') => (self.pos, look) = (self.pos + 2, Some(true)),
                        _ => {
                            return Err(self.error(
                                "only (?:..) groups and look-ahead (?=..), (?!..) are supported; look-behind and flags are not",
                            ));
                        }
                    }
                }
                self.depth += 1;
                if self.depth > 32 {
                    return Err(self.error("groups are nested too deeply"));
                }
                let inner = self.alternation(false)?;
                self.depth -= 1;
                if self.peek() != Some(b')') {
                    self.pos = open;
                    return Err(self.malformed("this '(' is never closed; add ')'"));
                }
                self.pos += 1;
                Ok(match look {
                    Some(negate) => Node::Look(Box::new(inner), negate),
                    None => inner,
                })
            }
            // A '{' here repeats nothing; some engines read it as a literal.
            b'{' => Err(self.error(
                "'{' repeats nothing here, and a literal '{' can never be pressed",
            )),
            b'*' | b'+' | b'?' => Err(self.malformed(format!(
                "'{}' repeats nothing; to match the * key write \\*",
                c as char
            ))),
            b'A'..=b'D' => Err(self.error(format!(
                "'{}' is a DTMF key phones rarely have; the digits regex dialect matches 0-9, * and #",
                c as char
            ))),
            _ => Err(self.error(format!(
                "'{}' can never be pressed; {DIALECT}",
                printable(self.src, self.pos)
            ))),
        }
    }

    /// `\d`, `\*`, `\#` (and `\-`, `\]`, `\^` in a set); the cursor is on `\`.
    fn escape(&mut self, in_class: bool) -> Result<u16, RegexError> {
        let at = self.pos;
        self.pos += 1;
        match self.peek() {
            Some(b'd') => {
                self.pos += 1;
                Ok(DIGITS)
            }
            Some(c @ (b'*' | b'#')) => {
                self.pos += 1;
                Ok(key_bit(c))
            }
            Some(b'-' | b']' | b'^') if in_class => {
                // Escaped punctuation in a set: no key, but legal.
                self.pos += 1;
                Ok(0)
            }
            Some(other) => {
                self.pos = at;
                Err(self.error(format!(
                    "'\\{}' is not supported; only \\d, \\* and \\# are ({DIALECT})",
                    other as char
                )))
            }
            None => {
                self.pos = at;
                Err(self.malformed("a '\\' ends the regex; remove it or escape a key, e.g. \\*"))
            }
        }
    }

    /// `[…]`; the cursor is on `[`.
    fn class(&mut self) -> Result<u16, RegexError> {
        let open = self.pos;
        self.pos += 1;
        let negated = self.peek() == Some(b'^');
        if negated {
            self.pos += 1;
        }
        let mut set = 0u16;
        let mut items = 0;
        loop {
            match self.peek() {
                None => {
                    self.pos = open;
                    return Err(self.malformed("this '[' is never closed; add ']'"));
                }
                Some(b']') if items > 0 => {
                    self.pos += 1;
                    return Ok(if negated { !set & ALL_KEYS } else { set });
                }
                // A ']' first in a set is a literal ']' when a later ']' closes the set.
                Some(b']') if self.src[self.pos + 1..].contains(&b']') => {
                    return Err(self.error("']' can never be pressed; a set holds digits, * and #"));
                }
                Some(b']') => return Err(self.malformed("an empty set [] matches nothing")),
                Some(b'\\') => set |= self.escape(true)?,
                Some(b'0'..=b'9') => {
                    let lo = self.src[self.pos];
                    self.pos += 1;
                    if self.peek() == Some(b'-')
                        && self.src.get(self.pos + 1).is_some_and(|c| *c != b']')
                    {
                        self.pos += 1;
                        match self.peek() {
                            Some(hi @ b'0'..=b'9') if hi >= lo => {
                                self.pos += 1;
                                for c in lo..=hi {
                                    set |= key_bit(c);
                                }
                            }
                            Some(b'0'..=b'9') => {
                                return Err(self.malformed(
                                    "this range is reversed; write the lower digit first, e.g. [2-5]",
                                ));
                            }
                            _ => {
                                return Err(self.error(
                                    "a range in a set goes from digit to digit, e.g. [0-5]",
                                ));
                            }
                        }
                    } else {
                        set |= key_bit(lo);
                    }
                }
                Some(c @ (b'#' | b'*')) => {
                    self.pos += 1;
                    set |= key_bit(c);
                }
                Some(_) => {
                    return Err(self.error(format!(
                        "'{}' can never be pressed; a set holds digits, ranges like 0-5, * and #",
                        printable(self.src, self.pos)
                    )));
                }
            }
            items += 1;
        }
    }
}

fn printable(src: &[u8], pos: usize) -> String {
    std::str::from_utf8(&src[pos..])
        .ok()
        .and_then(|s| s.chars().next())
        .map(String::from)
        .unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lengths(r: &str) -> (u32, Option<u32>) {
        let l = digits_regex(r).unwrap_or_else(|e| panic!("{r}: {e}"));
        (l.min, l.max)
    }

    #[test]
    fn the_documented_examples_are_accepted() {
        assert_eq!(lengths(r"^\d{2}#$"), (3, Some(3)));
        assert_eq!(lengths("[5-7]"), (1, Some(1)));
        assert_eq!(lengths("^[12]$"), (1, Some(1)));
        assert_eq!(lengths(r"^\*\d{1}$"), (2, Some(2)));
        assert_eq!(lengths("[0-1]$"), (1, Some(1)));
        assert_eq!(lengths(r"^\d{1}$"), (1, Some(1)));
    }

    #[test]
    fn the_rest_of_the_dialect() {
        assert_eq!(lengths(r"^(?:1|22|333)#?$"), (1, Some(4)));
        assert_eq!(lengths(r"^\d+#$"), (2, None));
        assert_eq!(lengths(r"^\d{4,}$"), (4, None));
        assert_eq!(lengths(r"^[^0]\d{0,3}$"), (1, Some(4)));
        assert_eq!(lengths("^1$|^2#$"), (1, Some(2)));
        assert_eq!(lengths(r"[\*#]"), (1, Some(1)));
        assert_eq!(lengths("..."), (3, Some(3)));
    }

    #[test]
    fn repetitions_that_unroll_too_far_are_outside_the_dialect() {
        assert_eq!(lengths(r"^\d{1000}$"), (1000, Some(1000)));
        assert_eq!(lengths(r"^(\d{9}#){100}$"), (1000, Some(1000)));
        for r in [r"\d{41900}#", r"^(\d{100}){11}$", r"^(?=\d{2000})\d+$", r"^\d{0,1001}$"] {
            let e = digits_regex(r).expect_err(r);
            assert_eq!(e.kind, RegexErrorKind::Unsupported, "{r}");
            assert!(e.message.contains("keep it under 1000 keys"), "{r}: {e}");
        }
        // Unbounded repetition is compiled once: no limit.
        assert_eq!(lengths(r"^\d{999,}$"), (999, None));
    }

    #[test]
    fn mistakes_are_reported_where_they_are() {
        let err = |r: &str| digits_regex(r).expect_err(r);
        assert_eq!(err(r"^\w$").position, 1);
        assert_eq!(err("^*1$").position, 1);
        assert_eq!(err("^1{3,2}$").position, 2);
        assert!(err("^1{3,2}$").message.contains("{2,3}"));
        assert_eq!(err("^(12").position, 1);
        assert!(err("^(12$").message.contains("'$'"));
        assert_eq!(err("^12)$").position, 3);
        assert_eq!(err("[a]").position, 1);
        assert_eq!(err("[5-2]").position, 3);
        assert!(err("1^2").message.contains("'^'"));
        assert!(err("1$2").message.contains("'$'"));
        assert!(err("(1$)").message.contains("inside a group"));
        assert!(err("1+?").message.contains("lazy"));
        assert!(err("1**").message.contains("cannot follow"));
        assert!(err("(?<=1)2").message.contains("look-behind"));
        assert!(err("(?=1)*").message.contains("cannot be repeated"));
        assert!(err("^$").message.contains("empty"));
        assert!(err("").message.contains("empty"));
        assert!(err("[]").message.contains("empty set"));
        assert!(err("ABC").message.contains("DTMF"));
        assert!(err("\\").message.contains("ends the regex"));
        assert!(err("1{}").message.contains("repetition"));
    }

    #[test]
    fn look_ahead_is_in_the_dialect() {
        // The AWS voice-focus sample's number filter.
        assert_eq!(lengths(r"^(?!1900)1[0-9][0-9][0-9](\d{7})$"), (11, Some(11)));
        assert_eq!(lengths(r"^(?=\d{4}#)\d+#$"), (2, None));
        assert!(DigitsRegex::compile(r"^(?!1900)1\d{10}$").unwrap().has_look_ahead());
        assert!(!DigitsRegex::compile(r"^1\d{10}$").unwrap().has_look_ahead());
    }

    #[test]
    fn malformed_and_unsupported_are_told_apart() {
        let kind = |r: &str| digits_regex(r).expect_err(r).kind;
        for r in ["^(12", "12)", "*1", "1{3,2}", "[5-2]", "[12", "[]", "\\"] {
            assert_eq!(kind(r), RegexErrorKind::Malformed, "{r}");
        }
        for r in
            [r"^\w$", "abc", "(?<=1)2", "(?i)1", "1+?", "1^2", "1$2", "^$", "[a]", "1{x}", "1**"]
        {
            assert_eq!(kind(r), RegexErrorKind::Unsupported, "{r}");
        }
    }
}

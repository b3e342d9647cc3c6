//! The parser of the digits regex dialect: from the text to the tree [`super::DigitsRegex`]
//! checks and measures, telling malformed regexes from valid ones outside the dialect.

use super::{ALL_KEYS, DIGITS, Node, RegexError, RegexErrorKind, key_bit};

pub(super) struct Parser<'a> {
    pub(super) src: &'a [u8],
    pub(super) pos: usize,
    pub(super) depth: u32,
}

const DIALECT: &str = "the digits regex dialect has 0-9, #, \\*, \\#, \\d, ., [..], (..), |, ?, *, +, {n,m}, look-ahead (?=..) and (?!..), and ^/$ at the ends";

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
    pub(super) fn malformed(&self, message: impl Into<String>) -> RegexError {
        RegexError { position: self.pos, message: message.into(), kind: RegexErrorKind::Malformed }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    pub(super) fn alternation(&mut self, top: bool) -> Result<Node, RegexError> {
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

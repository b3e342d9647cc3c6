//! The vocabulary of the Amazon Chime SDK PSTN Audio contract, without dependencies, so that
//! `sma-macros` (at compile time) and `sma-core` (at run time) share one definition: the closed
//! sets of event and action types ([`catalog`]) and the string formats (E.164, DTMF, digit
//! regexes, SIP header names), checked by exactly the same rules on literals and on computed
//! values.
//!
//! ```
//! assert!(sma_syntax::e164("+12065550100").is_ok());
//! assert!(sma_syntax::dtmf_string(",,1234#").is_ok());
//! assert!(sma_syntax::digits_regex(r"^\d{4}#$").is_ok());
//! assert!(sma_syntax::sip_header_name("X-AMZN-Trace").is_err());
//! ```
#![forbid(unsafe_code)]

pub mod catalog;
pub mod regex;

pub use regex::digits_regex;

/// Checks an E.164 phone number: `+`, a first digit 1–9, then 1 to 14 more digits.
///
/// ```
/// assert!(sma_syntax::e164("+442079460000").is_ok());
/// assert_eq!(sma_syntax::e164("2065550100"), Err("must start with '+', e.g. \"+12065550100\""));
/// ```
pub fn e164(s: &str) -> Result<(), &'static str> {
    // A valid number, the case of every response, tested in one pass; any other string is
    // tested rule by rule below, for the error that names what is wrong.
    if let [b'+', b'1'..=b'9', rest @ ..] = s.as_bytes() {
        if (1..=14).contains(&rest.len()) && rest.iter().all(u8::is_ascii_digit) {
            return Ok(());
        }
    }
    e164_error(s)
}

/// Why `s` is not an E.164 number (`Ok` only if it is one after all).
#[cold]
fn e164_error(s: &str) -> Result<(), &'static str> {
    let Some(digits) = s.strip_prefix('+') else {
        return Err("must start with '+', e.g. \"+12065550100\"");
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("must be '+' followed by digits only");
    }
    if digits.starts_with('0') {
        return Err("must not start with a 0 after the '+' (the country code)");
    }
    if !(2..=15).contains(&digits.len()) {
        return Err("must have 2 to 15 digits after the '+'");
    }
    Ok(())
}

/// The longest DTMF string `SendDigits` accepts.
pub const MAX_SEND_DIGITS: usize = 50;

/// Checks the `Digits` of `SendDigits`: 1 to 50 symbols from `0-9 * # A B C D ,`.
///
/// ```
/// assert!(sma_syntax::dtmf_string("*1234,56#ABCD").is_ok());
/// assert!(sma_syntax::dtmf_string("12e").is_err());
/// ```
pub fn dtmf_string(s: &str) -> Result<(), String> {
    let n = s.chars().count();
    if n == 0 || n > MAX_SEND_DIGITS {
        return Err(format!("must have 1 to {MAX_SEND_DIGITS} symbols, has {n}"));
    }
    if let Some((i, c)) =
        s.char_indices().find(|(_, c)| !(c.is_ascii_digit() || "*#ABCD,".contains(*c)))
    {
        return Err(format!(
            "has {c:?} at {i}; only 0-9, *, #, A, B, C, D and ',' (a 500 ms pause) can be sent"
        ));
    }
    Ok(())
}

/// Checks one terminator key (`PlaybackTerminators`, `TerminatorDigits`,
/// `RecordingTerminators`): one of `0-9 * #`.
///
/// ```
/// assert!(sma_syntax::dtmf_key("#").is_ok());
/// assert!(sma_syntax::dtmf_key("A").is_err());
/// ```
pub fn dtmf_key(s: &str) -> Result<(), String> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_digit() || c == '*' || c == '#' => Ok(()),
        _ => Err(format!("{s:?} is not a key; a terminator is one of 0-9, * and #")),
    }
}

/// Checks a set of terminator keys written as one string (`"#*"`): each one of `0-9 * #`, none
/// twice. Returns the keys in order.
///
/// ```
/// assert_eq!(sma_syntax::dtmf_keys("#*").unwrap(), vec!['#', '*']);
/// assert!(sma_syntax::dtmf_keys("##").is_err());
/// ```
pub fn dtmf_keys(s: &str) -> Result<Vec<char>, String> {
    if s.is_empty() {
        return Err("names no key; write the keys, e.g. \"#\" or \"#*\"".to_owned());
    }
    let mut keys = Vec::new();
    for c in s.chars() {
        dtmf_key(c.encode_utf8(&mut [0; 4]))?;
        if keys.contains(&c) {
            return Err(format!("names {c:?} twice"));
        }
        keys.push(c);
    }
    Ok(keys)
}

/// Header names the service reserves for itself (case-insensitive prefixes).
pub const RESERVED_SIP_HEADER_PREFIXES: &[&str] =
    &["x-amzn", "x-vine", "x-vc", "x-canary", "x-voice"];

/// The longest custom SIP header.
pub const MAX_SIP_HEADER_LEN: usize = 2048;

/// Checks a custom SIP header name: `x-…` (not a reserved prefix), `User-to-User` or
/// `Diversion`.
///
/// ```
/// assert!(sma_syntax::sip_header_name("X-Ticket").is_ok());
/// assert!(sma_syntax::sip_header_name("User-to-User").is_ok());
/// assert!(sma_syntax::sip_header_name("x-vc-route").is_err());
/// assert!(sma_syntax::sip_header_name("Contact").is_err());
/// ```
pub fn sip_header_name(name: &str) -> Result<(), String> {
    // Compared without case and without a lowered copy: a valid name costs no allocation.
    let starts = |prefix: &str| {
        name.len() >= prefix.len()
            && name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    if name.eq_ignore_ascii_case("user-to-user") || name.eq_ignore_ascii_case("diversion") {
        return Ok(());
    }
    if !starts("x-") || name.len() < 3 {
        return Err(format!(
            "{name:?} cannot be sent; custom headers start with \"x-\", or are User-to-User or Diversion"
        ));
    }
    if let Some(p) = RESERVED_SIP_HEADER_PREFIXES.iter().find(|p| starts(p)) {
        return Err(format!("{name:?} uses the prefix {p:?}, which the service reserves"));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.') {
        return Err(format!("{name:?} is not a header name (letters, digits, '-', '_', '.')"));
    }
    Ok(())
}

/// The most arguments one API call takes: `ArgumentsMap` of `CreateSipMediaApplicationCall` and
/// `Arguments` of `UpdateSipMediaApplicationCall` ("Maximum number of 20 items" in the API
/// reference of both).
pub const MAX_ARGUMENTS: usize = 20;

/// The most custom SIP headers one API call takes (`SipHeaders` of
/// `CreateSipMediaApplicationCall`: "Maximum number of 20 items").
pub const MAX_SIP_HEADERS: usize = 20;

/// Why a SIP header value cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SipHeaderValueError {
    /// The value is empty or only white space.
    Empty,
    /// The value holds a control character: a CR or LF would end the header and start another
    /// (header injection, when the value comes from a caller or a CRM).
    ControlCharacter(char),
}

impl core::fmt::Display for SipHeaderValueError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            SipHeaderValueError::Empty => f.write_str("has an empty value"),
            SipHeaderValueError::ControlCharacter(c) => write!(
                f,
                "has the control character {c:?} in its value; a CR or LF would start another SIP header"
            ),
        }
    }
}

/// Checks a SIP header value: not empty, and no control character but a tab.
///
/// ```
/// assert!(sma_syntax::sip_header_value("ticket-42").is_ok());
/// assert!(sma_syntax::sip_header_value("a\r\nX-Evil: 1").is_err());
/// assert!(sma_syntax::sip_header_value(" ").is_err());
/// ```
pub fn sip_header_value(value: &str) -> Result<(), SipHeaderValueError> {
    if value.trim().is_empty() {
        return Err(SipHeaderValueError::Empty);
    }
    match value.chars().find(|ch| ch.is_control() && *ch != '\t') {
        Some(bad) => Err(SipHeaderValueError::ControlCharacter(bad)),
        None => Ok(()),
    }
}

/// The length of a header as the limit [`MAX_SIP_HEADER_LEN`] counts it: `name: value`, in
/// characters.
///
/// ```
/// assert_eq!(sma_syntax::sip_header_len("x-a", "b"), 6);
/// ```
pub fn sip_header_len(name: &str, value: &str) -> usize {
    name.chars().count() + 2 + value.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_edges() {
        assert!(e164("+12").is_ok());
        assert!(e164("+123456789012345").is_ok());
        assert!(e164("+1234567890123456").is_err());
        assert!(e164("+1").is_err());
        assert!(e164("+0123").is_err());
        assert!(e164("+1 206").is_err());
        assert!(e164("").is_err());
    }

    #[test]
    fn e164_one_pass_accepts_what_the_rules_accept() {
        // Every string of up to 6 symbols over an alphabet that reaches each rule, and the
        // lengths around the limits: the one-pass test and the rule-by-rule one agree.
        let alphabet = ["+", "0", "1", "9", "a", " ", "١"];
        let mut strings = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer.into_iter().filter(|s| s.chars().count() <= 6));
            strings.sort();
            strings.dedup();
        }
        for n in 0..20 {
            strings.push(format!("+1{}", "2".repeat(n)));
            strings.push(format!("+0{}", "2".repeat(n)));
        }
        for s in &strings {
            assert_eq!(e164(s).is_ok(), e164_error(s).is_ok(), "{s:?}");
        }
    }

    #[test]
    fn dtmf_edges() {
        assert!(dtmf_string(&"1".repeat(50)).is_ok());
        assert!(dtmf_string(&"1".repeat(51)).is_err());
        assert!(dtmf_string("").is_err());
        assert!(dtmf_string("abcd").is_err());
        assert!(dtmf_key("10").is_err());
        assert!(dtmf_key("").is_err());
    }

    #[test]
    fn sip_headers() {
        assert!(sip_header_name("diversion").is_ok());
        assert!(sip_header_name("X-AMZN").is_err());
        assert!(sip_header_name("x-").is_err());
        assert!(sip_header_name("x-canary-1").is_err());
        assert!(sip_header_name("x-voiceover").is_err());
        assert!(sip_header_name("x-with space").is_err());
    }
}

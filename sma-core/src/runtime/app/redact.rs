//! Finding call data in text: the one routine behind the log redaction and the recorder's
//! pseudonyms. It knows two kinds of call data:
//!
//! - **the call's values**, gathered from its event: the numbers of the legs (strings or JSON
//!   numbers), SIP header values, transaction attribute values, the `Arguments` of a call
//!   update or creation, Lex slot values and session attributes. Each is also found in its
//!   JSON-escaped and `{:?}`-escaped forms (a value with a `"` logged with `{:?}` reads `\"`),
//!   and only as a whole token: a header value `panic` leaves the word `panicked` alone;
//! - **number shapes**, whoever wrote them: a run of digits with up to two separators
//!   (` - . ( )`) between digits, so that `+14155550188`, `(415) 555-0199`, `415.555.0199`,
//!   `sip:+14155550188@host` and `tel:+1-415-555-0188` are each one number.
//!
//! The logs replace them with `[redacted]` and masked digits; the recorder with keyed
//! pseudonyms.

use serde_json::Value;
use std::ops::Range;

/// Keys whose values are phone numbers, wherever they appear.
pub(crate) const PHONE_KEYS: &[&str] = &["To", "From", "Uri", "CallerIdNumber"];
/// Keys whose object values are all call data.
pub(crate) const VALUE_MAPS: &[&str] =
    &["SipHeaders", "TransactionAttributes", "Arguments", "ArgumentsMap", "SessionAttributes"];
/// Keys whose values are call data (Lex slot values).
pub(crate) const VALUE_KEYS: &[&str] = &["OriginalValue", "InterpretedValue", "ResolvedValues"];
/// Keys whose string values are free text that may quote call data: spoken text, welcome
/// messages, error messages.
pub(crate) const FREE_TEXT_KEYS: &[&str] = &["Text", "Content", "ErrorMessage", "Error"];

/// The values of one call that must not leave in clear, longest first.
#[derive(Debug, Default, Clone)]
pub(crate) struct CallValues {
    values: Vec<String>,
}

impl CallValues {
    /// The call data of an event (any JSON: a model value serialized, or the bytes read).
    pub(crate) fn of_event(event: &Value) -> Self {
        let mut raw = Vec::new();
        gather(event, None, &mut raw);
        let mut values = Vec::new();
        for v in raw {
            // Short values ("1", "en") would mask ordinary words.
            if v.chars().count() < 3 {
                continue;
            }
            let json = serde_json::to_string(&v).unwrap_or_default();
            let debug = format!("{v:?}");
            for escaped in [&json, &debug] {
                let inner = &escaped[1..escaped.len().saturating_sub(1).max(1)];
                if inner != v {
                    values.push(inner.to_owned());
                }
            }
            values.push(v);
        }
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        CallValues { values }
    }

    /// `text` with each of the call's values replaced by `value`'s rendering of it, then each
    /// number shape of at least `min_digits` digits by `number`'s.
    pub(crate) fn replace(
        &self,
        text: &str,
        min_digits: usize,
        mut value: impl FnMut(&str) -> String,
        number: impl FnMut(&str) -> String,
    ) -> String {
        let mut out = text.to_owned();
        for v in &self.values {
            if out.contains(v.as_str()) {
                out = replace_tokens(&out, v, &mut value);
            }
        }
        replace_numbers(&out, min_digits, number)
    }
}

/// Collects the call data in `value`; `key` is the key it was found under.
fn gather(value: &Value, key: Option<&str>, out: &mut Vec<String>) {
    let data = key.is_some_and(|k| {
        PHONE_KEYS.contains(&k) || VALUE_MAPS.contains(&k) || VALUE_KEYS.contains(&k)
    });
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let inner = if data && key.is_some_and(|k| VALUE_MAPS.contains(&k)) {
                    leaves(v, out);
                    continue;
                } else {
                    Some(k.as_str())
                };
                gather(v, inner, out);
            }
        }
        Value::Array(items) if data => items.iter().for_each(|v| leaves(v, out)),
        Value::Array(items) => items.iter().for_each(|v| gather(v, key, out)),
        // A leg's `To` or `From` may be `"SMA"` (a meeting leg) or a Voice Connector user part:
        // only numbers are call data there.
        Value::String(s) if key.is_some_and(|k| PHONE_KEYS.contains(&k)) => {
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            out.extend((digits >= 3).then(|| s.clone()));
        }
        Value::String(s) if data => out.push(s.clone()),
        Value::Number(n) if data => out.push(n.to_string()),
        _ => {}
    }
}

/// Every string and number inside `value`.
fn leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
        Value::Bool(_) | Value::Null => {}
    }
}

/// Replaces the whole-token occurrences of `value` in `text`: where the value starts (ends)
/// with a letter or digit, the character before (after) it must not be one.
fn replace_tokens(text: &str, value: &str, with: &mut impl FnMut(&str) -> String) -> String {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let starts_word = word(value.chars().next());
    let ends_word = word(value.chars().next_back());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(at) = rest.find(value) {
        let prev = rest[..at].chars().next_back().or(before);
        let next = rest[at + value.len()..].chars().next();
        let glued = (starts_word && word(prev)) || (ends_word && word(next));
        out.push_str(&rest[..at]);
        if glued {
            out.push_str(value);
        } else {
            out.push_str(&with(value));
        }
        before = value.chars().next_back();
        rest = &rest[at + value.len()..];
    }
    out.push_str(rest);
    out
}

/// The number shapes in `text` with at least `min_digits` digits, as byte ranges.
pub(crate) fn number_spans(text: &str, min_digits: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let sep = |b: u8| matches!(b, b' ' | b'-' | b'.' | b'(' | b')');
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A '+' or '(' right before the first digit belongs to the number.
        let mut start = i;
        if start > 0 && matches!(bytes[start - 1], b'+' | b'(') {
            start -= 1;
            if start > 0 && bytes[start] == b'(' && bytes[start - 1] == b'+' {
                start -= 1;
            }
        }
        let (mut end, mut digits, mut j) = (i, 0, i);
        while j < bytes.len() {
            if bytes[j].is_ascii_digit() {
                digits += 1;
                j += 1;
                end = j;
            } else {
                // Up to two separators, then a digit again.
                let mut k = j;
                while k < bytes.len() && k - j < 2 && sep(bytes[k]) {
                    k += 1;
                }
                if k > j && k < bytes.len() && bytes[k].is_ascii_digit() {
                    j = k;
                } else {
                    break;
                }
            }
        }
        if digits >= min_digits {
            spans.push(start..end);
        }
        i = end.max(i + 1);
    }
    spans
}

fn replace_numbers(text: &str, min_digits: usize, mut with: impl FnMut(&str) -> String) -> String {
    let spans = number_spans(text, min_digits);
    if spans.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for span in spans {
        out.push_str(&text[last..span.start]);
        out.push_str(&with(&text[span.clone()]));
        last = span.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Keeps the `+`, the first two and the last two digits: `+12•••••••87`.
pub(crate) fn mask_number(s: &str) -> String {
    MaskedNumber(s).to_string()
}

/// A number shown as [`mask_number`] shows it, written straight to the formatter (the span of
/// every invocation shows two: no allocation for them).
pub(crate) struct MaskedNumber<'a>(pub(crate) &'a str);

impl std::fmt::Display for MaskedNumber<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MASK: &[u8] = "•".as_bytes();
        let s = self.0;
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        // Built on the stack and written in one piece when it fits (a phone number does), in
        // pieces when not: a write to a formatter is a call through it. A digit is one byte and
        // any other byte is copied as it is; a piece ends before the first byte of a character
        // that might not fit (4 bytes at most, the mask 3), so every piece is whole characters.
        let mut buf = [0u8; 64];
        let (mut len, mut seen) = (0, 0);
        for b in s.bytes() {
            if buf.len() - len < 4 && !is_continuation(b) {
                f.write_str(whole(&buf[..len])?)?;
                len = 0;
            }
            let masked = b.is_ascii_digit() && {
                seen += 1;
                digits < 6 || (seen > 2 && seen <= digits - 2)
            };
            if masked {
                buf[len..len + MASK.len()].copy_from_slice(MASK);
                len += MASK.len();
            } else {
                buf[len] = b;
                len += 1;
            }
        }
        f.write_str(whole(&buf[..len])?)
    }
}

/// Whether `b` continues a character of UTF-8 (is not the first byte of one).
fn is_continuation(b: u8) -> bool {
    b & 0b1100_0000 == 0b1000_0000
}

/// A piece of [`MaskedNumber`]'s buffer as text: whole characters only, so this does not fail.
fn whole(bytes: &[u8]) -> Result<&str, std::fmt::Error> {
    std::str::from_utf8(bytes).map_err(|_| std::fmt::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        number_spans(text, 5).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn number_shapes_are_found_whole() {
        assert_eq!(spans("call (415) 555-0199 now"), ["(415) 555-0199"]);
        assert_eq!(spans("sip:+14155550188@example.com"), ["+14155550188"]);
        assert_eq!(spans("tel:+1-415-555-0188"), ["+1-415-555-0188"]);
        assert_eq!(spans("+1 (415) 555.0188"), ["+1 (415) 555.0188"]);
        assert_eq!(spans("press 1234 then 9"), Vec::<&str>::new());
    }

    #[test]
    fn values_are_found_escaped_and_only_as_whole_tokens() {
        let event = serde_json::json!({"CallDetails": {"Participants": [{"From": 14155550199u64,
            "SipHeaders": {"x-case": "panic", "x-quote": "say \"hi\" now"}}]}});
        let values = CallValues::of_event(&event);
        let red = |t: &str| values.replace(t, 5, |_| "[R]".to_owned(), |_| "[N]".to_owned());
        assert_eq!(red("the handler panicked: panic"), "the handler panicked: [R]");
        assert_eq!(red(r#"got "say \"hi\" now""#), r#"got "[R]""#);
        assert_eq!(red("from 14155550199"), "from [R]");
    }

    #[test]
    fn masks_keep_the_ends() {
        assert_eq!(mask_number("+13125550142"), "+13•••••••42");
        assert_eq!(mask_number("(415) 555-0199"), "(41•) •••-••99");
        assert_eq!(mask_number("ü+12345"), "ü+•••••", "under six digits, all are masked");
        assert_eq!(mask_number("+1é23456"), "+1é2••56");
        assert_eq!(mask_number(""), "");
        // 1, then 40 fives, then 99 (124 bytes): the first two and the last two digits are kept.
        let long = format!("+1{}99", "é5".repeat(40));
        let want = format!("+1é5{}99", "é•".repeat(39));
        assert_eq!(mask_number(&long), want, "written in pieces past the buffer");
        let wide = format!("+1{}99", "😀5".repeat(40));
        assert_eq!(mask_number(&wide), format!("+1😀5{}99", "😀•".repeat(39)));
    }

    /// The mask as it was written before it went through a buffer: one character at a time.
    fn mask_by_chars(s: &str) -> String {
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let mut seen = 0;
        s.chars()
            .map(|c| {
                if !c.is_ascii_digit() {
                    return c;
                }
                seen += 1;
                if digits >= 6 && (seen <= 2 || seen > digits - 2) { c } else { '•' }
            })
            .collect()
    }

    #[test]
    fn the_buffered_mask_is_the_mask_by_characters() {
        // Every string of up to six of these symbols, then each of them repeated past the
        // buffer after 0 to 3 spaces, so that a piece is cut before each kind of character at
        // each place in the buffer.
        let symbols = ["1", "+", " ", "é", "•", "😀"];
        let mut strings = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| symbols.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for c in symbols {
            for pad in 0..4 {
                strings.push(format!("{}12{}3456", " ".repeat(pad), c.repeat(70)));
            }
        }
        for s in &strings {
            assert_eq!(mask_number(s), mask_by_chars(s), "{s:?}");
        }
    }
}

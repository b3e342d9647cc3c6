//! JSON strings as the response writer writes them: escaped exactly as `serde_json` escapes
//! them, found eight bytes at a time.
//!
//! `serde_json` looks up every byte of a string in a table before it copies the string. Almost
//! no string of a response needs escaping (ids, numbers, prompts), so this writer tests eight
//! bytes at once for the three kinds that do (a control character below U+0020, `"` and `\`)
//! and copies the runs between them whole.

/// Appends `s` to `out` as a JSON string (quotes included), byte for byte as `serde_json` writes
/// it: `"`, `\`, backspace, form feed, line feed, carriage return and tab as two-character
/// escapes, the other control characters below U+0020 as `\u00xx` (lower-case hex), everything
/// else (U+007F and all non-ASCII characters included) as it is.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if is_plain(bytes) {
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
    } else {
        write_escaped(out, bytes);
    }
}

/// A string with something to escape, run by run.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    while let Some(at) = next_special(bytes, start) {
        out.extend_from_slice(&bytes[start..at]);
        write_escape(out, bytes[at]);
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Whether no byte of `bytes` needs escaping: every word tested, without a branch per word.
#[inline]
fn is_plain(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let mut found = 0;
    for chunk in &mut chunks {
        found |= special_bytes(word(chunk));
    }
    let tail = chunks.remainder();
    // A flag is only ever set above a true special byte: any flag means one.
    found |= match tail.len() {
        0 => 0,
        1..4 => {
            // The first, middle and last byte: all of them, for one to three bytes.
            let w = [tail[0], tail[tail.len() / 2], tail[tail.len() - 1], b'a'];
            special_bytes(u64::from(u32::from_le_bytes(w)) | splat(b'a') << 32)
        }
        _ => special_bytes(tail_word(tail)),
    };
    found == 0
}

/// Eight bytes as a little-endian word.
#[inline]
fn word(chunk: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(chunk);
    u64::from_le_bytes(word)
}

/// Whether `byte` is written escaped.
const fn is_special(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Every byte of a word set to `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The index of the first byte at or after `from` that is written escaped.
#[inline]
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        let found = special_bytes(word(chunk));
        if found != 0 {
            // The lowest flagged byte is always a true one (see `special_bytes`).
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    if tail.len() >= 4 && special_bytes(tail_word(tail)) == 0 {
        return None;
    }
    tail.iter().position(|&b| is_special(b)).map(|i| at + i)
}

/// The 4 to 7 bytes of `tail` as one word: its first four bytes and its last four (they
/// overlap), so that a word test tells whether any of them needs escaping.
#[inline]
fn tail_word(tail: &[u8]) -> u64 {
    let mut first = [0; 4];
    let mut last = [0; 4];
    first.copy_from_slice(&tail[..4]);
    last.copy_from_slice(&tail[tail.len() - 4..]);
    u64::from(u32::from_le_bytes(first)) | u64::from(u32::from_le_bytes(last)) << 32
}

/// The high bit of each byte of `word` (little-endian) that may need escaping.
///
/// `(x - 0x01…) & !x & 0x80…` flags the zero bytes of `x`, and `(x - 0x20…) & !x & 0x80…` its
/// bytes below 0x20: a borrow can flag a byte above a true one, never below it, so the lowest
/// flagged byte is the first that needs escaping. Bytes of 0x80 and above are never flagged.
#[inline]
fn special_bytes(word: u64) -> u64 {
    let quote = word ^ splat(b'"');
    let backslash = word ^ splat(b'\\');
    let control = word.wrapping_sub(splat(0x20)) & !word;
    let quote = quote.wrapping_sub(splat(1)) & !quote;
    let backslash = backslash.wrapping_sub(splat(1)) & !backslash;
    (control | quote | backslash) & splat(0x80)
}

/// Appends the escape of a byte [`is_special`] accepts.
#[cold]
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            let (high, low) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        write_str(&mut out, s);
        out
    }

    #[test]
    fn every_byte_alone_and_in_every_position_of_a_word_is_written_as_serde_json_writes_it() {
        for byte in 0..=0x7F_u8 {
            let c = char::from(byte);
            for before in 0..17 {
                let s: String = "a".repeat(before) + &c.to_string() + "bc";
                assert_eq!(written(&s), serde_json::to_vec(&s).unwrap(), "{s:?}");
            }
        }
    }

    #[test]
    fn runs_of_escapes_non_ascii_and_empty_strings_are_written_as_serde_json_writes_them() {
        for s in [
            "",
            "\"",
            "\\\\\\\"",
            "\u{7f}\u{80}é€😀",
            "line\nline\r\n\ttab\u{0}\u{1f}\u{1}",
            "😀😀😀😀😀\"😀😀😀😀\u{8}\u{c}",
            "+15551230000",
            "Welcome to the demo. Press 1 for sales, 2 for support, or 0 for an operator.",
        ] {
            assert_eq!(written(s), serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn a_string_is_plain_exactly_when_no_byte_needs_escaping() {
        for len in 0..20 {
            for at in 0..len {
                for byte in 0..=0xFF_u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let expected = !is_special(byte);
                    assert_eq!(is_plain(&bytes), expected, "{byte:#x} at {at} of {len}");
                }
            }
        }
        assert!(is_plain(b""));
    }

    #[test]
    fn the_first_flagged_byte_is_the_first_special_one_even_after_a_borrow() {
        // A 0x00 byte borrows from the byte above it; `!` above a zero must not be reported
        // first, and a byte of 0x21 above a control character must not be flagged at all.
        let bytes = [b'a', 0x00, 0x21, b'"', b'a', b'a', b'a', b'a'];
        assert_eq!(next_special(&bytes, 0), Some(1));
        assert_eq!(next_special(&bytes, 2), Some(3));
        assert_eq!(next_special(b"abcdefgh", 0), None);
        assert_eq!(next_special(b"abc", 3), None);
        assert_eq!(next_special(b"abc", 4), None);
    }
}

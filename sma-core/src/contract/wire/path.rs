//! The JSON path of the value a reading error points at, found from the error's position in
//! the text: a reading of the event that failed is explained without a second, path-tracking
//! copy of the whole model's reader in the binary.

/// One open container while scanning.
enum Frame {
    /// An object, with the key of the member being read (`None` before the first key), and
    /// whether the next string is a key.
    Object { key: Option<String>, expect_key: bool },
    /// An array, with the index of the element being read.
    Array { index: usize },
}

/// The byte offset in `text` of a `serde_json` error's line (1-based) and column (bytes since
/// the line's start); `None` for an error without a position.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start = if line == 1 {
        0
    } else {
        text.bytes().enumerate().filter(|&(_, b)| b == b'\n').nth(line - 2)?.0 + 1
    };
    Some((start + column).min(text.len()))
}

/// The path, in the form `CallDetails.Participants[0].From` (`.` for the document itself), of
/// the innermost value that is open, or has just ended, at byte `offset` of `text`: where
/// `serde_json` reports an error (just after the value that did not fit, or after the `}` of
/// an object that lacks a field).
pub(crate) fn path_at(text: &str, offset: usize) -> String {
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, expect_key: expect @ true }) = stack.last_mut() {
                    *key = Some(key_text(&bytes[start..i.min(bytes.len())]));
                    *expect = false;
                }
            }
            b'{' => stack.push(Frame::Object { key: None, expect_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() { ".".to_owned() } else { path }
}

/// A key as written between its quotes, its escapes decoded. The bytes may end inside a
/// character, where the offset does (a broken text's error): that part is replaced, not a
/// panic.
fn key_text(raw: &[u8]) -> String {
    let raw = String::from_utf8_lossy(raw);
    if raw.contains('\\') {
        serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.into_owned())
    } else {
        raw.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path `serde_json` points at when reading `text` as `T` fails.
    fn error_path<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).expect_err("fails");
        path_at(text, offset_of(text, e.line(), e.column()).expect("a position"))
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        a: Inner,
        list: Option<Vec<Inner>>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
        s: Option<String>,
    }

    #[test]
    fn the_path_of_a_value_that_does_not_fit() {
        assert_eq!(error_path::<Doc>(r#"{"a":{"n":"x"}}"#), "a.n");
        assert_eq!(error_path::<Doc>("{\n \"a\": {\"n\": 1,\n \"s\": 2}}"), "a.s");
        let list = r#"{"a":{"n":1},"list":[{"n":1},{"n":2,"s":[]}]}"#;
        assert_eq!(error_path::<Doc>(list), "list[1].s");
    }

    #[test]
    fn the_path_of_an_object_that_lacks_a_field() {
        assert_eq!(error_path::<Doc>(r#"{"a":{"s":"x"}}"#), "a");
        assert_eq!(error_path::<Doc>(r#"{"a":{"n":1},"list":[{"n":1},{}]}"#), "list[1]");
        assert_eq!(error_path::<Doc>(r#"{"list":[]}"#), ".");
    }

    #[test]
    fn keys_with_escapes_and_strings_with_brackets() {
        let text = r#"{"a":{"s":"[{,\"}","n":true}}"#;
        assert_eq!(error_path::<Doc>(text), "a.n");
        assert_eq!(path_at(r#"{"k\u0041y":1"#, 12), "kAy");
    }

    #[test]
    fn an_offset_inside_a_character_or_an_escape_is_no_panic() {
        let text = "{\"ké\":1}";
        for offset in 0..=text.len() + 2 {
            path_at(text, offset);
        }
        assert_eq!(path_at(text, 4), "k\u{fffd}");
        let broken = "{\"a\\é\":{\"b\\";
        for offset in 0..=broken.len() {
            path_at(broken, offset);
        }
    }

    #[test]
    fn offsets_of_lines_and_columns() {
        assert_eq!(offset_of("ab\ncd\nef", 3, 1), Some(7));
        assert_eq!(offset_of("ab", 1, 2), Some(2));
        assert_eq!(offset_of("ab", 0, 0), None);
        assert_eq!(offset_of("ab", 5, 0), None);
    }
}

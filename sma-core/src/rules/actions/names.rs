//! Names and values the service hands to another AWS service or to the network: S3 bucket
//! names, Lex locale ids, SIP header values.

use super::Check;
use crate::rules::rule::Rule;
use std::fmt::Display;

/// Checks an S3 bucket name. A name no bucket can have, even under the legacy rules of
/// us-east-1 (3–255 characters of `A-Z a-z 0-9 . _ -`), is refused: the object can only be
/// missing. A name only a legacy bucket can have (upper case, `_`, more than 63 characters,
/// `..`, an IP address, a reserved prefix or suffix) is warned about: old buckets keep such
/// names and work. See the S3 "Bucket naming rules" page.
pub(super) fn bucket(c: &mut Check<'_>, at: impl Display + Copy, name: &str) {
    let n = name.len();
    if !(3..=255).contains(&n) {
        c.at(
            Rule::InvalidFormat,
            at,
            format!("is a bucket name of {n} characters; S3 bucket names have 3–63 (255 for legacy buckets)"),
        );
        return;
    }
    if let Some(bad) =
        name.chars().find(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_')))
    {
        let hint = if bad == '/' { " (a prefix goes in Key, Prefix or Location)" } else { "" };
        c.at(
            Rule::InvalidFormat,
            at,
            format!("has {bad:?}; S3 bucket names have only letters, digits, '.', '-'{hint}"),
        );
        return;
    }
    if let Some(why) = modern_rule_broken(name) {
        c.at(
            Rule::LegacyBucketName,
            at,
            format!(
                "{why}; only a bucket created under the legacy us-east-1 rules has such a name"
            ),
        );
    }
}

/// The current rule `name` breaks, if any (its characters are already known to be legal).
fn modern_rule_broken(name: &str) -> Option<&'static str> {
    let bytes = name.as_bytes();
    let edge = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if name.len() > 63 {
        Some("is longer than 63 characters")
    } else if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Some("has upper-case letters")
    } else if name.contains('_') {
        Some("has '_'")
    } else if !edge(bytes[0]) || !edge(bytes[bytes.len() - 1]) {
        Some("does not begin and end with a letter or digit")
    } else if name.contains("..") {
        Some("has two adjacent periods")
    } else if name.parse::<std::net::Ipv4Addr>().is_ok() {
        Some("is formatted as an IP address")
    } else if ["xn--", "sthree-", "amzn-s3-demo-"].iter().any(|p| name.starts_with(p))
        || ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]
            .iter()
            .any(|s| name.ends_with(s))
    {
        Some("has a prefix or suffix S3 reserves")
    } else {
        None
    }
}

/// Checks a Lex V2 locale id: `en_US`, `es_419` (underscore). The hyphenated Polly form
/// (`en-US`) is refused, with the fix.
pub(super) fn lex_locale(c: &mut Check<'_>, locale: &str) {
    let shape = match locale.split_once('_') {
        Some((lang, region)) => {
            (2..=3).contains(&lang.len())
                && lang.bytes().all(|b| b.is_ascii_lowercase())
                && ((region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase()))
                    || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit())))
        }
        None => false,
    };
    if !shape {
        let fix = locale.replace('-', "_");
        c.at(
            Rule::InvalidFormat,
            "LocaleId",
            format!("is {locale:?}; Lex locale ids are written like \"en_US\" (try {fix:?})"),
        );
    }
}

/// Checks a SIP header value ([`sma_syntax::sip_header_value`]).
pub(super) fn sip_header_value(c: &mut Check<'_>, at: impl Display + Copy, value: &str) {
    match sma_syntax::sip_header_value(value) {
        Ok(()) => {}
        Err(e @ sma_syntax::SipHeaderValueError::Empty) => {
            c.at(Rule::MissingParameter, at, e.to_string())
        }
        Err(e) => c.at(Rule::InvalidFormat, at, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modern_and_legacy_bucket_names() {
        for ok in ["my-bucket", "a.b.c", "voicemail-bucket", "123"] {
            assert_eq!(modern_rule_broken(ok), None, "{ok}");
        }
        for legacy in ["My-Bucket", "s3_bucket_name", "-x-", "a..b", "192.168.1.1", "xn--ab"] {
            assert!(modern_rule_broken(legacy).is_some(), "{legacy}");
        }
    }
}

//! The dialect's lengths, errors and the line between malformed and unsupported.
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
    for r in [r"^\w$", "abc", "(?<=1)2", "(?i)1", "1+?", "1^2", "1$2", "^$", "[a]", "1{x}", "1**"] {
        assert_eq!(kind(r), RegexErrorKind::Unsupported, "{r}");
    }
}

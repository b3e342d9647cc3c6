//! The digits-regex dialect against the `regex` crates: every pattern the dialect accepts runs on
//! them, the lengths it computes bound what they match, what it calls malformed they reject too;
//! and matching stays bounded in time and stack on any input.

use proptest::prelude::*;
use sma_core::testing::DigitsMatcher;
use sma_syntax::regex::{DigitsRegex, RegexErrorKind};
use std::time::{Duration, Instant};

/// A pattern built from the dialect's grammar (the dialect may still reject some: a regex that
/// only matches the empty input, say).
fn pattern() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        "[0-9#]".prop_map(String::from),
        Just(r"\d".to_owned()),
        Just(r"\*".to_owned()),
        Just(r"\#".to_owned()),
        Just(".".to_owned()),
        "\\[\\^?[0-9#*]{1,3}\\]".prop_map(String::from),
        "\\[[0-4]-[5-9]\\]".prop_map(String::from),
    ];
    let quantified = (
        atom,
        prop_oneof![
            Just(String::new()),
            Just("?".to_owned()),
            Just("*".to_owned()),
            Just("+".to_owned()),
            (0u32..4).prop_map(|n| format!("{{{n}}}")),
            (0u32..3).prop_map(|n| format!("{{{n},}}")),
            (0u32..3, 0u32..3).prop_map(|(a, b)| format!("{{{a},{}}}", a + b)),
        ],
    )
        .prop_map(|(a, q)| a + &q);
    let piece = quantified.prop_recursive(3, 24, 4, |inner| {
        let seq = prop::collection::vec(inner, 1..4).prop_map(|v| v.concat());
        prop_oneof![
            (seq.clone(), prop_oneof![Just(""), Just("?"), Just("*"), Just("{1,2}")])
                .prop_map(|(s, q)| format!("({s}){q}")),
            (seq.clone(), seq.clone()).prop_map(|(a, b)| format!("(?:{a}|{b})")),
            (prop_oneof![Just("?="), Just("?!")], seq).prop_map(|(l, s)| format!("({l}{s})")),
        ]
    });
    (any::<bool>(), prop::collection::vec(piece, 1..4), any::<bool>()).prop_map(
        |(start, body, end)| {
            format!(
                "{}{}{}",
                if start { "^" } else { "" },
                body.concat(),
                if end { "$" } else { "" }
            )
        },
    )
}

fn keys() -> impl Strategy<Value = String> {
    "[0-9*#]{0,12}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// What the dialect accepts, the engines run: `regex` when there is no look-ahead.
    #[test]
    fn accepted_patterns_compile(p in pattern()) {
        if let Ok(re) = DigitsRegex::compile(&p) {
            if re.has_look_ahead() {
                prop_assert!(fancy_regex::Regex::new(&p).is_ok(), "{p}");
            } else {
                prop_assert!(regex::Regex::new(&p).is_ok(), "{p}");
            }
        }
    }

    /// A full match found by the engine has a length within the dialect's bounds.
    #[test]
    fn lengths_bound_the_matches(p in pattern(), input in keys()) {
        let Ok(re) = DigitsRegex::compile(&p) else { return Ok(()) };
        let full = DigitsMatcher::new(&format!("^(?:{p})$"));
        if full.is_match(&input) {
            let l = re.lengths();
            let n = input.len() as u32;
            prop_assert!(n >= l.min && l.max.is_none_or(|m| n <= m), "{p} matched {input:?} outside {l:?}");
        }
    }

    /// The simulator's matcher agrees with the regex crate on every pattern both accept.
    #[test]
    fn the_matcher_agrees_with_regex(p in pattern(), input in keys()) {
        if let (Ok(_), Ok(plain)) = (DigitsRegex::compile(&p), regex::Regex::new(&p)) {
            prop_assert_eq!(DigitsMatcher::new(&p).is_match(&input), plain.is_match(&input), "{} on {:?}", p, input);
        }
    }

    /// What the dialect calls malformed, neither engine runs (a malformed pattern rejects the
    /// response; one only some engines run is unsupported, and only warns).
    #[test]
    fn malformed_is_malformed_everywhere(p in "[0-9#*+?{}()\\[\\]|^$\\\\d,.-]{1,10}") {
        if let Err(e) = DigitsRegex::compile(&p) {
            if e.kind == RegexErrorKind::Malformed {
                prop_assert!(regex::Regex::new(&p).is_err(), "regex runs {p}: {}", e.message);
                prop_assert!(fancy_regex::Regex::new(&p).is_err(), "fancy-regex runs {p}: {}", e.message);
            }
        }
    }

    /// What the engines reject, the dialect rejects too (the dialect is a subset).
    #[test]
    fn the_dialect_is_a_subset(p in "[0-9#*+?{}()\\[\\]|^$\\\\d,.=!:-]{1,12}") {
        if fancy_regex::Regex::new(&p).is_err() {
            prop_assert!(DigitsRegex::compile(&p).is_err(), "{p}");
        }
    }
}

/// Runs `f` on its own thread and fails when it has not finished after `limit` (a hang or an
/// exponential blow-up, not a measurement: the expected time is milliseconds).
fn finishes_within<T: Send + 'static>(
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || tx.send(f()).expect("send"))
        .expect("spawn");
    rx.recv_timeout(limit).expect("the match did not finish: unbounded time")
}

#[test]
fn exponential_patterns_run_in_bounded_time_and_stack() {
    let limit = Duration::from_secs(30);
    let started = Instant::now();
    // The pattern that doubled per key with the old backtracking matcher.
    let ambiguous = DigitsMatcher::new(r"^(\d|\d)*#$");
    let keys27 = "1".repeat(27);
    assert!(!finishes_within(limit, move || ambiguous.is_match(&keys27)));
    // 20,000 keys on a small thread stack: no recursion.
    let long = DigitsMatcher::new(r"^(\d|\d)*#$");
    let keys = "1".repeat(20_000) + "#";
    assert!(finishes_within(limit, move || long.is_match(&keys)));
    println!("bounded: {:?}", started.elapsed());
}

#[test]
fn look_ahead_is_matched_without_blowing_up() {
    let limit = Duration::from_secs(30);
    // The AWS voice-focus sample's number filter.
    let filter = DigitsMatcher::new(r"^(?!1900)1[0-9][0-9][0-9](\d{7})$");
    assert!(filter.backtracks());
    assert!(filter.is_match("12065550100"));
    assert!(!filter.is_match("19005550100"));
    // An ambiguous pattern behind a look-ahead: the backtracking limit ends it, as no match.
    let ambiguous = DigitsMatcher::new(r"^(?=\d)(\d|\d)*#$");
    assert!(ambiguous.backtracks());
    let keys = "1".repeat(40);
    assert!(!finishes_within(limit, move || ambiguous.is_match(&keys)));
    let ambiguous = DigitsMatcher::new(r"^(?=\d)(\d|\d)*#$");
    assert!(finishes_within(limit, move || ambiguous.is_match("123#")));
}

#[test]
fn repetitions_that_match_nothing_or_empty_are_read_as_the_engines_do() {
    // `^(1?){3}$` on "1": the old matcher said no; every engine says yes.
    assert!(DigitsMatcher::new("^(1?){3}$").is_match("1"));
    // `X{0}` with an unbounded X matches no key: the dialect's lengths say so too.
    let l = DigitsRegex::compile(r"^1(\d+){0}$").expect("dialect").lengths();
    assert_eq!((l.min, l.max), (1, Some(1)));
}

//! Proptest strategies for the contract model: canonical values only (values the parser itself
//! can produce). Plain values here; actions in `actions`, events in `events`.
#![allow(dead_code)]

pub(crate) mod actions;
pub(crate) mod events;

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use serde_json::{Map, Value};
use sma_core::TransactionAttributes;
use sma_core::action::*;

/// `value` changed by `change` (the action structs are `#[non_exhaustive]`).
pub(crate) fn with<T>(mut value: T, change: impl FnOnce(&mut T)) -> T {
    change(&mut value);
    value
}

pub(crate) fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _.:/+#*-]{0,12}"
}

pub(crate) fn nonempty() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_.:/+-]{1,12}"
}

/// A string that is none of `known` (compared exactly or case-insensitively).
pub(crate) fn other(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    nonempty().prop_filter("a documented value", move |s| {
        !known.iter().any(|k| k.eq_ignore_ascii_case(s))
    })
}

/// Transaction attributes: strings mostly, and the other JSON a handler in another language may
/// store.
pub(crate) fn attributes() -> impl Strategy<Value = TransactionAttributes> {
    let value = prop_oneof![4 => text().prop_map(Value::String), 1 => json_value()];
    btree_map("[a-zA-Z0-9_]{1,8}", value, 0..4).prop_map(|m| m.into_iter().collect())
}

pub(crate) fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            btree_map("[a-z]{1,4}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

pub(crate) fn extra() -> impl Strategy<Value = Map<String, Value>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    let value = leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            btree_map("[a-z]{1,4}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    // Unknown keys are prefixed so that they never name a modelled field.
    btree_map("zz[A-Za-z]{1,6}", value, 0..3).prop_map(|m| m.into_iter().collect())
}

/// A formatted string as read from the wire, where the model keeps it unchecked (read on its
/// own, it would be checked): made by reading an action that echoes it.
pub(crate) trait FromEcho: Sized {
    fn from_echo(s: String) -> Self;
}

impl FromEcho for E164 {
    fn from_echo(s: String) -> Self {
        let a: CallAndBridge = serde_json::from_value(serde_json::json!({"CallerIdNumber": s}))
            .expect("an echo keeps any string");
        a.caller_id_number.expect("kept")
    }
}

impl FromEcho for DigitsRegex {
    fn from_echo(s: String) -> Self {
        let a: ReceiveDigits = serde_json::from_value(serde_json::json!({"InputDigitsRegex": s}))
            .expect("an echo keeps any string");
        a.input_digits_regex.expect("kept")
    }
}

impl FromEcho for DtmfString {
    fn from_echo(s: String) -> Self {
        let a: SendDigits = serde_json::from_value(serde_json::json!({"Digits": s}))
            .expect("an echo keeps any string");
        a.digits.expect("kept")
    }
}

pub(crate) fn wire<T: FromEcho>(s: String) -> T {
    T::from_echo(s)
}

pub(crate) fn call_id() -> impl Strategy<Value = CallId> {
    nonempty().prop_map(CallId::from)
}

pub(crate) fn tag() -> impl Strategy<Value = ParticipantTag> {
    prop_oneof![
        Just(ParticipantTag::LegA),
        Just(ParticipantTag::LegB),
        other(&["LEG-A", "LEG-B"]).prop_map(ParticipantTag::Other),
    ]
}

pub(crate) fn target() -> impl Strategy<Value = Target> {
    (option::of(call_id()), option::of(tag())).prop_map(|(call_id, tag)| match (call_id, tag) {
        (None, None) => Target::InvokingLeg,
        (Some(id), None) => Target::Call(id),
        (None, Some(tag)) => Target::Tag(tag),
        (Some(id), Some(tag)) => Target::CallAndTag(id, tag),
    })
}

pub(crate) fn num() -> impl Strategy<Value = Option<u32>> {
    option::of(any::<u32>())
}

pub(crate) fn keys() -> impl Strategy<Value = Option<Vec<DtmfKey>>> {
    let key = prop_oneof![
        proptest::sample::select(DtmfKey::KNOWN.to_vec()),
        other(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"])
            .prop_map(DtmfKey::Other),
    ];
    option::of(vec(key, 0..4))
}

pub(crate) fn audio() -> impl Strategy<Value = Option<AudioSource>> {
    option::of(
        (option::of(Just(StorageType::S3)), option::of(text()), option::of(text()), extra())
            .prop_map(|(kind, bucket_name, key, extra)| {
                with(AudioSource::default(), |x| {
                    x.kind = kind;
                    x.bucket_name = bucket_name.map(Into::into);
                    x.key = key.map(Into::into);
                    x.extra = extra.into();
                })
            }),
    )
}

pub(crate) fn engine() -> impl Strategy<Value = Option<Engine>> {
    option::of(prop_oneof![
        proptest::sample::select(Engine::KNOWN.to_vec()),
        other(&["standard", "neural"]).prop_map(Engine::Other),
    ])
}

pub(crate) fn text_type() -> impl Strategy<Value = Option<TextType>> {
    option::of(proptest::sample::select(TextType::KNOWN.to_vec()))
}

pub(crate) fn speech() -> impl Strategy<Value = Option<SpeechParameters>> {
    option::of(
        (
            option::of(text()),
            engine(),
            option::of(text()),
            text_type(),
            option::of(text()),
            extra(),
        )
            .prop_map(|(text, engine, language_code, text_type, voice_id, extra)| {
                with(SpeechParameters::default(), |x| {
                    x.text = text.map(Into::into);
                    x.engine = engine;
                    x.language_code = language_code.map(Into::into);
                    x.text_type = text_type;
                    x.voice_id = voice_id.map(Into::into);
                    x.extra = extra.into();
                })
            }),
    )
}

pub(crate) fn strings() -> impl Strategy<Value = std::collections::BTreeMap<String, String>> {
    btree_map(text(), text(), 0..3)
}

pub(crate) fn collection() -> impl Strategy<Value = DigitCollection> {
    (option::of(text()), (num(), num(), keys(), num(), num(), num())).prop_map(
        |(re, (min, max, term, between, repeat, repeat_d))| {
            with(DigitCollection::default(), |x| {
                x.input_digits_regex = re.map(wire);
                x.min_number_of_digits = min;
                x.max_number_of_digits = max;
                x.terminator_digits = term;
                x.in_between_digits_duration_in_milliseconds = between;
                x.repeat = repeat;
                x.repeat_duration_in_milliseconds = repeat_d;
            })
        },
    )
}

//! The writer against `serde_json::to_writer`: the same bytes, or an error from both.

use super::to_writer;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[track_caller]
fn same<T: Serialize + ?Sized>(value: &T) {
    let mut ours = Vec::new();
    let theirs = serde_json::to_vec(value);
    match (to_writer(&mut ours, value), theirs) {
        (Ok(()), Ok(theirs)) => {
            assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs))
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("writer: {a:?}, serde_json: {b:?}"),
    }
}

/// A small deterministic generator (xorshift), so that a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn string(&mut self) -> String {
        const PIECES: [&str; 14] = [
            "a", "Z", "0", " ", "\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "é", "€", "😀", "/",
        ];
        (0..self.below(24)).map(|_| PIECES[self.below(14) as usize]).collect()
    }
    fn value(&mut self, depth: u32) -> Value {
        match self.below(if depth == 0 { 6 } else { 8 }) {
            0 => Value::Null,
            1 => Value::Bool(self.below(2) == 0),
            2 => json!(self.next() as i64),
            3 => json!(f64::from_bits(self.next()) / 1e300),
            4 => json!(self.below(1000)),
            5 => Value::String(self.string()),
            6 => (0..self.below(5)).map(|_| self.value(depth - 1)).collect(),
            _ => Value::Object(
                (0..self.below(5)).map(|_| (self.string(), self.value(depth - 1))).collect(),
            ),
        }
    }
}

#[test]
fn random_json_values_are_written_as_serde_json_writes_them() {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    for _ in 0..3_000 {
        same(&rng.value(4));
    }
}

#[test]
fn every_kind_of_serde_value_is_written_as_serde_json_writes_it() {
    #[derive(Serialize)]
    enum E {
        Unit,
        Newtype(u8),
        Tuple(i8, String),
        Struct { a: Option<u32>, b: char },
    }
    #[derive(Serialize)]
    struct Unit;
    #[derive(Serialize)]
    struct Newtype(&'static str);
    #[derive(Serialize)]
    struct Tuple(u8, bool);
    #[derive(Serialize)]
    struct Empty {}
    same(&[E::Unit, E::Newtype(7), E::Tuple(-1, "\"".into()), E::Struct { a: None, b: '\n' }]);
    same(&(Unit, Newtype("x"), Tuple(1, false), Empty {}, (), Some(()), None::<u8>));
    same(&(i128::MIN, u128::MAX, i64::MIN, u64::MAX, -0.0_f64, 1.5_f32, f64::NAN, f32::INFINITY));
    same(&(1e21_f64, 0.1_f64 + 0.2, 5e-324_f64, 'é', '\u{1}'));
    same(&serde_bytes_like());
    same::<[u8]>(&[]);
    same(&Vec::<Value>::new());
    same(&BTreeMap::<String, u8>::new());
}

/// `&[u8]` through `serialize_bytes` (serde's `Serialize` for slices writes a sequence).
fn serde_bytes_like() -> impl Serialize {
    struct Bytes;
    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&[0, 1, 255])
        }
    }
    Bytes
}

#[test]
fn keys_that_are_not_strings_are_written_or_refused_as_serde_json_does() {
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum K {
        Unit,
        Newtype(u8),
    }
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Wrapped(i16);
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct UnitKey;
    same(&BTreeMap::from([(-3_i32, 1), (7, 2)]));
    same(&BTreeMap::from([(u128::MAX, 1)]));
    same(&BTreeMap::from([(true, 1), (false, 2)]));
    same(&BTreeMap::from([('"', 1)]));
    same(&BTreeMap::from([(K::Unit, 1)]));
    same(&BTreeMap::from([(K::Newtype(1), 1)]));
    same(&BTreeMap::from([(Wrapped(-2), 1)]));
    same(&BTreeMap::from([(UnitKey, 1)]));
    same(&BTreeMap::from([(Some(1), 1)]));
    same(&BTreeMap::from([(None::<u8>, 1)]));
    same(&BTreeMap::from([((), 1)]));
    same(&BTreeMap::from([(vec![1], 1)]));
    same(&BTreeMap::from([((1, 2), 1)]));
    same(&[(1.5_f64, 1)].into_iter().collect::<Vec<_>>());
    same(&std::collections::HashMap::from([(ordered(2.5), 1)]));
    same(&std::collections::HashMap::from([(ordered(f64::NAN), 1)]));
}

/// An `f64` usable as a map key.
fn ordered(f: f64) -> impl Serialize + Eq + std::hash::Hash {
    #[derive(PartialEq)]
    struct F(f64);
    impl Eq for F {}
    impl std::hash::Hash for F {
        fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
            self.0.to_bits().hash(h);
        }
    }
    impl Serialize for F {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64(self.0)
        }
    }
    F(f)
}

#[test]
fn raw_json_text_is_written_as_it_is() {
    let raw = serde_json::value::RawValue::from_string(r#"{ "a" : [1, "\u0041"] }"#.into());
    let raw = raw.unwrap_or_else(|e| panic!("{e}"));
    same(&raw);
    same(&json!({"k": [1, 2]}).as_object().map(|m| (m, &raw)));
}

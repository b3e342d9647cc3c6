//! Property tests: `parse(serialize(x)) == x` for every event and action type.
//!
//! The strategies produce canonical values only: values the parser itself can produce. That
//! excludes, by construction of the model, an `Other` variant holding a documented value (it
//! reads back as the documented variant), an empty `CallId`/`ParticipantTag` (it means "not
//! given"), and an `extra` key that names a modelled field.

mod support;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sma_core::response::Envelope;
use std::fmt::Debug;
use support::strategies::actions::*;
use support::strategies::events::*;
use support::strategies::*;

/// `PROPTEST_CASES` when set, else 256: the explicit count would otherwise override it.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

fn roundtrip<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    x: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(x).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, x, "json: {}", json);
    Ok(())
}

proptest! {
    // 256 cases each by default; `PROPTEST_CASES` asks for more.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_action_round_trips(a in action()) {
        roundtrip(&a)?;
    }

    #[test]
    fn every_event_round_trips(e in invocation()) {
        roundtrip(&e)?;
    }

    #[test]
    fn action_data_round_trips(d in action_data()) {
        roundtrip(&d)?;
    }

    #[test]
    fn responses_round_trip(
        actions in option::of(vec(prop_oneof![4 => action(), 1 => action_with_stray_keys()], 0..11)),
        attrs in option::of(attributes()),
    ) {
        let mut r = Envelope::empty();
        r.actions = actions;
        r.transaction_attributes = attrs;
        roundtrip(&r)?;
    }
}

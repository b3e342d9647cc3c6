//! Strategies for `ActionData`, Lex results, participants and whole invocations.

use super::actions::*;
use super::*;
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use serde_json::{Number, Value};
use sma_core::action::*;
use sma_core::event::*;

/// An action of a response whose object has keys beside Type and Parameters: kept raw, whatever
/// its type (in an event, such keys belong to `ActionData`).
pub(crate) fn action_with_stray_keys() -> impl Strategy<Value = Action> {
    (
        proptest::sample::select(ActionType::KNOWN.to_vec()),
        extra(),
        extra().prop_filter("a stray key", |m| !m.is_empty()),
    )
        .prop_map(|(action_type, params, stray)| {
            Action::Raw(with(RawAction::new(action_type, Value::Object(params)), |x| {
                x.extra = stray.into()
            }))
        })
}

pub(crate) fn subject() -> impl Strategy<Value = ActionRef> {
    prop_oneof![
        4 => action().prop_map(ActionRef::Action),
        1 => (option::of(strings()), extra()).prop_map(|(arguments, extra)| ActionRef::CallUpdateRequest(with(CallUpdateRequest::default(), |x| { x.arguments = arguments; x.extra = extra.into(); }))),
        1 => (option::of(strings()), extra()).prop_map(|(arguments, extra)| ActionRef::CallCreateRequest(with(CallCreateRequest::default(), |x| { x.arguments = arguments; x.extra = extra.into(); }))),
    ]
}

pub(crate) fn error_type() -> impl Strategy<Value = ErrorType> {
    prop_oneof![
        proptest::sample::select(ErrorType::KNOWN.to_vec()),
        text()
            .prop_filter("known", |s| !ErrorType::from(s.as_str()).is_known())
            .prop_map(ErrorType::Other)
    ]
}

pub(crate) fn slot() -> impl Strategy<Value = Slot> {
    (option::of(text()), option::of(text()), option::of(vec(text(), 0..3)), extra()).prop_map(
        |(original_value, interpreted_value, resolved_values, extra)| Slot {
            value: Some(SlotValue {
                original_value: original_value.map(Into::into),
                interpreted_value: interpreted_value.map(Into::into),
                resolved_values,
                extra: Default::default(),
            }),
            values: Some(Vec::new()),
            extra: extra.into(),
            ..Slot::default()
        },
    )
}

pub(crate) fn intent() -> impl Strategy<Value = Intent> {
    (
        option::of(text()),
        option::of(btree_map(text(), option::of(slot()), 0..3)),
        option::of(proptest::sample::select(IntentState::KNOWN.to_vec())),
        option::of(proptest::sample::select(ConfirmationState::KNOWN.to_vec())),
    )
        .prop_map(|(name, slots, state, confirmation_state)| Intent {
            name: name.map(Into::into),
            slots,
            state,
            confirmation_state,
            extra: Default::default(),
        })
}

pub(crate) fn intent_result() -> impl Strategy<Value = IntentResult> {
    let score = prop_oneof![
        (0u64..=1).prop_map(Number::from),
        (0.0f64..=1.0).prop_filter_map("finite", Number::from_f64)
    ];
    (
        option::of(text()),
        option::of((option::of(strings()), option::of(intent()))),
        option::of(vec((option::of(score), option::of(intent())), 0..3)),
    )
        .prop_map(|(session_id, state, interps)| IntentResult {
            session_id: session_id.map(Into::into),
            session_state: state.map(|(session_attributes, intent)| LexSessionState {
                session_attributes,
                intent,
                extra: Default::default(),
            }),
            interpretations: interps.map(|v| {
                v.into_iter()
                    .map(|(score, intent)| Interpretation {
                        nlu_confidence: score
                            .map(|s| NluConfidence { score: Some(s), extra: Default::default() }),
                        intent,
                        extra: Default::default(),
                    })
                    .collect()
            }),
            extra: Default::default(),
        })
}

pub(crate) fn action_data() -> impl Strategy<Value = ActionData> {
    (
        subject(),
        option::of(text()),
        option::of(text()),
        option::of(intent_result()),
        option::of(error_type()),
        option::of(text()),
        option::of(text()),
        option::of(vec(extra().prop_map(Value::Object), 0..2)),
        extra(),
    )
        .prop_map(
            |(
                subject,
                digits,
                terminator,
                intent,
                error_type,
                error_message,
                error,
                error_list,
                extra,
            )| {
                let mut d = ActionData::new(subject);
                d.received_digits = digits.map(Into::into);
                d.recording_terminator_used = terminator.map(Into::into);
                d.intent_result = intent.map(Box::new);
                d.error_type = error_type;
                d.error_message = error_message.map(Into::into);
                d.error = error.map(Into::into);
                d.error_list = error_list;
                d.extra = extra.into();
                d
            },
        )
}

pub(crate) fn participant() -> impl Strategy<Value = Participant> {
    (
        call_id(),
        option::weighted(0.9, tag()),
        text(),
        text(),
        prop_oneof![
            proptest::sample::select(Direction::KNOWN.to_vec()),
            other(&["Inbound", "Outbound"]).prop_map(Direction::Other)
        ],
        "[0-9]{8,15}",
        option::of(proptest::sample::select(ParticipantStatus::KNOWN.to_vec())),
        option::of(strings()),
        extra(),
    )
        .prop_map(
            |(call_id, participant_tag, to, from, direction, start, status, sip_headers, extra)| {
                Participant {
                    call_id,
                    participant_tag,
                    to: to.into(),
                    from: from.into(),
                    direction,
                    start_time_in_milliseconds: start.into(),
                    status,
                    sip_headers: sip_headers.map(SipHeaders::from),
                    extra: extra.into(),
                }
            },
        )
}

pub(crate) fn invocation() -> impl Strategy<Value = Invocation> {
    let event_type = prop_oneof![
        proptest::sample::select(EventType::KNOWN.to_vec()),
        "[A-Z_]{3,20}"
            .prop_filter("known", |s| !EventType::from(s.as_str()).is_known())
            .prop_map(EventType::Other),
    ];
    (
        any::<u32>(),
        event_type,
        option::of(action_data()),
        (
            text(),
            option::of(attributes()),
            text(),
            text(),
            text(),
            option::of(text()),
            vec(participant(), 0..3),
            extra(),
        ),
        option::of(error_type()),
        option::of(text()),
        extra(),
    )
        .prop_map(
            |(
                sequence,
                event_type,
                action_data,
                (tx, attrs, acct, region, sma, rule, participants, dextra),
                error_type,
                error_message,
                extra,
            )| Invocation {
                schema_version: "1.0".into(),
                sequence: sequence.into(),
                event_type,
                action_data: action_data.map(Box::new),
                call_details: CallDetails {
                    transaction_id: tx.into(),
                    transaction_attributes: attrs,
                    aws_account_id: acct.into(),
                    aws_region: region.into(),
                    sip_media_application_id: sma.into(),
                    sip_rule_id: rule.map(Into::into),
                    participants,
                    extra: dextra.into(),
                },
                error_type,
                error_message: error_message.map(Into::into),
                extra: extra.into(),
            },
        )
}

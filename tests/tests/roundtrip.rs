//! Property tests: `parse(serialize(x)) == x` for every event and action type.
//!
//! The strategies produce canonical values only: values the parser itself can produce. That
//! excludes, by construction of the model, an `Other` variant holding a documented value (it
//! reads back as the documented variant), an empty `CallId`/`ParticipantTag` (it means "not
//! given"), and an `extra` key that names a modelled field.

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use sma_core::TransactionAttributes;
use sma_core::action::*;
use sma_core::event::*;
use sma_core::response::Envelope;
use std::fmt::Debug;

/// `value` changed by `change` (the action structs are `#[non_exhaustive]`).
fn with<T>(mut value: T, change: impl FnOnce(&mut T)) -> T {
    change(&mut value);
    value
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

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _.:/+#*-]{0,12}"
}

fn nonempty() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_.:/+-]{1,12}"
}

/// A string that is none of `known` (compared exactly or case-insensitively).
fn other(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    nonempty().prop_filter("a documented value", move |s| {
        !known.iter().any(|k| k.eq_ignore_ascii_case(s))
    })
}

/// Transaction attributes: strings mostly, and the other JSON a handler in another language may
/// store.
fn attributes() -> impl Strategy<Value = TransactionAttributes> {
    let value = prop_oneof![4 => text().prop_map(Value::String), 1 => json_value()];
    btree_map("[a-zA-Z0-9_]{1,8}", value, 0..4).prop_map(|m| m.into_iter().collect())
}

fn json_value() -> impl Strategy<Value = Value> {
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

fn extra() -> impl Strategy<Value = Map<String, Value>> {
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
trait FromEcho: Sized {
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

fn wire<T: FromEcho>(s: String) -> T {
    T::from_echo(s)
}

fn call_id() -> impl Strategy<Value = CallId> {
    nonempty().prop_map(CallId::from)
}

fn tag() -> impl Strategy<Value = ParticipantTag> {
    prop_oneof![
        Just(ParticipantTag::LegA),
        Just(ParticipantTag::LegB),
        other(&["LEG-A", "LEG-B"]).prop_map(ParticipantTag::Other),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    (option::of(call_id()), option::of(tag())).prop_map(|(call_id, tag)| match (call_id, tag) {
        (None, None) => Target::InvokingLeg,
        (Some(id), None) => Target::Call(id),
        (None, Some(tag)) => Target::Tag(tag),
        (Some(id), Some(tag)) => Target::CallAndTag(id, tag),
    })
}

fn num() -> impl Strategy<Value = Option<u32>> {
    option::of(any::<u32>())
}

fn keys() -> impl Strategy<Value = Option<Vec<DtmfKey>>> {
    let key = prop_oneof![
        proptest::sample::select(DtmfKey::KNOWN.to_vec()),
        other(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"])
            .prop_map(DtmfKey::Other),
    ];
    option::of(vec(key, 0..4))
}

fn audio() -> impl Strategy<Value = Option<AudioSource>> {
    option::of(
        (option::of(Just(StorageType::S3)), option::of(text()), option::of(text()), extra())
            .prop_map(|(kind, bucket_name, key, extra)| {
                with(AudioSource::default(), |x| {
                    x.kind = kind;
                    x.bucket_name = bucket_name;
                    x.key = key;
                    x.extra = extra;
                })
            }),
    )
}

fn engine() -> impl Strategy<Value = Option<Engine>> {
    option::of(prop_oneof![
        proptest::sample::select(Engine::KNOWN.to_vec()),
        other(&["standard", "neural"]).prop_map(Engine::Other),
    ])
}

fn text_type() -> impl Strategy<Value = Option<TextType>> {
    option::of(proptest::sample::select(TextType::KNOWN.to_vec()))
}

fn speech() -> impl Strategy<Value = Option<SpeechParameters>> {
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
                    x.text = text;
                    x.engine = engine;
                    x.language_code = language_code;
                    x.text_type = text_type;
                    x.voice_id = voice_id;
                    x.extra = extra;
                })
            }),
    )
}

fn strings() -> impl Strategy<Value = std::collections::BTreeMap<String, String>> {
    btree_map(text(), text(), 0..3)
}

fn collection() -> impl Strategy<Value = DigitCollection> {
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

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (
            num(),
            option::of(text()),
            audio(),
            option::of(vec(
                (
                    option::of(proptest::sample::select(BridgeEndpointType::KNOWN.to_vec())),
                    option::of(text()),
                    option::of(text()),
                    extra()
                ),
                0..2
            )),
            option::of(strings()),
            option::of(call_id()),
            extra()
        )
            .prop_map(|(t, caller, ring, eps, headers, call_id, extra)| Action::from(
                with(CallAndBridge::default(), |x| {
                    x.call_timeout_seconds = t;
                    x.caller_id_number = caller.map(wire);
                    x.ringback_tone = ring;
                    x.endpoints = eps.map(|eps| {
                        eps.into_iter()
                            .map(|(bridge_endpoint_type, arn, uri, extra)| {
                                with(Endpoint::default(), |x| {
                                    x.bridge_endpoint_type = bridge_endpoint_type;
                                    x.arn = arn;
                                    x.uri = uri;
                                    x.extra = extra;
                                })
                            })
                            .collect()
                    });
                    x.sip_headers = headers.map(SipHeaders::from);
                    x.target = call_id.map(Target::Call).unwrap_or_default();
                    x.extra = extra;
                })
            )),
        (
            target(),
            option::of(prop_oneof![
                Just(SipResponseCode::NormalClearing),
                Just(SipResponseCode::Busy),
                (1u16..)
                    .prop_filter("known", |n| *n != 480 && *n != 486)
                    .prop_map(SipResponseCode::Other)
            ]),
            extra()
        )
            .prop_map(|(target, sip_response_code, extra)| Action::from(with(
                Hangup::default(),
                |x| {
                    x.target = target;
                    x.sip_response_code = sip_response_code;
                    x.extra = extra;
                }
            ))),
        (option::of(text()), target(), option::of(text()), extra()).prop_map(
            |(join_token, target, meeting_id, extra)| Action::from(with(
                JoinChimeMeeting::default(),
                |x| {
                    x.join_token = join_token;
                    x.target = target;
                    x.meeting_id = meeting_id;
                    x.extra = extra;
                }
            ))
        ),
        (
            option::of(proptest::sample::select(MeetingOperation::KNOWN.to_vec())),
            option::of(text()),
            target(),
            option::of(vec(text(), 0..3)),
            extra()
        )
            .prop_map(
                |(operation, meeting_id, target, attendee_list, extra)| Action::from(with(
                    ModifyChimeMeetingAttendees::default(),
                    |x| {
                        x.operation = operation;
                        x.meeting_id = meeting_id;
                        x.target = target;
                        x.attendee_list = attendee_list;
                        x.extra = extra;
                    }
                ))
            ),
        (target(), num(), extra()).prop_map(|(target, duration_in_milliseconds, extra)| {
            Action::from(with(Pause::default(), |x| {
                x.target = target;
                x.duration_in_milliseconds = duration_in_milliseconds;
                x.extra = extra;
            }))
        }),
        (target(), keys(), num(), audio(), extra()).prop_map(
            |(target, playback_terminators, repeat, audio_source, extra)| Action::from(with(
                PlayAudio::default(),
                |x| {
                    x.target = target;
                    x.playback_terminators = playback_terminators;
                    x.repeat = repeat;
                    x.audio_source = audio_source;
                    x.extra = extra;
                }
            ))
        ),
        (target(), audio(), audio(), collection(), extra()).prop_map(
            |(target, audio_source, failure_audio_source, digits, extra)| Action::from(with(
                PlayAudioAndGetDigits::default(),
                |x| {
                    x.target = target;
                    x.audio_source = audio_source;
                    x.failure_audio_source = failure_audio_source;
                    x.digits = digits;
                    x.extra = extra;
                }
            ))
        ),
        (target(), option::of(text()), num(), num(), extra()).prop_map(
            |(target, re, between, flush, extra)| Action::from(with(
                ReceiveDigits::default(),
                |x| {
                    x.target = target;
                    x.input_digits_regex = re.map(wire);
                    x.in_between_digits_duration_in_milliseconds = between;
                    x.flush_digits_duration_in_milliseconds = flush;
                    x.extra = extra;
                }
            ))
        ),
        (
            target(),
            num(),
            num(),
            num(),
            keys(),
            option::of((
                option::of(Just(StorageType::S3)),
                option::of(text()),
                option::of(text()),
                option::of(text()),
                extra()
            )),
            extra()
        )
            .prop_map(|(target, d, s, t, term, dest, extra)| Action::from(with(
                RecordAudio::default(),
                |x| {
                    x.target = target;
                    x.duration_in_seconds = d;
                    x.silence_duration_in_seconds = s;
                    x.silence_threshold = t;
                    x.recording_terminators = term;
                    x.recording_destination =
                        dest.map(|(kind, bucket_name, prefix, key, extra)| {
                            with(RecordingDestination::default(), |y| {
                                y.kind = kind;
                                y.bucket_name = bucket_name;
                                y.prefix = prefix;
                                y.key = key;
                                y.extra = extra;
                            })
                        });
                    x.extra = extra;
                }
            ))),
        (option::of(call_id()), option::of(text()), num(), extra()).prop_map(
            |(call_id, digits, tone, extra)| Action::from(with(SendDigits::default(), |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.digits = digits.map(wire);
                x.tone_duration_in_milliseconds = tone;
                x.extra = extra;
            }))
        ),
        (
            option::of(call_id()),
            option::of(text()),
            engine(),
            option::of(text()),
            text_type(),
            option::of(text()),
            extra()
        )
            .prop_map(
                |(call_id, text, engine, language_code, text_type, voice_id, extra)| Action::from(
                    with(Speak::default(), |x| {
                        x.target = call_id.map(Target::Call).unwrap_or_default();
                        x.text = text;
                        x.engine = engine;
                        x.language_code = language_code;
                        x.text_type = text_type;
                        x.voice_id = voice_id;
                        x.extra = extra;
                    })
                )
            ),
        (option::of(call_id()), speech(), speech(), collection(), extra()).prop_map(
            |(call_id, speech_parameters, failure_speech_parameters, digits, extra)| {
                Action::from(with(SpeakAndGetDigits::default(), |x| {
                    x.target = call_id.map(Target::Call).unwrap_or_default();
                    x.speech_parameters = speech_parameters;
                    x.failure_speech_parameters = failure_speech_parameters;
                    x.digits = digits;
                    x.extra = extra;
                }))
            }
        ),
        (
            target(),
            option::of(text()),
            option::of(text()),
            option::of((
                option::of(strings()),
                option::of(proptest::sample::select(DialogActionType::KNOWN.to_vec())),
                option::of(vec(
                    (
                        option::of(text()),
                        option::of(proptest::sample::select(ContentType::KNOWN.to_vec()))
                    ),
                    0..2
                ))
            )),
            extra()
        )
            .prop_map(|(target, bot_alias_arn, locale_id, config, extra)| Action::from(
                with(StartBotConversation::default(), |x| {
                    x.target = target;
                    x.bot_alias_arn = bot_alias_arn;
                    x.locale_id = locale_id;
                    x.configuration = config.map(|(attrs, dialog, welcome)| {
                        with(BotConfiguration::default(), |x| {
                            x.session_state = Some(with(BotSessionState::default(), |y| {
                                y.session_attributes = attrs;
                                y.dialog_action = dialog.map(|kind| {
                                    with(DialogAction::default(), |y| {
                                        y.kind = Some(kind);
                                        y.extra = Map::new();
                                    })
                                });
                                y.extra = Map::new();
                            }));
                            x.welcome_messages = welcome.map(|w| {
                                w.into_iter()
                                    .map(|(content, content_type)| {
                                        with(WelcomeMessage::default(), |y| {
                                            y.content = content;
                                            y.content_type = content_type;
                                            y.extra = Map::new();
                                        })
                                    })
                                    .collect()
                            });
                            x.extra = Map::new();
                        })
                    });
                    x.extra = extra;
                })
            )),
        (
            option::of(call_id()),
            option::of(proptest::sample::select(Track::KNOWN.to_vec())),
            option::of((option::of(text()), extra())),
            extra()
        )
            .prop_map(|(call_id, track, dest, extra)| Action::from(with(
                StartCallRecording::default(),
                |x| {
                    x.target = call_id.map(Target::Call).unwrap_or_default();
                    x.track = track;
                    x.destination = dest.map(|(location, extra)| {
                        with(CallRecordingDestination::default(), |x| {
                            x.kind = Some(StorageType::S3);
                            x.location = location;
                            x.extra = extra;
                        })
                    });
                    x.extra = extra;
                }
            ))),
        (option::of(call_id()), extra()).prop_map(|(call_id, extra)| Action::from(with(
            StopCallRecording::default(),
            |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra;
            }
        ))),
        (option::of(call_id()), extra()).prop_map(|(call_id, extra)| Action::from(with(
            PauseCallRecording::default(),
            |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra;
            }
        ))),
        (option::of(call_id()), extra()).prop_map(|(call_id, extra)| Action::from(with(
            ResumeCallRecording::default(),
            |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra;
            }
        ))),
        (option::of(any::<bool>()), option::of(call_id()), extra()).prop_map(
            |(enable, call_id, extra)| Action::from(with(VoiceFocus::default(), |x| {
                x.enable = enable;
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra;
            }))
        ),
        (
            "[A-Z][a-zA-Z]{2,12}"
                .prop_filter("a known type", |s| !ActionType::from(s.as_str()).is_known()),
            extra()
        )
            .prop_map(|(name, params)| Action::Raw(RawAction::new(
                ActionType::from(name),
                Value::Object(params)
            ))),
    ]
}

/// An action of a response whose object has keys beside Type and Parameters: kept raw, whatever
/// its type (in an event, such keys belong to `ActionData`).
fn action_with_stray_keys() -> impl Strategy<Value = Action> {
    (
        proptest::sample::select(ActionType::KNOWN.to_vec()),
        extra(),
        extra().prop_filter("a stray key", |m| !m.is_empty()),
    )
        .prop_map(|(action_type, params, stray)| {
            Action::Raw(with(RawAction::new(action_type, Value::Object(params)), |x| {
                x.extra = stray
            }))
        })
}

fn subject() -> impl Strategy<Value = ActionRef> {
    prop_oneof![
        4 => action().prop_map(ActionRef::Action),
        1 => (option::of(strings()), extra()).prop_map(|(arguments, extra)| ActionRef::CallUpdateRequest(with(CallUpdateRequest::default(), |x| { x.arguments = arguments; x.extra = extra; }))),
        1 => (option::of(strings()), extra()).prop_map(|(arguments, extra)| ActionRef::CallCreateRequest(with(CallCreateRequest::default(), |x| { x.arguments = arguments; x.extra = extra; }))),
    ]
}

fn error_type() -> impl Strategy<Value = ErrorType> {
    prop_oneof![
        proptest::sample::select(ErrorType::KNOWN.to_vec()),
        text()
            .prop_filter("known", |s| !ErrorType::from(s.as_str()).is_known())
            .prop_map(ErrorType::Other)
    ]
}

fn slot() -> impl Strategy<Value = Slot> {
    (option::of(text()), option::of(text()), option::of(vec(text(), 0..3)), extra()).prop_map(
        |(original_value, interpreted_value, resolved_values, extra)| Slot {
            value: Some(SlotValue {
                original_value,
                interpreted_value,
                resolved_values,
                extra: Map::new(),
            }),
            values: Some(Vec::new()),
            extra,
            ..Slot::default()
        },
    )
}

fn intent() -> impl Strategy<Value = Intent> {
    (
        option::of(text()),
        option::of(btree_map(text(), option::of(slot()), 0..3)),
        option::of(proptest::sample::select(IntentState::KNOWN.to_vec())),
        option::of(proptest::sample::select(ConfirmationState::KNOWN.to_vec())),
    )
        .prop_map(|(name, slots, state, confirmation_state)| Intent {
            name,
            slots,
            state,
            confirmation_state,
            extra: Map::new(),
        })
}

fn intent_result() -> impl Strategy<Value = IntentResult> {
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
            session_id,
            session_state: state.map(|(session_attributes, intent)| LexSessionState {
                session_attributes,
                intent,
                extra: Map::new(),
            }),
            interpretations: interps.map(|v| {
                v.into_iter()
                    .map(|(score, intent)| Interpretation {
                        nlu_confidence: score
                            .map(|s| NluConfidence { score: Some(s), extra: Map::new() }),
                        intent,
                        extra: Map::new(),
                    })
                    .collect()
            }),
            extra: Map::new(),
        })
}

fn action_data() -> impl Strategy<Value = ActionData> {
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
                d.received_digits = digits;
                d.recording_terminator_used = terminator;
                d.intent_result = intent;
                d.error_type = error_type;
                d.error_message = error_message;
                d.error = error;
                d.error_list = error_list;
                d.extra = extra;
                d
            },
        )
}

fn participant() -> impl Strategy<Value = Participant> {
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
                    to,
                    from,
                    direction,
                    start_time_in_milliseconds: start,
                    status,
                    sip_headers: sip_headers.map(SipHeaders::from),
                    extra,
                }
            },
        )
}

fn invocation() -> impl Strategy<Value = Invocation> {
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
                    aws_account_id: acct,
                    aws_region: region,
                    sip_media_application_id: sma,
                    sip_rule_id: rule,
                    participants,
                    extra: dextra,
                },
                error_type,
                error_message,
                extra,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

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

//! Strategies for every action type.

use super::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::Value;
use sma_core::action::*;

pub(crate) fn action() -> impl Strategy<Value = Action> {
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
                                    x.arn = arn.map(Into::into);
                                    x.uri = uri.map(Into::into);
                                    x.extra = extra.into();
                                })
                            })
                            .collect()
                    });
                    x.sip_headers = headers.map(SipHeaders::from);
                    x.target = call_id.map(Target::Call).unwrap_or_default();
                    x.extra = extra.into();
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
                    x.extra = extra.into();
                }
            ))),
        (option::of(text()), target(), option::of(text()), extra()).prop_map(
            |(join_token, target, meeting_id, extra)| Action::from(with(
                JoinChimeMeeting::default(),
                |x| {
                    x.join_token = join_token.map(Into::into);
                    x.target = target;
                    x.meeting_id = meeting_id.map(Into::into);
                    x.extra = extra.into();
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
                        x.meeting_id = meeting_id.map(Into::into);
                        x.target = target;
                        x.attendee_list = attendee_list;
                        x.extra = extra.into();
                    }
                ))
            ),
        (target(), num(), extra()).prop_map(|(target, duration_in_milliseconds, extra)| {
            Action::from(with(Pause::default(), |x| {
                x.target = target;
                x.duration_in_milliseconds = duration_in_milliseconds;
                x.extra = extra.into();
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
                    x.extra = extra.into();
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
                    x.extra = extra.into();
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
                    x.extra = extra.into();
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
                                y.bucket_name = bucket_name.map(Into::into);
                                y.prefix = prefix.map(Into::into);
                                y.key = key.map(Into::into);
                                y.extra = extra.into();
                            })
                        });
                    x.extra = extra.into();
                }
            ))),
        (option::of(call_id()), option::of(text()), num(), extra()).prop_map(
            |(call_id, digits, tone, extra)| Action::from(with(SendDigits::default(), |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.digits = digits.map(wire);
                x.tone_duration_in_milliseconds = tone;
                x.extra = extra.into();
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
                        x.text = text.map(Into::into);
                        x.engine = engine;
                        x.language_code = language_code.map(Into::into);
                        x.text_type = text_type;
                        x.voice_id = voice_id.map(Into::into);
                        x.extra = extra.into();
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
                    x.extra = extra.into();
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
                    x.bot_alias_arn = bot_alias_arn.map(Into::into);
                    x.locale_id = locale_id.map(Into::into);
                    x.configuration = config.map(|(attrs, dialog, welcome)| {
                        with(BotConfiguration::default(), |x| {
                            x.session_state = Some(with(BotSessionState::default(), |y| {
                                y.session_attributes = attrs;
                                y.dialog_action = dialog.map(|kind| {
                                    with(DialogAction::default(), |y| {
                                        y.kind = Some(kind);
                                        y.extra = Default::default();
                                    })
                                });
                                y.extra = Default::default();
                            }));
                            x.welcome_messages = welcome.map(|w| {
                                w.into_iter()
                                    .map(|(content, content_type)| {
                                        with(WelcomeMessage::default(), |y| {
                                            y.content = content.map(Into::into);
                                            y.content_type = content_type;
                                            y.extra = Default::default();
                                        })
                                    })
                                    .collect()
                            });
                            x.extra = Default::default();
                        })
                    });
                    x.extra = extra.into();
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
                            x.location = location.map(Into::into);
                            x.extra = extra.into();
                        })
                    });
                    x.extra = extra.into();
                }
            ))),
        (option::of(call_id()), extra()).prop_map(|(call_id, extra)| Action::from(with(
            StopCallRecording::default(),
            |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra.into();
            }
        ))),
        (option::of(call_id()), extra()).prop_map(|(call_id, extra)| Action::from(with(
            PauseCallRecording::default(),
            |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra.into();
            }
        ))),
        (option::of(call_id()), extra()).prop_map(|(call_id, extra)| Action::from(with(
            ResumeCallRecording::default(),
            |x| {
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra.into();
            }
        ))),
        (option::of(any::<bool>()), option::of(call_id()), extra()).prop_map(
            |(enable, call_id, extra)| Action::from(with(VoiceFocus::default(), |x| {
                x.enable = enable;
                x.target = call_id.map(Target::Call).unwrap_or_default();
                x.extra = extra.into();
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

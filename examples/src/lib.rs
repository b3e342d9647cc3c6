//! Example SIP media application handlers written with `sma`. Each module is one Lambda
//! function; `src/bin/` has its `main`.

pub mod call_forwarding;
pub mod ivr;
pub mod lex_bot;
pub mod meeting_dial_in;
pub mod outbound_notification;
pub mod play_recording;
pub mod recording_on_demand;
pub mod update_call;
pub mod voicemail;

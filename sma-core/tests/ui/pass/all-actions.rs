//! A route for every action type, each extracting its typed result: the macro's list of actions
//! matches sma-core's.
use sma_core::action;
use sma_core::prelude::*;

#[on(ActionSuccessful, action = CallAndBridge)]
async fn done_call_and_bridge(result: ActionResult<action::CallAndBridge>) {
    let _ = result;
}

#[on(ActionSuccessful, action = Hangup)]
async fn done_hangup(result: ActionResult<action::Hangup>) {
    let _ = result;
}

#[on(ActionSuccessful, action = JoinChimeMeeting)]
async fn done_join_chime_meeting(result: ActionResult<action::JoinChimeMeeting>) {
    let _ = result;
}

#[on(ActionSuccessful, action = ModifyChimeMeetingAttendees)]
async fn done_modify_chime_meeting_attendees(result: ActionResult<action::ModifyChimeMeetingAttendees>) {
    let _ = result;
}

#[on(ActionSuccessful, action = Pause)]
async fn done_pause(result: ActionResult<action::Pause>) {
    let _ = result;
}

#[on(ActionSuccessful, action = PlayAudio)]
async fn done_play_audio(result: ActionResult<action::PlayAudio>) {
    let _ = result;
}

#[on(ActionSuccessful, action = PlayAudioAndGetDigits)]
async fn done_play_audio_and_get_digits(result: ActionResult<action::PlayAudioAndGetDigits>) {
    let _ = result;
}

#[on(ActionSuccessful, action = ReceiveDigits)]
async fn done_receive_digits(result: ActionResult<action::ReceiveDigits>) {
    let _ = result;
}

#[on(ActionSuccessful, action = RecordAudio)]
async fn done_record_audio(result: ActionResult<action::RecordAudio>) {
    let _ = result;
}

#[on(ActionSuccessful, action = SendDigits)]
async fn done_send_digits(result: ActionResult<action::SendDigits>) {
    let _ = result;
}

#[on(ActionSuccessful, action = Speak)]
async fn done_speak(result: ActionResult<action::Speak>) {
    let _ = result;
}

#[on(ActionSuccessful, action = SpeakAndGetDigits)]
async fn done_speak_and_get_digits(result: ActionResult<action::SpeakAndGetDigits>) {
    let _ = result;
}

#[on(ActionSuccessful, action = StartBotConversation)]
async fn done_start_bot_conversation(result: ActionResult<action::StartBotConversation>) {
    let _ = result;
}

#[on(ActionSuccessful, action = StartCallRecording)]
async fn done_start_call_recording(result: ActionResult<action::StartCallRecording>) {
    let _ = result;
}

#[on(ActionSuccessful, action = StopCallRecording)]
async fn done_stop_call_recording(result: ActionResult<action::StopCallRecording>) {
    let _ = result;
}

#[on(ActionSuccessful, action = PauseCallRecording)]
async fn done_pause_call_recording(result: ActionResult<action::PauseCallRecording>) {
    let _ = result;
}

#[on(ActionSuccessful, action = ResumeCallRecording)]
async fn done_resume_call_recording(result: ActionResult<action::ResumeCallRecording>) {
    let _ = result;
}

#[on(ActionSuccessful, action = VoiceFocus)]
async fn done_voice_focus(result: ActionResult<action::VoiceFocus>) {
    let _ = result;
}

fn main() {
    let router = handlers![
        done_call_and_bridge,
        done_hangup,
        done_join_chime_meeting,
        done_modify_chime_meeting_attendees,
        done_pause,
        done_play_audio,
        done_play_audio_and_get_digits,
        done_receive_digits,
        done_record_audio,
        done_send_digits,
        done_speak,
        done_speak_and_get_digits,
        done_start_bot_conversation,
        done_start_call_recording,
        done_stop_call_recording,
        done_pause_call_recording,
        done_resume_call_recording,
        done_voice_focus,
    ];
    assert_eq!(router.len(), 18);
}

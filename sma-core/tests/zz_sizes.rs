//! scratch
#[test]
fn sizes() {
    use std::mem::size_of;
    use sma_core::action::*;
    use sma_core::event::*;
    eprintln!("ActionRef {}", size_of::<ActionRef>());
    eprintln!("IntentResult {}", size_of::<IntentResult>());
    eprintln!("RecordingDestination {}", size_of::<RecordingDestination>());
    eprintln!("CallRecordingDestination {}", size_of::<CallRecordingDestination>());
    eprintln!("ErrorType {}", size_of::<ErrorType>());
    eprintln!("Map {}", size_of::<serde_json::Map<String, serde_json::Value>>());
    eprintln!("Speak {}", size_of::<Speak>());
    eprintln!("SpeakAndGetDigits {}", size_of::<SpeakAndGetDigits>());
    eprintln!("PlayAudioAndGetDigits {}", size_of::<PlayAudioAndGetDigits>());
    eprintln!("CallAndBridge {}", size_of::<CallAndBridge>());
    eprintln!("StartBotConversation {}", size_of::<StartBotConversation>());
    eprintln!("RecordAudio {}", size_of::<RecordAudio>());
    eprintln!("StartCallRecording {}", size_of::<StartCallRecording>());
    eprintln!("JoinChimeMeeting {}", size_of::<JoinChimeMeeting>());
    eprintln!("RawAction {}", size_of::<RawAction>());
    eprintln!("SpeechParameters {}", size_of::<SpeechParameters>());
    eprintln!("Target {}", size_of::<Target>());
    eprintln!("Hangup {}", size_of::<Hangup>());
    eprintln!("PlayAudio {}", size_of::<PlayAudio>());
    eprintln!("ReceiveDigits {}", size_of::<ReceiveDigits>());
    eprintln!("ModifyChimeMeetingAttendees {}", size_of::<ModifyChimeMeetingAttendees>());
}

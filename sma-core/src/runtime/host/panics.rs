//! A handler's panic message stays off stderr unless the application logs call data.

/// Keeps a handler's panic message off stderr (CloudWatch, on Lambda): it may hold call data,
/// and the failure policy's ERROR line logs it with the call data removed. Any other panic (at
/// start-up, in the runtime) goes to the hook that was there, message and all.
pub(super) fn quiet_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::runtime::app::guard::in_handler() {
            return previous(info);
        }
        let at =
            info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!(
            "a handler panicked{at}; its message is in the ERROR log line that follows, without call data"
        );
    }));
}

//! The whole path, event bytes to response: no panic, the answer is an envelope the service
//! reads, and no phone number or call value of the event is in what the path logs.
#![no_main]

use std::sync::OnceLock;

fn app() -> &'static (sma_core::App, tokio::runtime::Runtime) {
    static APP: OnceLock<(sma_core::App, tokio::runtime::Runtime)> = OnceLock::new();
    APP.get_or_init(|| {
        let runtime =
            tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
        (sma_core::App::new(sma_tests::invariants::router()), runtime)
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (app, runtime) = app();
    sma_tests::invariants::whole_path(app, runtime, data);
});

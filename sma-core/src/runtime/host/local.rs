//! Local mode: outside Lambda, the application answers event files named on the command line.

use crate::runtime::Error;
use crate::runtime::app::App;
use std::io::Write;

/// Answers each event file with `app` and prints the response as pretty JSON.
pub(super) async fn run(app: &App, files: Vec<std::path::PathBuf>) -> Result<(), Error> {
    if files.is_empty() {
        return Err(format!(
            "not running in AWS Lambda (AWS_LAMBDA_RUNTIME_API is not set). Pass invocation \
                 event JSON files to answer them locally, e.g. `{} event.json`, or serve the \
                 function with `cargo lambda watch` and send events with `cargo lambda invoke \
                 --data-file event.json`",
            std::env::args().next().unwrap_or_else(|| "handler".into())
        )
        .into());
    }
    let mut failed = 0;
    for file in files {
        let event = std::fs::read(&file)
            .map(bytes::Bytes::from)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        serde_json::from_slice::<serde::de::IgnoredAny>(&event)
            .map_err(|e| format!("{} is not JSON: {e}", file.display()))?;
        let (bytes, answered) = app.serve(&event, Default::default()).await;
        if let Some(error) = &answered.error {
            // On stderr, whether or not a tracing subscriber is set: the reason the
            // failure policy answered below.
            let handler = answered.handler.unwrap_or("no handler");
            eprintln!("{} ({handler}): {error}; the failure policy answered", file.display());
            failed += 1;
        }
        // Pretty-printed through a `Value`, so that the binary carries the model's
        // serializer once (compact, as on the wire).
        let value: serde_json::Value = serde_json::from_slice(&bytes)?;
        // A closed stdout (`| head`) ends the run with an error, not a panic.
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)
            .map_err(|e| format!("cannot write the answer: {e}"))?;
    }
    if failed > 0 {
        return Err(format!("{failed} event(s) were answered by the failure policy").into());
    }
    Ok(())
}

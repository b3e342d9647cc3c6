//! Replays a log of recorded calls against one of the example functions and prints what
//! differs:
//!
//! ```text
//! cargo run -p sma-examples --example replay -- <function> <log file> [--ignore <path>]... [--ignore-speak-text]
//! ```
//!
//! `<function>` is `ivr` or `play-recording`; the log is any form
//! `sma_core::testing::replay::read_log` reads (sma's recording lines, a CloudWatch
//! `filter-log-events` export, events printed by a Python or Node handler). Exits with 1 when an
//! answer differs, 2 on a usage error.
//!
//! An example target rather than a binary: it uses `sma_core::testing`, which the Lambda
//! binaries of this package do not carry.

use sma_core::App;
use sma_core::testing::replay::{Replay, read_log};
use sma_examples::{ivr, play_recording};
use std::process::ExitCode;

const USAGE: &str =
    "usage: replay <ivr|play-recording> <log file> [--ignore <path>]... [--ignore-speak-text]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `Ok(true)`: every answer is the recorded one.
pub(crate) fn run(args: &[String]) -> Result<bool, String> {
    let [function, log, options @ ..] = args else { return Err("missing arguments".into()) };
    let app = function_named(function)?;
    let text = std::fs::read_to_string(log).map_err(|e| format!("cannot read {log}: {e}"))?;
    let calls = read_log(&text);
    if calls.is_empty() {
        return Err(format!("{log} holds no invocation event"));
    }
    let mut replay = Replay::new(app);
    let mut options = options.iter();
    while let Some(option) = options.next() {
        replay = match option.as_str() {
            "--ignore" => replay.ignore(options.next().ok_or("--ignore needs a path")?),
            "--ignore-speak-text" => replay.ignore_speak_text(),
            other => return Err(format!("unknown option {other}")),
        };
    }
    let report = replay.run(&calls);
    print!("{report}");
    Ok(report.is_same())
}

fn function_named(name: &str) -> Result<App, String> {
    match name {
        "ivr" => Ok(ivr::app(ivr::Directory::from_env()?)),
        "play-recording" => Ok(play_recording::app(play_recording::Recording::from_env())),
        other => Err(format!("unknown function {other}")),
    }
}

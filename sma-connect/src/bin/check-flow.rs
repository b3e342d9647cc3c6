//! `check-flow FLOW.json...`: checks Amazon Connect flow files against the rules of the
//! documentation (see `sma_connect::check`), prints each problem and exits with 1 if any.

use std::process::ExitCode;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: check-flow FLOW.json...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in &files {
        let content = match std::fs::read_to_string(file) {
            Ok(content) => content,
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
                continue;
            }
        };
        let report = sma_connect::check(&content);
        for problem in &report.problems {
            println!("{file}: {problem}");
        }
        for kind in &report.unchecked_types {
            println!("{file}: note: the parameters of {kind} actions are not checked");
        }
        if report.is_ok() {
            println!(
                "{file}: ok by the documented rules (Amazon Connect docs as read on {}); \
                 importing it with status PUBLISHED is the service's own check",
                sma_connect::DOCS_DATE
            );
        }
        failed |= !report.is_ok();
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

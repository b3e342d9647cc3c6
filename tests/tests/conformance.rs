//! Conformance of the contract model against golden JSON.
//!
//! Reads every `*.json` in `$SMA_CONFORMANCE_DIR` (relative to the workspace root; default:
//! this package's `fixtures/`) and
//! checks, by file name:
//!
//! - `event_*`: parses as an [`Invocation`] and serializes back to the same JSON up to the
//!   documented [`Normalization`]s. Files whose name contains `partial`, `fragment`, `template`
//!   or `literal` are excerpts of the docs: only their `ActionData` (when present) is checked;
//! - `action_*`: a bare action object, or a whole response when it has `SchemaVersion`;
//! - `response_*`: a response that passes the envelope check and round-trips;
//!   `response_invalid-*` must be reported invalid; `response_invalid-legacy-*` must be invalid
//!   under the legacy attribute limits and valid under the current ones.
//!
//! Every action of a known type must parse into its typed struct (not kept raw).
//! Prints `conformance: N files, N passed, N failed` and fails if any failed or none was read.

use serde_json::Value;
use sma_core::Invocation;
use sma_core::action::{Action, ActionType};
use sma_core::event::{ActionData, ActionRef};
use sma_core::response::{Envelope, Limits};
use sma_core::wire::Normalization;
use sma_tests::normalize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXCERPT_MARKERS: &[&str] = &["partial", "fragment", "template", "literal"];

fn main() -> ExitCode {
    // Cargo runs tests from the package directory; a relative SMA_CONFORMANCE_DIR is taken
    // relative to the workspace root, where the command is typed.
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = match std::env::var_os("SMA_CONFORMANCE_DIR").map(PathBuf::from) {
        Some(d) if d.is_relative() => package.parent().unwrap_or(package).join(d),
        Some(d) => d,
        None => package.join("fixtures"),
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(e) => {
            eprintln!("conformance: cannot read {}: {e}", dir.display());
            println!("conformance: 0 files, 0 passed, 0 failed");
            return ExitCode::FAILURE;
        }
    };
    files.sort();
    println!(
        "conformance: reading {} ({} normalizations documented)",
        dir.display(),
        Normalization::ALL.len()
    );

    let (mut passed, mut failed) = (0usize, 0usize);
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match check_file(path, &name) {
            Ok(()) => passed += 1,
            Err(why) => {
                failed += 1;
                println!("FAIL {name}: {why}");
            }
        }
    }
    println!("conformance: {} files, {passed} passed, {failed} failed", files.len());
    if files.is_empty() || failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn check_file(path: &Path, name: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let raw: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let excerpt = EXCERPT_MARKERS.iter().any(|m| name.contains(m));
    if name.starts_with("event_") {
        if excerpt { check_excerpt(&raw) } else { check_event(&raw) }
    } else if name.starts_with("action_") {
        if raw.get("SchemaVersion").is_some() { check_response(&raw) } else { check_action(&raw) }
    } else if name.starts_with("response_invalid-legacy-") {
        match Envelope::check_json(&raw, &Limits::LEGACY) {
            Ok(_) => Err("accepted under the legacy attribute limits; expected invalid".into()),
            Err(_) => Envelope::check_json(&raw, &Limits::CURRENT)
                .map(drop)
                .map_err(|e| format!("rejected under the current limits: {}", join(&e))),
        }
    } else if name.starts_with("response_invalid-") {
        match Envelope::check_json(&raw, &Limits::CURRENT) {
            Ok(_) => Err("accepted; expected the response check to report it invalid".into()),
            Err(_) => Ok(()),
        }
    } else if name.starts_with("response_") {
        check_response(&raw)
    } else {
        Err("name does not start with event_, action_ or response_".into())
    }
}

fn check_event(raw: &Value) -> Result<(), String> {
    let event: Invocation =
        serde_json::from_value(raw.clone()).map_err(|e| format!("does not parse: {e}"))?;
    if let Some(data) = &event.action_data {
        typed(data)?;
    }
    let mut expected = raw.clone();
    normalize::normalize_invocation(&mut expected);
    same(&expected, &serde_json::to_value(&event).map_err(|e| e.to_string())?)?;
    // A second round trip must be the identity: the canonical form is stable.
    let again: Invocation = serde_json::from_value(expected.clone()).map_err(|e| e.to_string())?;
    if again != event {
        return Err("parsing the canonical form gives a different value".into());
    }
    Ok(())
}

fn check_excerpt(raw: &Value) -> Result<(), String> {
    let Some(data) = raw.get("ActionData") else { return Ok(()) };
    let parsed: ActionData = serde_json::from_value(data.clone())
        .map_err(|e| format!("ActionData does not parse: {e}"))?;
    typed(&parsed)?;
    let mut expected = data.clone();
    normalize::normalize_action_data(&mut expected);
    same(&expected, &serde_json::to_value(&parsed).map_err(|e| e.to_string())?)
}

fn check_action(raw: &Value) -> Result<(), String> {
    let action: Action =
        serde_json::from_value(raw.clone()).map_err(|e| format!("does not parse: {e}"))?;
    typed_action(&action)?;
    let mut expected = raw.clone();
    normalize::normalize_action(&mut expected);
    same(&expected, &serde_json::to_value(&action).map_err(|e| e.to_string())?)
}

fn check_response(raw: &Value) -> Result<(), String> {
    let response = Envelope::check_json(raw, &Limits::CURRENT)
        .map_err(|e| format!("rejected: {}", join(&e)))?;
    for action in response.actions.iter().flatten() {
        typed_action(action)?;
    }
    let mut expected = raw.clone();
    normalize::normalize_response(&mut expected);
    same(&expected, &serde_json::to_value(&response).map_err(|e| e.to_string())?)
}

/// A known action type must land in its typed struct.
fn typed(data: &ActionData) -> Result<(), String> {
    match &data.subject {
        ActionRef::Action(a) => typed_action(a),
        ActionRef::CallUpdateRequest(_) | ActionRef::CallCreateRequest(_) => Ok(()),
    }
}

fn typed_action(action: &Action) -> Result<(), String> {
    match action {
        Action::Raw(raw) if !matches!(raw.action_type, ActionType::Other(_)) => Err(format!(
            "{} was kept raw instead of typed: {}",
            raw.action_type,
            raw.problem.as_deref().unwrap_or("?")
        )),
        _ => Ok(()),
    }
}

fn same(expected: &Value, actual: &Value) -> Result<(), String> {
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "round trip differs\n  expected (normalized input): {expected}\n  actual (serialized):         {actual}"
        ))
    }
}

fn join(v: &[sma_core::response::Violation]) -> String {
    v.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

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
//! - `response_*`: a response that passes the check the runtime applies before sending
//!   ([`Envelope::validate`], warnings allowed) and round-trips; `response_invalid-*` must be
//!   rejected; `response_invalid-legacy-*` must be rejected under the legacy attribute limits
//!   and accepted under the current ones.
//!
//! Doc examples and captures hold placeholders where a real value was ([`PLACEHOLDERS`]): a
//! rejection is accepted only at a value that is one of them, and each is counted.
//!
//! Every action of a known type must parse into its typed struct (not kept raw). Every filled
//! Lex slot must read through the accessors (`Slot::interpreted`, `original`, `resolved`) as the
//! value at its JSON path, with no key left unknown.
//! Prints `conformance: N files, N passed, N failed` and fails if any failed or none was read.

use serde_json::Value;
use sma_core::Invocation;
use sma_core::action::{Action, ActionType};
use sma_core::event::{ActionData, ActionRef};
use sma_core::response::{Envelope, Limits, Rule, Violation};
use sma_core::wire::Normalization;
use sma_tests::normalize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXCERPT_MARKERS: &[&str] = &["partial", "fragment", "template", "literal"];

/// Values that stand for a real one in doc examples and published captures, with where they come
/// from. The validator rightly rejects them (they are not numbers or ARNs); a file is accepted
/// when its only rejections are at such values.
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("e164PhoneNumber", "CallAndBridge doc examples"),
    ("string", "the StartBotConversation syntax template"),
    ("NPANXXXXXX", "number redacted in the amazon-chime-pstn-audio-with-amazon-lex-ivr README"),
    ("<account-num>", "account redacted in the PSTN audio workshop README"),
    ("s3_bucket_name", "bucket placeholder of the CallAndBridge doc examples"),
    ("valid-S3-bucket-name", "bucket placeholder of the PlayAudio doc example"),
];

/// Warnings a published response may not draw except at a placeholder: the checks added for
/// what the service refuses or mishandles, graded warn because a stale table or a legacy
/// bucket must not hang up a call. None of them fires on the real-world corpus.
const NO_FALSE_WARNINGS: &[Rule] = &[Rule::UnlistedVoice, Rule::LegacyBucketName];

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
    let mut placeholders = 0usize;
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match check_file(path, &name, &mut placeholders) {
            Ok(()) => passed += 1,
            Err(why) => {
                failed += 1;
                println!("FAIL {name}: {why}");
            }
        }
    }
    println!(
        "conformance: {} Lex slots read through the accessors",
        SLOTS.load(std::sync::atomic::Ordering::Relaxed)
    );
    println!(
        "conformance: {} files, {passed} passed, {failed} failed ({placeholders} rejections at documented placeholders)",
        files.len()
    );
    if files.is_empty() || failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn check_file(path: &Path, name: &str, placeholders: &mut usize) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let raw: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let excerpt = EXCERPT_MARKERS.iter().any(|m| name.contains(m));
    if name.starts_with("event_") {
        if excerpt { check_excerpt(&raw) } else { check_event(&raw) }
    } else if name.starts_with("action_") {
        if raw.get("SchemaVersion").is_some() {
            check_response(&raw, placeholders)
        } else {
            check_action(&raw)
        }
    } else if name.starts_with("response_invalid-legacy-") {
        match Envelope::check_json(&raw, &Limits::LEGACY) {
            Ok(_) => Err("accepted under the legacy attribute limits; expected invalid".into()),
            Err(_) => Envelope::check_json(&raw, &Limits::CURRENT)
                .map(drop)
                .map_err(|e| format!("rejected under the current limits: {}", join(&e))),
        }
    } else if name.starts_with("response_invalid-") {
        let verdict = Envelope::check_json(&raw, &Limits::CURRENT)
            .and_then(|e| e.validate(&Limits::CURRENT, None));
        match verdict {
            Ok(()) => Err("accepted; expected the response check to reject it".into()),
            Err(_) => Ok(()),
        }
    } else if name.starts_with("response_") {
        check_response(&raw, placeholders)
    } else {
        Err("name does not start with event_, action_ or response_".into())
    }
}

fn check_event(raw: &Value) -> Result<(), String> {
    let event: Invocation =
        serde_json::from_value(raw.clone()).map_err(|e| format!("does not parse: {e}"))?;
    if let Some(data) = &event.action_data {
        typed(data)?;
        slots_read(&raw["ActionData"], data)?;
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
    slots_read(data, &parsed)?;
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

fn check_response(raw: &Value, placeholders: &mut usize) -> Result<(), String> {
    let response = Envelope::check_json(raw, &Limits::CURRENT)
        .map_err(|e| format!("rejected: {}", join(&e)))?;
    if let Err(violations) = response.validate(&Limits::CURRENT, None) {
        let real: Vec<Violation> =
            violations.into_iter().filter(|v| !at_placeholder(raw, v, placeholders)).collect();
        if !real.is_empty() {
            return Err(format!("rejected: {}", join(&real)));
        }
    }
    let warned: Vec<Violation> = response
        .review(&Limits::CURRENT, None)
        .into_iter()
        .filter(|v| NO_FALSE_WARNINGS.contains(&v.rule) && !at_placeholder(raw, v, placeholders))
        .collect();
    if !warned.is_empty() {
        return Err(format!("warned: {}", join(&warned)));
    }
    for action in response.actions.iter().flatten() {
        typed_action(action)?;
    }
    let mut expected = raw.clone();
    normalize::normalize_response(&mut expected);
    same(&expected, &serde_json::to_value(&response).map_err(|e| e.to_string())?)
}

/// A known action type must land in its typed struct.
/// Filled Lex slots read through the accessors, for the closing line.
static SLOTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Every slot of the Lex result in `data` (session state and interpretations) reads through
/// the accessors as the value at its JSON path in `raw` (the `ActionData` as received).
fn slots_read(raw: &Value, data: &ActionData) -> Result<(), String> {
    let Some(result) = &data.intent_result else { return Ok(()) };
    let raw = &raw["IntentResult"];
    let mut intents = vec![(&raw["SessionState"]["Intent"], result.intent())];
    for (i, interpretation) in result.interpretations.iter().flatten().enumerate() {
        intents.push((&raw["Interpretations"][i]["Intent"], interpretation.intent.as_ref()));
    }
    for (raw_intent, intent) in intents {
        let Some(raw_slots) = raw_intent.get("Slots").and_then(Value::as_object) else { continue };
        let intent = intent.ok_or("an intent with slots was not read")?;
        for (name, raw_slot) in raw_slots {
            let slot = intent.slot(name);
            if raw_slot.is_null() {
                if slot.is_some() {
                    return Err(format!("slot {name} is null but reads as filled"));
                }
                continue;
            }
            let slot = slot.ok_or_else(|| format!("slot {name} does not read"))?;
            if !slot.extra.is_empty() || slot.value.as_ref().is_some_and(|v| !v.extra.is_empty()) {
                return Err(format!("slot {name} keeps unknown keys: {raw_slot}"));
            }
            let value = &raw_slot["Value"];
            let resolved: Vec<&str> = value["ResolvedValues"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let read: Vec<&str> = slot.resolved().iter().map(String::as_str).collect();
            if slot.interpreted() != value["InterpretedValue"].as_str()
                || slot.original() != value["OriginalValue"].as_str()
                || read != resolved
            {
                return Err(format!("slot {name} reads differently from {raw_slot}"));
            }
            SLOTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
    Ok(())
}

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

/// Whether `v` is at a value that is a documented placeholder (counted in `seen`).
fn at_placeholder(raw: &Value, v: &Violation, seen: &mut usize) -> bool {
    let found = value_at(raw, &v.location)
        .and_then(Value::as_str)
        .is_some_and(|s| PLACEHOLDERS.iter().any(|(p, _)| s.contains(p)));
    *seen += usize::from(found);
    found
}

/// The JSON value at a violation's location, e.g. `Actions[0] (CallAndBridge).Parameters.Endpoints[0].Uri`.
fn value_at<'a>(raw: &'a Value, location: &str) -> Option<&'a Value> {
    let mut at = raw;
    // Drop the " (Type)" that names the action.
    let mut path = String::new();
    let mut in_type = false;
    for c in location.chars() {
        match c {
            '(' => in_type = true,
            ')' => in_type = false,
            ' ' => {}
            c if !in_type => path.push(c),
            _ => {}
        }
    }
    for part in path.split('.') {
        let name = part.split('[').next().unwrap_or(part);
        if !name.is_empty() {
            at = at.get(name)?;
        }
        for index in part.split('[').skip(1) {
            let index = index.trim_end_matches(']');
            at = match index.parse::<usize>() {
                Ok(i) => at.get(i)?,
                Err(_) => at.get(index.trim_matches('"'))?,
            };
        }
    }
    Some(at)
}

fn join(v: &[sma_core::response::Violation]) -> String {
    v.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

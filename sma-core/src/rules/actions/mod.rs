//! The rules of each action in a response: required parameters, ranges, lengths, formats,
//! closed sets, rules between parameters, and the legs an action may address. Used by
//! [`Envelope::validate`](crate::response::Envelope::validate).
//!
//! The checks are split by what they look at: this module holds the helpers and the walk over
//! the list, `parameters` the rules of each action's parameters, `legs` the rules about the leg
//! an action addresses, `polly` the voices and SSML, `names` the S3 bucket names.

mod legs;
mod names;
mod parameters;
mod polly;

use crate::contract::action::{Action, RawAction};
use crate::contract::action::{
    AudioSource, DigitCollection, DigitsRegex, DtmfKey, FormatError, SpeechParameters, StorageType,
    Target, defaults,
};
use crate::contract::event::Invocation;
use crate::contract::text::Text;
use crate::rules::limits::{Limits, MAX_TEXT, ValidationReadings};
use crate::rules::rule::{Rule, Violation};
use std::fmt;

/// The actions whose documented-required `CallId` published, working handlers omit (see
/// [`Rule::CallIdMissing`]); for the others it stays required.
const OMITTED_BY_SAMPLES: &[&str] = &["Speak", "SpeakAndGetDigits", "VoiceFocus"];

/// The dialect check of a digits regex, remembered for the last few regexes seen on this
/// thread: a flow sends the same few menus on every invocation, and a response that passes
/// should cost no parsing.
fn dialect(regex: &str) -> Result<(), sma_syntax::regex::RegexError> {
    use std::cell::RefCell;
    type Seen = Vec<(Box<str>, Result<(), sma_syntax::regex::RegexError>)>;
    thread_local! {
        static SEEN: RefCell<Seen> = const { RefCell::new(Vec::new()) };
    }
    const REMEMBERED: usize = 8;
    SEEN.with_borrow_mut(|seen| {
        if let Some(i) = seen.iter().position(|(r, _)| &**r == regex) {
            return seen[i].1.clone();
        }
        let result = sma_syntax::digits_regex(regex).map(|_| ());
        if seen.len() == REMEMBERED {
            drop(seen.remove(0));
        }
        seen.push((regex.into(), result.clone()));
        result
    })
}

/// A parameter inside another (`SpeechParameters.Text`), formatted only into a violation.
#[derive(Clone, Copy)]
struct Nested<'a>(&'a str, &'a str);

impl fmt::Display for Nested<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

struct Check<'a> {
    index: usize,
    name: &'a str,
    out: &'a mut Vec<Violation>,
    /// No earlier action of the list changes the call's legs (CallAndBridge, JoinChimeMeeting,
    /// Hangup): the invocation tells the state this action meets.
    settled: bool,
}

impl Check<'_> {
    fn at(&mut self, rule: Rule, parameter: impl fmt::Display, detail: String) {
        let parameter = parameter.to_string();
        let location = if parameter.is_empty() {
            format!("Actions[{}] ({})", self.index, self.name)
        } else {
            format!("Actions[{}] ({}).Parameters.{parameter}", self.index, self.name)
        };
        self.out.push(Violation::new(rule, location, detail));
    }

    // The checks a valid response passes are inlined; what they report is not (`#[cold]`).

    #[inline]
    fn required<'v, T>(&mut self, parameter: &str, value: &'v Option<T>) -> Option<&'v T> {
        if value.is_none() {
            self.missing(parameter);
        }
        value.as_ref()
    }

    #[cold]
    fn missing(&mut self, parameter: &str) {
        self.at(Rule::MissingParameter, parameter, "is required".to_owned());
    }

    #[inline]
    fn range(&mut self, parameter: &str, value: Option<u32>, lo: u32, hi: u32) {
        if let Some(v) = value.filter(|v| !(lo..=hi).contains(v)) {
            self.out_of_range(parameter, v, lo, hi);
        }
    }

    #[cold]
    fn out_of_range(&mut self, parameter: &str, v: u32, lo: u32, hi: u32) {
        self.at(Rule::OutOfRange, parameter, format!("is {v}; allowed {lo}–{hi}"));
    }

    #[inline]
    fn text(&mut self, parameter: impl fmt::Display + Copy, value: Option<&str>, max: usize) {
        // A string has at most as many characters as bytes: only a long one is counted.
        if let Some(v) = value.filter(|v| v.is_empty() || v.len() > max) {
            self.text_length(parameter, v, max);
        }
    }

    #[cold]
    fn text_length(&mut self, parameter: impl fmt::Display, v: &str, max: usize) {
        let n = v.chars().count();
        if n == 0 {
            self.at(Rule::MissingParameter, parameter, "is empty".to_owned());
        } else if n > max {
            self.at(
                Rule::TooLong,
                parameter,
                format!("has {n} characters; at most {max} are allowed"),
            );
        }
    }

    /// A required text parameter: present, non-empty, and at most `max` characters.
    fn required_text(&mut self, parameter: &str, value: &Option<Text>, max: usize) {
        if self.required(parameter, value).is_some() {
            self.text(parameter, value.as_deref(), max);
        }
    }

    #[inline]
    fn known(
        &mut self,
        parameter: impl fmt::Display + Copy,
        value: Option<(&str, bool)>,
        allowed: &str,
    ) {
        if let Some((v, false)) = value {
            self.unknown(parameter, v, allowed);
        }
    }

    #[cold]
    fn unknown(&mut self, parameter: impl fmt::Display, v: &str, allowed: &str) {
        self.at(Rule::UnknownValue, parameter, format!("is {v:?}; allowed {allowed}"));
    }

    fn format(&mut self, parameter: impl fmt::Display, result: Result<(), FormatError>) {
        if let Err(e) = result {
            self.at(Rule::InvalidFormat, parameter, e.to_string());
        }
    }

    /// `Type` of an S3 object or destination: required, and `S3`.
    fn storage(&mut self, parameter: impl fmt::Display + Copy, kind: Option<&StorageType>) {
        match kind {
            None => self.at(Rule::MissingParameter, parameter, "is required (\"S3\")".to_owned()),
            Some(k) => self.known(parameter, Some((k.as_str(), k.is_known())), "\"S3\""),
        }
    }

    fn keys(&mut self, parameter: &str, keys: Option<&Vec<DtmfKey>>) {
        for key in keys.into_iter().flatten() {
            if !key.is_known() {
                self.at(
                    Rule::UnknownValue,
                    parameter,
                    format!("has {:?}; keys are 0-9, * and #", key.as_str()),
                );
            }
        }
    }

    fn audio(&mut self, parameter: &str, audio: Option<&AudioSource>) {
        let Some(a) = audio else { return };
        self.storage(Nested(parameter, "Type"), a.kind.as_ref());
        for (field, value) in [("BucketName", &a.bucket_name), ("Key", &a.key)] {
            match value {
                None => self.at(
                    Rule::MissingParameter,
                    Nested(parameter, field),
                    "is required".to_owned(),
                ),
                Some(v) if v.is_empty() => {
                    self.at(Rule::MissingParameter, Nested(parameter, field), "is empty".to_owned())
                }
                Some(v) if field == "BucketName" => {
                    names::bucket(self, Nested(parameter, field), v)
                }
                Some(_) => {}
            }
        }
    }

    /// A malformed regex rejects; a valid one outside the checked dialect warns (see
    /// [`Rule::RegexDialect`]).
    fn regex(&mut self, regex: Option<&DigitsRegex>) {
        use sma_syntax::regex::RegexErrorKind;
        let Some(Err(e)) = regex.map(|r| dialect(r.as_str())) else { return };
        let rule = match e.kind {
            RegexErrorKind::Malformed => Rule::InvalidFormat,
            RegexErrorKind::Unsupported => Rule::RegexDialect,
        };
        self.at(rule, "InputDigitsRegex", format!("is not a digits regex: {e}"));
    }

    /// One `SpeechParameters`; absent Polly fields take the values of `defaults` (for
    /// `FailureSpeechParameters`, those of `SpeechParameters`).
    fn speech(
        &mut self,
        parameter: &str,
        p: Option<&SpeechParameters>,
        defaults: Option<&SpeechParameters>,
    ) {
        let Some(p) = p else { return };
        polly::check(self, parameter, &polly::Speech::of(p, defaults));
        if p.text.is_none() {
            self.at(Rule::MissingParameter, Nested(parameter, "Text"), "is required".to_owned());
        }
        self.text(Nested(parameter, "Text"), p.text.as_deref(), MAX_TEXT);
        self.known(
            Nested(parameter, "Engine"),
            p.engine.as_ref().map(|e| (e.as_str(), e.is_known())),
            "\"standard\", \"neural\"",
        );
        self.known(
            Nested(parameter, "TextType"),
            p.text_type.as_ref().map(|e| (e.as_str(), e.is_known())),
            "\"text\", \"ssml\"",
        );
    }

    fn digits(&mut self, readings: &ValidationReadings, d: &DigitCollection) {
        self.regex(d.input_digits_regex.as_ref());
        let (min, max, repeat, in_between) = (
            d.min_number_of_digits,
            d.max_number_of_digits,
            d.repeat,
            d.in_between_digits_duration_in_milliseconds,
        );
        let (repeat_duration, terminators) =
            (&d.repeat_duration_in_milliseconds, d.terminator_digits.as_ref());
        self.range("MaxNumberOfDigits", max, 1, 128);
        self.range("MinNumberOfDigits", min, 0, 128);
        let (lo, hi) = (
            min.unwrap_or(defaults::MIN_NUMBER_OF_DIGITS),
            max.unwrap_or(defaults::MAX_NUMBER_OF_DIGITS),
        );
        if readings.max_digits_above_min && hi <= lo {
            self.at(
                Rule::DependentParameters,
                "MaxNumberOfDigits",
                format!("is {hi}; it must be greater than MinNumberOfDigits ({lo})"),
            );
        } else if hi < lo {
            self.at(
                Rule::DependentParameters,
                "MaxNumberOfDigits",
                format!("is {hi}; it must be at least MinNumberOfDigits ({lo})"),
            );
        }
        self.range("Repeat", repeat, 1, u32::MAX);
        self.range("InBetweenDigitsDurationInMilliseconds", in_between, 1, u32::MAX);
        if let Some(d) = self.required("RepeatDurationInMilliseconds", repeat_duration) {
            let d = *d;
            self.range("RepeatDurationInMilliseconds", Some(d), 1, u32::MAX);
        }
        self.keys("TerminatorDigits", terminators);
    }

    /// `CallId`, which the documents require for this action: a published handler may address
    /// the leg by tag or by default instead (a warning).
    fn required_call_id(&mut self, target: &Target) {
        match target {
            Target::Call(_) | Target::CallAndTag(..) => {}
            Target::Tag(_) => self.at(
                Rule::AddressedByTag,
                "ParticipantTag",
                format!("addresses the leg by tag; {} documents CallId", self.name),
            ),
            Target::InvokingLeg if OMITTED_BY_SAMPLES.contains(&self.name) => self.at(
                Rule::CallIdMissing,
                "CallId",
                "is documented as required; without it the service acts on the invoking leg"
                    .to_owned(),
            ),
            Target::InvokingLeg => {
                self.at(Rule::MissingParameter, "CallId", "is required".to_owned())
            }
        }
    }
}

/// Checks every action of a response; see the module documentation.
pub(crate) fn check(
    list: &[Action],
    limits: &Limits,
    inv: Option<&Invocation>,
    out: &mut Vec<Violation>,
) {
    let mut settled = true;
    for (index, action) in list.iter().enumerate() {
        let mut check = Check { index, name: action.type_name(), out, settled };
        settled &= !matches!(
            action,
            Action::CallAndBridge(_) | Action::JoinChimeMeeting(_) | Action::Hangup(_)
        );
        // An action object with keys beside Type and Parameters is kept raw; its parameters are
        // still checked as those of its type.
        let retyped;
        let action = match action {
            Action::Raw(raw) if !raw.extra.is_empty() => {
                for key in raw.extra.keys() {
                    check.at(
                        Rule::ActionObjectKey,
                        "",
                        format!("has the key {key:?} beside Type and Parameters; it is sent as is"),
                    );
                }
                retyped = Action::from_parts(raw.action_type.clone(), raw.parameters.clone());
                if let Action::Raw(RawAction { problem: Some(problem), .. }) = &retyped {
                    check.at(
                        Rule::MalformedParameters,
                        "",
                        format!("{} parameters do not fit: {problem}", raw.action_type),
                    );
                }
                &retyped
            }
            other => other,
        };
        if action.action_type().spec().is_some_and(|spec| spec.call_id_required) {
            check.required_call_id(&action.target());
        }
        parameters::check(&mut check, action, &limits.readings);
        if let Action::StartCallRecording(a) = action {
            let same =
                |b: &Action| matches!(b, Action::StartCallRecording(b) if b.target == a.target);
            if list[..index].iter().any(same) && a.target != Target::InvokingLeg {
                check.at(
                    Rule::OncePerLeg,
                    "CallId",
                    "starts a second recording of the same leg in this list; a leg is recorded once"
                        .to_owned(),
                );
            }
        }
        if let Some(inv) = inv {
            legs::check(&mut check, action, inv);
        }
    }
}

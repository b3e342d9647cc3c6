//! The Amazon Polly side of Speak and SpeakAndGetDigits: which voice speaks which language with
//! which engine, and SSML that Polly can read. The service hands these parameters to Polly's
//! SynthesizeSpeech; what Polly refuses, the caller never hears (ACTION_FAILED
//! `InvalidActionParameter`, "Polly SynthesizeSpeech validation", on the Speak page).

use super::Check;
use crate::contract::action::{Engine, SpeechParameters, TextType};
use crate::rules::rule::Rule;
use std::fmt::Display;

/// One Polly voice: its id, the languages it speaks (the first is its default) and its engines.
struct Voice {
    id: &'static str,
    languages: &'static [&'static str],
    standard: bool,
    neural: bool,
}

const fn both(id: &'static str, languages: &'static [&'static str]) -> Voice {
    Voice { id, languages, standard: true, neural: true }
}

const fn standard(id: &'static str, languages: &'static [&'static str]) -> Voice {
    Voice { id, languages, standard: true, neural: false }
}

const fn neural(id: &'static str, languages: &'static [&'static str]) -> Voice {
    Voice { id, languages, standard: false, neural: true }
}

/// The voices of Amazon Polly with their languages and the two engines a SIP media application
/// can ask for (`standard`, `neural`).
///
/// Source: the Amazon Polly Developer Guide, "Available voices", "Neural voices" and "Standard
/// voices" (docs.aws.amazon.com/polly/latest/dg/available-voices.html), as of 2026-12-04. A voice
/// whose engines the sources disagree on (Kevin: listed with the standard voices on one page and
/// as neural-only in the SynthesizeSpeech reference) is left out, so that it is only warned
/// about. A voice this table does not know is warned about, never refused: Polly adds voices,
/// and a new one must not hang up a call. The default voice, Joanna, stands near the top: every
/// Speak without a `VoiceId` looks it up (a linear search; callgrind measured a sorted table with
/// a binary search, and the same table sorted with a linear search, both dearer on the
/// benchmark's events).
const VOICES: &[Voice] = &[
    // Both engines.
    both("Amy", &["en-GB"]),
    both("Emma", &["en-GB"]),
    both("Brian", &["en-GB"]),
    both("Ivy", &["en-US"]),
    both("Joanna", &["en-US"]),
    both("Kendra", &["en-US"]),
    both("Kimberly", &["en-US"]),
    both("Salli", &["en-US"]),
    both("Joey", &["en-US"]),
    both("Justin", &["en-US"]),
    both("Matthew", &["en-US"]),
    both("Lea", &["fr-FR"]),
    both("Vicki", &["de-DE"]),
    both("Bianca", &["it-IT"]),
    both("Takumi", &["ja-JP"]),
    both("Seoyeon", &["ko-KR"]),
    both("Zhiyu", &["cmn-CN"]),
    both("Camila", &["pt-BR"]),
    both("Vitoria", &["pt-BR"]),
    both("Ines", &["pt-PT"]),
    both("Lucia", &["es-ES"]),
    both("Mia", &["es-MX"]),
    both("Lupe", &["es-US"]),
    // The standard engine only.
    standard("Zeina", &["arb"]),
    standard("Naja", &["da-DK"]),
    standard("Mads", &["da-DK"]),
    standard("Lotte", &["nl-NL"]),
    standard("Ruben", &["nl-NL"]),
    standard("Nicole", &["en-AU"]),
    standard("Russell", &["en-AU"]),
    standard("Aditi", &["en-IN", "hi-IN"]),
    standard("Raveena", &["en-IN"]),
    standard("Geraint", &["en-GB-WLS"]),
    standard("Celine", &["fr-FR"]),
    standard("Mathieu", &["fr-FR"]),
    standard("Chantal", &["fr-CA"]),
    standard("Marlene", &["de-DE"]),
    standard("Hans", &["de-DE"]),
    standard("Dora", &["is-IS"]),
    standard("Karl", &["is-IS"]),
    standard("Carla", &["it-IT"]),
    standard("Giorgio", &["it-IT"]),
    standard("Mizuki", &["ja-JP"]),
    standard("Liv", &["nb-NO"]),
    standard("Ewa", &["pl-PL"]),
    standard("Jacek", &["pl-PL"]),
    standard("Jan", &["pl-PL"]),
    standard("Maja", &["pl-PL"]),
    standard("Ricardo", &["pt-BR"]),
    standard("Cristiano", &["pt-PT"]),
    standard("Carmen", &["ro-RO"]),
    standard("Maxim", &["ru-RU"]),
    standard("Tatyana", &["ru-RU"]),
    standard("Conchita", &["es-ES"]),
    standard("Enrique", &["es-ES"]),
    standard("Miguel", &["es-US"]),
    standard("Penelope", &["es-US"]),
    standard("Astrid", &["sv-SE"]),
    standard("Filiz", &["tr-TR"]),
    standard("Gwyneth", &["cy-GB"]),
    // The neural engine only.
    neural("Ruth", &["en-US"]),
    neural("Stephen", &["en-US"]),
    neural("Danielle", &["en-US"]),
    neural("Gregory", &["en-US"]),
    neural("Arthur", &["en-GB"]),
    neural("Olivia", &["en-AU"]),
    neural("Aria", &["en-NZ"]),
    neural("Ayanda", &["en-ZA"]),
    neural("Niamh", &["en-IE"]),
    neural("Jasmine", &["en-SG"]),
    neural("Kajal", &["en-IN", "hi-IN"]),
    neural("Hannah", &["de-AT"]),
    neural("Daniel", &["de-DE"]),
    neural("Sabrina", &["de-CH"]),
    neural("Arlet", &["ca-ES"]),
    neural("Hiujin", &["yue-CN"]),
    neural("Laura", &["nl-NL"]),
    neural("Lisa", &["nl-BE"]),
    neural("Isabelle", &["fr-BE"]),
    neural("Remi", &["fr-FR"]),
    neural("Gabrielle", &["fr-CA"]),
    neural("Liam", &["fr-CA"]),
    neural("Elin", &["sv-SE"]),
    neural("Ida", &["nb-NO"]),
    neural("Suvi", &["fi-FI"]),
    neural("Ola", &["pl-PL"]),
    neural("Sofie", &["da-DK"]),
    neural("Jitka", &["cs-CZ"]),
    neural("Burcu", &["tr-TR"]),
    neural("Jihye", &["ko-KR"]),
    neural("Tomoko", &["ja-JP"]),
    neural("Kazuha", &["ja-JP"]),
    neural("Hala", &["ar-AE"]),
    neural("Zayd", &["ar-AE"]),
    neural("Andres", &["es-MX"]),
    neural("Sergio", &["es-ES"]),
    neural("Pedro", &["es-US"]),
    neural("Adriano", &["it-IT"]),
    neural("Thiago", &["pt-BR"]),
];

/// The voice Speak uses when `VoiceId` is not given (Speak page).
const DEFAULT_VOICE: &str = "Joanna";

/// Whether `code` has the shape of a Polly language code: `arb`, `en-US`, `en-GB-WLS`.
fn polly_language_shape(code: &str) -> bool {
    let mut parts = code.split('-');
    let lang = parts.next().unwrap_or_default();
    let region = parts.next();
    let variant = parts.next();
    let lower = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
    };
    let upper = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_uppercase());
    lower(lang, 2..=3)
        && region.is_none_or(|r| upper(r, 2))
        && variant.is_none_or(|v| upper(v, 3))
        && parts.next().is_none()
}

/// The Polly parameters of a Speak or of one `SpeechParameters`, after the defaults: absent
/// fields of `FailureSpeechParameters` take the values of `SpeechParameters`.
pub(super) struct Speech<'a> {
    pub(super) text: Option<&'a str>,
    pub(super) engine: Option<&'a Engine>,
    pub(super) language: Option<&'a str>,
    pub(super) text_type: Option<&'a TextType>,
    pub(super) voice: Option<&'a str>,
}

impl<'a> Speech<'a> {
    /// The parameters of `p`, with what it leaves out taken from `defaults`.
    pub(super) fn of(p: &'a SpeechParameters, defaults: Option<&'a SpeechParameters>) -> Self {
        Speech {
            text: p.text.as_deref(),
            engine: p.engine.as_ref().or(defaults.and_then(|d| d.engine.as_ref())),
            language: p
                .language_code
                .as_deref()
                .or(defaults.and_then(|d| d.language_code.as_deref())),
            text_type: p.text_type.as_ref().or(defaults.and_then(|d| d.text_type.as_ref())),
            voice: p.voice_id.as_deref().or(defaults.and_then(|d| d.voice_id.as_deref())),
        }
    }
}

/// Checks what Polly would refuse (SSML that is not well-formed, an engine the voice lacks, a
/// language code of another shape) and warns about what the table cannot vouch for (a voice
/// or language it does not list, a language the voice does not speak). `at` names the
/// parameter: `""` for Speak's own, `"SpeechParameters"` inside SpeakAndGetDigits.
pub(super) fn check(c: &mut Check<'_>, at: &str, s: &Speech<'_>) {
    let here = |field: &'static str| Field(at, field);
    if s.text_type.is_some_and(|t| *t == TextType::Ssml) {
        if let Some(text) = s.text {
            if let Err(why) = ssml(text) {
                c.at(
                    Rule::InvalidFormat,
                    here("Text"),
                    format!("is not SSML Polly can read: {why}"),
                );
            }
        }
    }
    if let Some(code) = s.language {
        if !polly_language_shape(code) {
            let fix = code.replace('_', "-");
            c.at(
                Rule::InvalidFormat,
                here("LanguageCode"),
                format!(
                    "is {code:?}; Polly language codes are written like \"en-US\" (try {fix:?})"
                ),
            );
            return;
        }
    }
    let voice_id = s.voice.unwrap_or(DEFAULT_VOICE);
    let Some(voice) = VOICES.iter().find(|v| v.id == voice_id) else {
        c.at(
            Rule::UnlistedVoice,
            here("VoiceId"),
            format!("is {voice_id:?}, a voice sma's Polly table (2026-12-04) does not list; it is sent as is"),
        );
        return;
    };
    let engine = s.engine.cloned().unwrap_or(Engine::Standard);
    let (has, name) = match &engine {
        Engine::Standard => (voice.standard, "standard"),
        Engine::Neural => (voice.neural, "neural"),
        // Unknown engines are reported as unknown values.
        _ => (true, ""),
    };
    if !has {
        let other = if voice.neural { "neural" } else { "standard" };
        let given = if s.engine.is_some() { "" } else { " (the default when Engine is not given)" };
        c.at(
            Rule::VoiceEngine,
            here(if s.engine.is_some() { "Engine" } else { "VoiceId" }),
            format!("asks {voice_id} for the {name} engine{given}; {voice_id} has only the {other} engine: set Engine to \"{other}\" or choose another voice"),
        );
    }
    if let Some(code) = s.language {
        if !voice.languages.contains(&code) {
            let listed = VOICES.iter().any(|v| v.languages.contains(&code));
            let detail = if listed {
                format!("is {code:?}; {voice_id} speaks {}", voice.languages.join(", "))
            } else {
                format!("is {code:?}, a language sma's Polly table (2026-12-04) does not list")
            };
            c.at(Rule::UnlistedVoice, here("LanguageCode"), detail);
        }
    }
}

/// `SpeechParameters.VoiceId` (or `VoiceId` of Speak), written out only into a violation.
#[derive(Clone, Copy)]
struct Field<'a>(&'a str, &'static str);

impl Display for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            "" => f.write_str(self.1),
            at => write!(f, "{at}.{}", self.1),
        }
    }
}

/// How deep SSML elements may nest in the check (well beyond any prompt).
const MAX_SSML_DEPTH: usize = 32;

/// SSML Polly can read: well-formed XML whose root element is `<speak>`. The tokens come from
/// `xmlparser`, which allocates nothing; this checks the nesting, the root and the entity
/// references, so that a valid prompt costs no allocation (a message is written on failure
/// only).
fn ssml(text: &str) -> Result<(), String> {
    use xmlparser::{ElementEnd, Token, Tokenizer};
    let mut open: [(&str, &str); MAX_SSML_DEPTH] = [("", ""); MAX_SSML_DEPTH];
    let (mut depth, mut pending) = (0usize, ("", ""));
    let (mut root, mut done) = (false, false);
    for token in Tokenizer::from(text) {
        match token.map_err(|e| e.to_string())? {
            Token::ElementStart { prefix, local, .. } => {
                if done || (depth == 0 && root) {
                    return Err("there is more than one root element".into());
                }
                if depth == 0 && (!prefix.is_empty() || local.as_str() != "speak") {
                    return Err(format!("the root element is <{}>, not <speak>", local.as_str()));
                }
                root = true;
                pending = (prefix.as_str(), local.as_str());
            }
            Token::Attribute { value, .. } => entities(value.as_str())?,
            Token::ElementEnd { end: ElementEnd::Open, .. } => {
                if depth == MAX_SSML_DEPTH {
                    return Err(format!("elements nest deeper than {MAX_SSML_DEPTH}"));
                }
                open[depth] = pending;
                depth += 1;
            }
            Token::ElementEnd { end: ElementEnd::Empty, .. } => done |= depth == 0,
            Token::ElementEnd { end: ElementEnd::Close(prefix, local), .. } => {
                let closed = (prefix.as_str(), local.as_str());
                if depth == 0 || open[depth - 1] != closed {
                    return Err(format!("</{}> closes no open element", local.as_str()));
                }
                depth -= 1;
                done |= depth == 0;
            }
            Token::Text { text } if depth == 0 && !text.as_str().trim().is_empty() => {
                return Err("there is text outside <speak>".into());
            }
            Token::Text { .. } if depth == 0 => {}
            Token::Text { text } => entities(text.as_str())?,
            Token::Cdata { .. } if depth == 0 => {
                return Err("there is text outside <speak>".into());
            }
            _ => {}
        }
    }
    match (root, depth) {
        (false, _) => Err("there is no <speak> element".into()),
        (true, 0) => Ok(()),
        (true, _) => Err(format!("<{}> is never closed", open[depth - 1].1)),
    }
}

/// Every `&` starts a character reference (`&#38;`, `&#x26;`) or one of XML's five entities.
fn entities(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        rest = &rest[at + 1..];
        let end = rest.find(';').ok_or("a '&' is not escaped (write &amp;)")?;
        let name = &rest[..end];
        let ok = match name.strip_prefix('#') {
            Some(n) => match n.strip_prefix('x') {
                Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()),
                None => !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
            },
            None => matches!(name, "amp" | "lt" | "gt" | "apos" | "quot"),
        };
        if !ok {
            return Err("a '&' is not escaped (write &amp;)".into());
        }
        rest = &rest[end + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_each_voice_once_with_an_engine_and_a_language() {
        for (i, v) in VOICES.iter().enumerate() {
            assert!(v.standard || v.neural, "{}", v.id);
            assert!(!v.languages.is_empty() && v.languages.iter().all(|l| polly_language_shape(l)));
            assert!(VOICES[..i].iter().all(|w| w.id != v.id), "{} twice", v.id);
        }
    }

    #[test]
    fn language_code_shapes() {
        for ok in ["en-US", "arb", "en-GB-WLS", "cmn-CN", "yue-CN"] {
            assert!(polly_language_shape(ok), "{ok}");
        }
        for bad in ["en_US", "EN-US", "en-us", "english", "", "en-US-"] {
            assert!(!polly_language_shape(bad), "{bad}");
        }
    }

    #[test]
    fn ssml_is_well_formed_xml_with_a_speak_root() {
        assert!(ssml("<speak>Hello <break time='1s'/> world</speak>").is_ok());
        assert!(ssml("<speak>Tom &amp; Jerry</speak>").is_ok());
        assert!(ssml("Hello").is_err());
        assert!(ssml("<speak>Hello").is_err());
        assert!(ssml("<speak>Tom & Jerry</speak>").is_err());
        assert!(ssml("<p>Hello</p>").is_err());
        assert!(ssml("<speak><p>Hi</s></speak>").is_err());
        assert!(ssml("<speak>Hi</speak><speak/>").is_err());
        assert!(ssml("<speak>Hi</speak> trailing").is_err());
        assert!(ssml("<?xml version='1.0'?><speak>A &#38; B &lt; C</speak>").is_ok());
        assert!(ssml("<speak>A&nbsp;B</speak>").is_err());
        assert!(ssml("<speak><prosody rate='slow'>Hi <say-as interpret-as='digits'>12</say-as></prosody></speak>").is_ok());
    }
}

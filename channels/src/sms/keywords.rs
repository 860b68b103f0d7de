//! Consent keywords in inbound texts.
//!
//! US carriers (CTIA guidelines) require that a patron can stop texts by replying with a
//! standard keyword, and start them again the same way; the hub must honour these before
//! anything else happens to the message. [`classify`] recognises the keywords exactly as
//! the rules define them: the whole message, trimmed, in any case.
//!
//! Patrons also revoke consent in their own words ("please stop texting me"), which the
//! law treats as revocation too. [`looks_like_free_text_revocation`] spots the common
//! phrasings so the hub can flag the conversation for staff; it is deliberately
//! conservative, since treating "stop by the library tomorrow?" as an opt-out would cut a
//! patron off.

/// A consent keyword, recognised only when it is the whole message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    /// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT: send nothing more.
    OptOut,
    /// START, YES, UNSTOP: texts may resume.
    OptIn,
    /// HELP, INFO: reply with who we are and how to opt out.
    Help,
}

const OPT_OUT: &[&str] = &["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
const OPT_IN: &[&str] = &["START", "YES", "UNSTOP"];
const HELP: &[&str] = &["HELP", "INFO"];

/// Classifies a message that consists of exactly one consent keyword (surrounding
/// whitespace ignored, any case); anything else is `None`.
pub fn classify(body: &str) -> Option<Keyword> {
    let word = body.trim().to_uppercase();
    let is = |list: &[&str]| list.contains(&word.as_str());
    if is(OPT_OUT) {
        Some(Keyword::OptOut)
    } else if is(OPT_IN) {
        Some(Keyword::OptIn)
    } else if is(HELP) {
        Some(Keyword::Help)
    } else {
        None
    }
}

/// Whole messages (after normalising, and after dropping politeness words) that revoke
/// consent even with punctuation around them: "Stop!!", "stop it please", "Opt out."
const WHOLE_MESSAGE: &[&str] = &["stop", "stopall", "stop all", "unsubscribe", "optout", "opt out", "revoke"];

/// Words dropped before comparing against [`WHOLE_MESSAGE`].
const FILLER: &[&str] = &["please", "pls", "plz", "now", "thanks", "thank", "you", "it", "ok"];

/// Phrases that revoke consent wherever they appear, unless a negation shortly precedes
/// them ("I don't want you to stop texting me"). Normalised form: lower case, apostrophes
/// removed, other punctuation turned into spaces.
const PHRASES: &[&str] = &[
    // "stop ..." with an object, so "stop by" or "stop in" never match.
    "stop texting me",
    "stop texting this number",
    "stop texting my",
    "stop txting me",
    "stop text me",
    "stop sending me",
    "stop sending texts",
    "stop sending messages",
    "stop messaging me",
    "stop contacting me",
    "stop the texts",
    "stop these texts",
    "stop the messages",
    "stop these messages",
    "stop all texts",
    "stop all messages",
    // Direct requests not to text.
    "dont text me",
    "do not text me",
    "dont txt me",
    "dont text this number",
    "do not text this number",
    "dont message me",
    "do not message me",
    "dont contact me",
    "do not contact me",
    "dont send me texts",
    "do not send me texts",
    "dont send me messages",
    "do not send me messages",
    "dont send me any more texts",
    "dont send me any more messages",
    "do not send me any more texts",
    "do not send me any more messages",
    "dont want these texts",
    "dont want your texts",
    "dont want any more texts",
    "do not want these texts",
    "no longer want texts",
    "no longer want these texts",
    "no more texts",
    "no more text messages",
    "no more messages",
    // List removal.
    "unsubscribe me",
    "please unsubscribe",
    "opt me out",
    "want to opt out",
    "like to opt out",
    "remove me from",
    "remove my number",
    "take me off",
    "take my number off",
];

/// Words that, within the three words before a phrase, turn it around.
const NEGATIONS: &[&str] = &["dont", "not", "never", "doesnt", "didnt", "wont", "shouldnt"];

/// Whether a free-text message reads as the patron revoking consent to be texted.
///
/// Conservative by design: it looks for explicit phrasings ("please stop texting me",
/// "don't text me anymore", "unsubscribe me", "take me off your list") and a bare
/// "stop"/"unsubscribe" with only punctuation or politeness around it. A negation just
/// before a phrase cancels it. Of the exact keywords only the unambiguous ones (STOP,
/// STOPALL, UNSUBSCRIBE, OPTOUT, REVOKE) match here too; "Cancel." or "End" in a
/// conversation more likely means a hold or a chat, so those are left to [`classify`].
pub fn looks_like_free_text_revocation(body: &str) -> bool {
    let words = normalise(body);
    if words.is_empty() {
        return false;
    }
    let core: Vec<&str> = words.iter().map(String::as_str).filter(|w| !FILLER.contains(w)).collect();
    if WHOLE_MESSAGE.contains(&core.join(" ").as_str()) {
        return true;
    }
    PHRASES.iter().any(|phrase| {
        let phrase: Vec<&str> = phrase.split(' ').collect();
        words.windows(phrase.len()).enumerate().any(|(start, window)| {
            window.iter().zip(&phrase).all(|(w, p)| w == p)
                && !words[start.saturating_sub(3)..start].iter().any(|w| NEGATIONS.contains(&w.as_str()))
        })
    })
}

/// Lower case, curly and straight apostrophes removed ("don't" -> "dont"), every other
/// non-alphanumeric character a word break.
fn normalise(body: &str) -> Vec<String> {
    let cleaned: String = body
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase();
    cleaned.split_whitespace().map(str::to_owned).collect()
}

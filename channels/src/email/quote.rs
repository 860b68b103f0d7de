//! Separating what a patron just wrote from the history their mail client appended.
//!
//! The thread view shows the new part; the quoted part is kept so staff can expand it.
//! The rules lean towards showing too much: a patron's words folded away by mistake are
//! worse than a quote left visible. So a quote block only folds when nothing but quotes
//! follow it (interleaved and bottom-posted answers stay whole), and a message that would
//! have no new part at all (a bare forward) is shown whole.

/// Splits `text` into `(new_part, quoted_history)`.
///
/// Folded away, from the first of these on: a signature separator (`-- `), an attribution
/// line ("On Mon, 2 Jan 2024, Ann <ann@example.org> wrote:", "Am ... schrieb ...:", "Le
/// ... a écrit :", and other languages, also wrapped over up to three lines) followed only
/// by `>` lines, Outlook's "-----Original Message-----" (and translations), Outlook's
/// "From: / Sent: / To: / Subject:" header block, and a run of `>` lines that reaches the
/// end. Forwarded messages ("---------- Forwarded message ---------") are not history:
/// the patron sent them on purpose, so they stay in the new part.
///
/// Line endings become `\n`; both parts are trimmed. `quoted_history` is empty when
/// nothing was folded.
pub fn fold_quoted(text: &str) -> (String, String) {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    // Everything from a forwarded message on is content the patron chose to send.
    let forward = lines.iter().position(|l| is_forward_marker(l)).unwrap_or(lines.len());
    let cut = (0..forward).find(|&i| starts_history(&lines[..forward], i));
    let Some(cut) = cut else {
        return (text.trim().to_owned(), String::new());
    };
    let new_part = lines[..cut].join("\n").trim().to_owned();
    if new_part.is_empty() {
        return (text.trim().to_owned(), String::new());
    }
    (new_part, lines[cut..].join("\n").trim().to_owned())
}

fn starts_history(lines: &[&str], i: usize) -> bool {
    let line = lines[i];
    if is_signature_separator(line) || is_original_message_separator(line) {
        return true;
    }
    if let Some(end) = attribution_end(lines, i) {
        if only_quotes_follow(lines, end + 1) {
            return true;
        }
    }
    if is_quoted(line) && only_quotes_follow(lines, i) {
        return true;
    }
    if is_underscore_rule(line) && next_non_blank(lines, i + 1).is_some_and(|j| is_outlook_header_block(lines, j)) {
        return true;
    }
    is_outlook_header_block(lines, i)
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn next_non_blank(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !is_blank(lines[j]))
}

/// RFC 3676's `-- ` line; also `--`, as many clients strip the trailing space.
fn is_signature_separator(line: &str) -> bool {
    matches!(line.trim_end_matches('\r'), "-- " | "--")
}

/// Whether every non-blank line from `from` on is a quote (lines after a signature
/// separator do not count), and there is at least one.
fn only_quotes_follow(lines: &[&str], from: usize) -> bool {
    let mut any = false;
    for line in lines.iter().skip(from) {
        if is_signature_separator(line) {
            break;
        }
        if is_blank(line) {
            continue;
        }
        if !is_quoted(line) {
            return false;
        }
        any = true;
    }
    any
}

const ATTRIBUTION_STARTS: &[&str] =
    &["on ", "am ", "le ", "el ", "il ", "op ", "den ", "w dniu ", "em ", "dne ", "в ", "pe ", "la "];

/// The verb of an attribution line ("... wrote:"), in the languages mail clients use.
const ATTRIBUTION_VERBS: &[&str] = &[
    "wrote",
    "writes",
    "schrieb",
    "a écrit",
    "escribió",
    "ha scritto",
    "schreef",
    "skrev",
    "pisze",
    "napisał",
    "escreveu",
    "kirjoitti",
    "napsal(a)",
    "napsal",
    "написал(а)",
    "написал",
    "a scris",
    "写道",
    "寫道",
];

/// Whether a (joined) line reads like an attribution: it ends with a colon and has an
/// attribution verb either right before the colon ("Ann wrote:") or as a word before the
/// sender ("Am 2. Jan. schrieb Ann <ann@example.org>:").
fn reads_like_attribution(joined: &str) -> bool {
    let Some(body) = joined.strip_suffix(':').or_else(|| joined.strip_suffix('：')) else { return false };
    let body = body.trim_end();
    ATTRIBUTION_VERBS.iter().any(|verb| {
        body.ends_with(verb)
            || body.match_indices(verb).any(|(at, _)| {
                let before = body[..at].chars().next_back();
                let after = body[at + verb.len()..].chars().next();
                before.is_none_or(|c| c.is_whitespace()) && after.is_none_or(|c| c.is_whitespace())
            }) && body.contains('@')
    })
}

/// If an attribution line starts at `i`, the index of its last line. Long attributions
/// wrap ("On Mon, 2 Jan 2024 at 10:00, Ann Reader <\nann@example.org> wrote:"); a wrapped
/// one must open with a known "On"-like word so ordinary sentences are not joined up.
fn attribution_end(lines: &[&str], i: usize) -> Option<usize> {
    let first = lines[i].trim().to_lowercase();
    if first.is_empty() || is_quoted(&first) {
        return None;
    }
    let opens_like_attribution = ATTRIBUTION_STARTS.iter().any(|s| first.starts_with(s));
    let mut joined = String::new();
    for (k, line) in lines.iter().enumerate().skip(i).take(3) {
        if k > i && (!opens_like_attribution || is_blank(line)) {
            break;
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(&line.trim().to_lowercase());
        if joined.chars().count() > 400 {
            break;
        }
        if reads_like_attribution(&joined) {
            return Some(k);
        }
    }
    None
}

const ORIGINAL_MESSAGE: &[&str] = &[
    "original message",
    "ursprüngliche nachricht",
    "originalnachricht",
    "message d'origine",
    "message d’origine",
    "mensaje original",
    "messaggio originale",
    "oorspronkelijk bericht",
    "ursprungligt meddelande",
    "opprinnelig melding",
    "oprindelig meddelelse",
    "alkuperäinen viesti",
    "wiadomość oryginalna",
    "mensagem original",
    "исходное сообщение",
    "原始邮件",
    "原始郵件",
];

/// "-----Original Message-----", "-------- Original message --------" and translations.
fn is_original_message_separator(line: &str) -> bool {
    let trimmed = line.trim();
    if !trimmed.starts_with("---") || !trimmed.ends_with("---") {
        return false;
    }
    let inner = trimmed.trim_matches(|c: char| c == '-' || c.is_whitespace()).to_lowercase();
    ORIGINAL_MESSAGE.contains(&inner.as_str())
}

/// "---------- Forwarded message ---------", "Begin forwarded message:" and translations.
fn is_forward_marker(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let inner = lower.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let dashed = lower.starts_with("---") && lower.ends_with("---");
    (dashed
        && [
            "forwarded message",
            "forwarded message follows",
            "weitergeleitete nachricht",
            "message transféré",
            "mensaje reenviado",
            "messaggio inoltrato",
            "doorgestuurd bericht",
            "vidarebefordrat meddelande",
            "videresendt melding",
            "mensagem encaminhada",
            "转发的邮件",
        ]
        .contains(&inner))
        || ["begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :"]
            .contains(&inner)
}

fn is_underscore_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 10 && t.chars().all(|c| c == '_')
}

const FROM_LABELS: &[&str] = &[
    "from:",
    "von:",
    "de :",
    "de:",
    "da:",
    "van:",
    "från:",
    "fra:",
    "lähettäjä:",
    "od:",
    "от:",
    "feladó:",
    "发件人:",
    "发件人：",
];
const DATE_LABELS: &[&str] = &[
    "sent:",
    "date:",
    "gesendet:",
    "datum:",
    "envoyé :",
    "envoyé:",
    "date :",
    "enviado:",
    "fecha:",
    "inviato:",
    "data:",
    "verzonden:",
    "skickat:",
    "sendt:",
    "lähetetty:",
    "wysłano:",
    "отправлено:",
    "elküldve:",
    "发送时间:",
    "发送时间：",
];
const TO_OR_SUBJECT_LABELS: &[&str] = &[
    "to:",
    "subject:",
    "an:",
    "betreff:",
    "à :",
    "à:",
    "objet :",
    "objet:",
    "para:",
    "asunto:",
    "a:",
    "oggetto:",
    "aan:",
    "onderwerp:",
    "till:",
    "ämne:",
    "til:",
    "emne:",
    "cc:",
    "收件人:",
    "主题:",
    "收件人：",
    "主题：",
];

fn starts_with_label(line: &str, labels: &[&str]) -> bool {
    let lower = line.trim_start().trim_start_matches('*').to_lowercase();
    labels.iter().any(|l| lower.starts_with(l) && lower.len() > l.len())
}

/// Outlook's reply header: a "From:" line, then within a few lines a date line and a
/// "To:" or "Subject:" line (bold `*From:*` as plain-text renderings write it, too).
fn is_outlook_header_block(lines: &[&str], i: usize) -> bool {
    if !starts_with_label(lines[i], FROM_LABELS) {
        return false;
    }
    let window = lines.iter().skip(i + 1).take(6);
    let (mut date, mut to_or_subject) = (false, false);
    for line in window {
        date |= starts_with_label(line, DATE_LABELS);
        to_or_subject |= starts_with_label(line, TO_OR_SUBJECT_LABELS);
    }
    date && to_or_subject
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_text_is_all_new() {
        assert_eq!(fold_quoted("Hello\r\n\r\nIs it in?\r\n"), ("Hello\n\nIs it in?".into(), String::new()));
    }

    #[test]
    fn empty_text_folds_nothing() {
        assert_eq!(fold_quoted(""), (String::new(), String::new()));
    }
}

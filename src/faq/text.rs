//! Pure text work for the FAQ: a patron's query as search words, the form of a query that
//! may be logged (no identifiers), and patron identifiers stripped from a conversation.
//! (Stems and edit distances for synonyms and typos are computed in Postgres, beside the
//! word list: see `faq_tsqueries` in migration 0021.)

/// Most words of one query that are searched (a pasted paragraph is not a query).
const MAX_WORDS: usize = 16;
const MAX_WORD_CHARS: usize = 40;

/// A query's words: lower case, letters and digits only (so they are safe to put into a
/// `to_tsquery` expression), at most [`MAX_WORDS`].
pub fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
        .map(str::to_lowercase)
        .take(MAX_WORDS)
        .collect()
}

/// Question words that may start a query capitalised without being a name.
const OPENERS: &[&str] = &[
    "how", "what", "when", "where", "who", "why", "which", "can", "could", "do", "does", "is", "are", "i", "my", "the",
    "a", "an", "will", "should", "may", "hours", "renew", "library", "cómo", "como", "qué", "que", "dónde", "donde",
    "cuándo", "cuando", "puedo", "hay", "el", "la", "mi",
];

/// The form of a query that found nothing that may be stored for managers: lower case,
/// words only, without anything that could identify a patron — words with digits (card
/// and phone numbers, dates), addresses and links, and capitalised words after the first
/// (likely names). `None` when nothing is left.
pub fn loggable_query(query: &str) -> Option<String> {
    let mut kept: Vec<String> = Vec::new();
    for (i, raw) in query.split_whitespace().enumerate() {
        let lower = raw.to_lowercase();
        if raw.chars().any(|c| c.is_ascii_digit())
            || raw.contains('@')
            || lower.contains("http")
            || lower.contains("www.")
            || raw.contains('/')
        {
            continue;
        }
        let word: String = lower.chars().filter(|c| c.is_alphanumeric() || *c == '\'').collect();
        if word.is_empty() {
            continue;
        }
        let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
        if capitalised && (i > 0 || !OPENERS.contains(&word.as_str())) {
            continue;
        }
        kept.push(word);
        if kept.len() == 10 {
            break;
        }
    }
    let mut out = kept.join(" ");
    if out.is_empty() {
        return None;
    }
    if out.len() > 100 {
        let mut cut = 100;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    Some(out.trim_end().to_owned())
}

/// Replaces patron identifiers in a conversation's text: email addresses, phone numbers
/// (7 or more digits with separators), card-number-like digit runs (5 or more), and the
/// given names (the patron's, the staff member's) as whole words; then drops greeting and
/// sign-off lines that are left with nothing but a name.
pub fn strip_identifiers(text: &str, names: &[String]) -> String {
    let name_parts: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|p| p.chars().count() >= 2)
        .collect();
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = strip_numbers(&strip_emails(line));
        let line = strip_names(&line, &name_parts);
        if !is_only_greeting(&line) {
            lines.push(line.trim_end().to_owned());
        } else if line.replace("[name]", "").trim_matches(|c: char| !c.is_alphanumeric()).is_empty() {
            // A name on its own line: the sign-off above it ("Thanks,") goes too.
            if lines.last().is_some_and(|l| is_signoff(l)) {
                lines.pop();
            }
        }
    }
    lines.join("\n").trim().to_owned()
}

fn strip_emails(line: &str) -> String {
    line.split(' ')
        .map(|tok| {
            let at = tok.find('@');
            match at {
                Some(i) if i > 0 && tok[i + 1..].contains('.') => "[email removed]".to_owned(),
                _ => tok.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Digit runs with phone-like separators between them, replaced when they hold 5+ digits.
fn strip_numbers(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            || ((chars[i] == '+' || chars[i] == '(') && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if !starts {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digits and the separators phone numbers use, ending on a digit.
        let mut j = i;
        let mut end = i;
        let mut digits = 0;
        while j < chars.len() && (chars[j].is_ascii_digit() || " -.()+".contains(chars[j])) {
            if chars[j].is_ascii_digit() {
                digits += 1;
                end = j + 1;
            }
            j += 1;
        }
        // Only short separator-joined groups count as one number ("555 123 4567", not prose).
        let run: String = chars[i..end].iter().collect();
        let separated = digits >= 7 && run.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).count() <= 5;
        let solid = run.chars().all(|c| c.is_ascii_digit()) && digits >= 5;
        if separated || solid {
            out.push_str("[number removed]");
            i = end;
        } else {
            // Not an identifier: keep the first group as it is and go on after it.
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '+' || chars[i] == '(') {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

fn strip_names(line: &str, parts: &[String]) -> String {
    if parts.is_empty() {
        return line.to_owned();
    }
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            if parts.contains(&word.to_lowercase()) {
                out.push_str("[name]");
            } else {
                out.push_str(word);
            }
            word.clear();
        }
    };
    for c in line.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    // "Hi [name], yes" -> "Yes"-like: drop a leading greeting that only addressed someone.
    let trimmed = out.trim_start();
    for greeting in ["hi", "hello", "hey", "dear", "hola", "good morning", "good afternoon"] {
        let lower = trimmed.to_lowercase();
        if let Some(rest) = lower.strip_prefix(greeting) {
            let rest_orig = &trimmed[trimmed.len() - rest.len()..];
            let after = rest_orig.trim_start_matches([' ', '[', ']', ',']);
            let after = after.strip_prefix("name").map(|a| a.trim_start_matches([']', ',', ' ', '!'])).unwrap_or(after);
            if rest_orig.trim_start().starts_with("[name]") || rest_orig.trim_start().starts_with(',') {
                return capitalise(after.trim_start_matches([',', '!', ' ']));
            }
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Words that close a message ("Thanks,") and that open one ("Hi").
const SIGNOFFS: &[&str] = &[
    "thanks",
    "thank you",
    "best",
    "regards",
    "best regards",
    "kind regards",
    "cheers",
    "sincerely",
    "gracias",
    "saludos",
];
const GREETINGS: &[&str] = &["hi", "hello", "hey", "dear", "hola"];

fn is_signoff(line: &str) -> bool {
    SIGNOFFS.contains(&line.trim().trim_end_matches([',', '.', '!']).to_lowercase().as_str())
}

/// A line that is nothing but a salutation, a sign-off or a removed name.
fn is_only_greeting(line: &str) -> bool {
    let rest: String = line.replace("[name]", "").to_lowercase();
    let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
    if rest.is_empty() {
        return !line.trim().is_empty() || line.contains("[name]");
    }
    line.contains("[name]") && (SIGNOFFS.contains(&rest) || GREETINGS.contains(&rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_alphanumerics() {
        assert_eq!(words("Can I RENEW my book's?"), ["can", "i", "renew", "my", "book", "s"]);
        assert_eq!(words("¿Cómo renuevo?"), ["cómo", "renuevo"]);
        assert_eq!(words("a:*|b&!c"), ["a", "b", "c"]);
    }

    #[test]
    fn logged_queries_carry_no_identifiers() {
        assert_eq!(
            loggable_query("renew card 21234000123456 for jane@example.org Maria Lopez"),
            Some("renew card for".into())
        );
        assert_eq!(loggable_query("How late open 555-123-4567"), Some("how late open".into()));
        assert_eq!(loggable_query("Jacob lost card"), Some("lost card".into()));
        assert_eq!(loggable_query("see https://x.example/a"), Some("see".into()));
        assert_eq!(loggable_query("12345"), None);
    }

    #[test]
    fn identifiers_are_stripped_from_conversations() {
        let names = vec!["Maria Lopez".to_owned(), "Sam Reyes".to_owned()];
        let text = "Hi Maria,\nYes, call us at (555) 123-4567 or +1 555 987 6543.\nYour card 21234000123456 \
                    is fine; write to maria.lopez@example.org.\nThanks,\nSam";
        let out = strip_identifiers(text, &names);
        for bad in ["Maria", "Lopez", "555", "4567", "6543", "21234000123456", "example.org", "Sam"] {
            assert!(!out.contains(bad), "{bad} left in {out}");
        }
        assert!(out.starts_with("Yes, call us at [number removed]"), "{out}");
        assert_eq!(strip_identifiers("We open at 9:30 on May 4, 2026.", &[]), "We open at 9:30 on May 4, 2026.");
        assert_eq!(strip_identifiers("Hi Sam, I'm fine", &names), "I'm fine");
    }
}

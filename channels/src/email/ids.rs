//! Message-IDs as plain strings: the bare form (no angle brackets) that Refdesk stores and
//! compares, and the check that decides whether an id may ever be written into a header.

/// Longest id we keep or write. RFC 5322 sets no limit below the 998-octet line, but real
/// ids are far shorter and a long one only costs space in every later References header.
pub(crate) const MAX_ID_LEN: usize = 250;

/// Whether `bare` (no angle brackets) is safe and sane as a Message-ID.
///
/// Printable ASCII only (no space, no control character, so never CR or LF), no angle
/// brackets, no `=?` (nothing a careless client could decode as an RFC 2047 encoded
/// word), 1 to 250 characters. This is looser than RFC 5322's `id-left "@" id-right`
/// grammar on purpose: real mailers send ids without `@` or with odd characters, and
/// dropping them would break the patron's thread. It is exactly as strict as header
/// safety needs: an id that passes can be written between `<` and `>` verbatim.
pub fn is_valid_message_id(bare: &str) -> bool {
    !bare.is_empty()
        && bare.len() <= MAX_ID_LEN
        && bare.bytes().all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>')
        && !bare.contains("=?")
}

/// The bare form of an id given with or without angle brackets and surrounding spaces.
pub(crate) fn bare(id: &str) -> &str {
    let id = id.trim();
    match id.strip_prefix('<').and_then(|rest| rest.strip_suffix('>')) {
        Some(inner) => inner.trim(),
        None => id,
    }
}

/// Keeps the valid ids of `ids` once each, in order, and at most `max` of them: the first
/// (a thread's root) and the latest `max - 1` when there are more.
pub(crate) fn clean_list<'a>(ids: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let id = bare(id);
        if is_valid_message_id(id) && !out.iter().any(|seen| seen == id) {
            out.push(id.to_owned());
        }
    }
    if max > 0 && out.len() > max {
        let drop = out.len() - max;
        out.drain(1..1 + drop);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_for_header_safety() {
        assert!(is_valid_message_id("abc.123@example.org"));
        assert!(is_valid_message_id("002001c144a6$8752e060$56104586@oxy.edu"));
        assert!(is_valid_message_id("no-at-sign"));
        assert!(!is_valid_message_id(""));
        assert!(!is_valid_message_id("a b@c"));
        assert!(!is_valid_message_id("a@b\r\nBcc: x@y"));
        assert!(!is_valid_message_id("a>@b"));
        assert!(!is_valid_message_id("é@example.org"));
        assert!(!is_valid_message_id("=?utf-8?b?DQo=?=@x"));
        assert!(!is_valid_message_id(&"a".repeat(251)));
    }

    #[test]
    fn brackets_and_spaces_are_stripped() {
        assert_eq!(bare(" <a@b> "), "a@b");
        assert_eq!(bare("a@b"), "a@b");
        assert_eq!(bare("<a@b"), "<a@b");
    }

    #[test]
    fn lists_keep_the_root_and_the_latest_ids() {
        let ids: Vec<String> = (0..10).map(|i| format!("<{i}@x>")).collect();
        let kept = clean_list(ids.iter().map(String::as_str), 4);
        assert_eq!(kept, ["0@x", "7@x", "8@x", "9@x"]);
        assert_eq!(clean_list(["a@x", "<a@x>", "bad id", "b@x"], 10), ["a@x", "b@x"]);
    }
}

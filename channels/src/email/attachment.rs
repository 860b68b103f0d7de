//! Attachment file names that are safe to show and save, and content types that do not
//! depend on what the sender claimed.

/// Longest file name kept, in bytes. Long enough for real names, short enough for every
/// file system and download dialog.
const MAX_NAME_BYTES: usize = 150;

/// A file name that can be shown, stored and offered for download as is.
///
/// Keeps only the last path component (no `/` or `\`), drops control and bidirectional
/// formatting characters (the `"invoice\u{202E}fdp.exe"` trick), replaces the characters
/// Windows forbids, strips leading dots (no hidden files, no `..`) and trailing dots and
/// spaces, prefixes device names (`CON`, `NUL`, `COM1`...), and shortens long names while
/// keeping the extension. Never empty: a nameless part becomes `attachment` plus an
/// extension for `content_type` when one is known.
pub fn sanitize_filename(raw: &str, content_type: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name = String::with_capacity(last.len());
    let mut pending_space = false;
    for c in last.chars() {
        if (c.is_control() && c != '\t') || is_invisible_format(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !name.is_empty();
            continue;
        }
        if pending_space {
            name.push(' ');
            pending_space = false;
        }
        name.push(if matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c });
    }
    let name = name.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    // Shortening can cut just after a dot or a space: trim again, or "report." survives.
    let mut name = shorten(name, MAX_NAME_BYTES).trim_end_matches(['.', ' ']).to_owned();
    if name.is_empty() {
        name = format!("attachment{}", extension_for(content_type).unwrap_or(""));
    }
    let stem = name.split('.').next().unwrap_or("").trim_end();
    if is_device_name(stem) {
        name.insert(0, '_');
    }
    name
}

/// Unicode format characters that change how a name displays without being visible.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

fn is_device_name(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}

/// Cuts `name` to at most `max` bytes on a character boundary, keeping a short extension.
fn shorten(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if name.len() - dot <= 16 && dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name, ""),
    };
    let budget = max.saturating_sub(ext.len());
    let mut end = budget.min(stem.len());
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{}", stem[..end].trim_end(), ext)
}

/// The usual extension (with its dot) for a content type, when Refdesk knows one.
pub(crate) fn extension_for(content_type: &str) -> Option<&'static str> {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    Some(match essence.as_str() {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "image/tiff" => ".tif",
        "image/heic" => ".heic",
        "text/plain" => ".txt",
        "text/html" => ".html",
        "text/calendar" => ".ics",
        "text/vcard" => ".vcf",
        "message/rfc822" => ".eml",
        "application/zip" => ".zip",
        "application/msword" => ".doc",
        "application/rtf" => ".rtf",
        "audio/mpeg" => ".mp3",
        "video/mp4" => ".mp4",
        _ => return None,
    })
}

/// The content type that `data`'s first bytes reveal, for the common types, or `None`.
///
/// Used when a sender declares `application/octet-stream` (or nothing): phones and
/// webmail do that for photos and PDFs, and staff need to see what the file is. ZIP and
/// OLE containers are refined by `filename`'s extension (`.docx`, `.xlsx`, `.doc`...).
/// Never guesses SVG or HTML, which a browser would run.
pub fn sniff_content_type(data: &[u8], filename: &str) -> Option<&'static str> {
    let ext = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let at = |offset: usize, magic: &[u8]| data.get(offset..offset + magic.len()) == Some(magic);
    let found = if at(0, b"%PDF-") {
        "application/pdf"
    } else if at(0, b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if at(0, b"\xFF\xD8\xFF") {
        "image/jpeg"
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        "image/gif"
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        "image/webp"
    } else if at(0, b"RIFF") && at(8, b"WAVE") {
        "audio/wav"
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        "image/tiff"
    } else if at(4, b"ftyp") {
        match data.get(8..12) {
            Some(b"heic" | b"heix" | b"mif1" | b"msf1") => "image/heic",
            Some(b"M4A ") => "audio/mp4",
            Some(b"qt  ") => "video/quicktime",
            _ => "video/mp4",
        }
    } else if at(0, b"PK\x03\x04") {
        match ext.as_str() {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt" => "application/vnd.oasis.opendocument.text",
            "ods" => "application/vnd.oasis.opendocument.spreadsheet",
            "epub" => "application/epub+zip",
            _ => "application/zip",
        }
    } else if at(0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        match ext.as_str() {
            "doc" => "application/msword",
            "xls" => "application/vnd.ms-excel",
            "ppt" => "application/vnd.ms-powerpoint",
            "msg" => "application/vnd.ms-outlook",
            _ => "application/x-ole-storage",
        }
    } else if at(0, b"\x1F\x8B") {
        "application/gzip"
    } else if at(0, b"7z\xBC\xAF\x27\x1C") {
        "application/x-7z-compressed"
    } else if at(0, b"Rar!\x1A\x07") {
        "application/vnd.rar"
    } else if at(0, b"ID3") {
        "audio/mpeg"
    } else if at(0, b"OggS") {
        "audio/ogg"
    } else if at(0, b"{\\rtf") {
        "application/rtf"
    } else if at(0, b"%!PS") {
        "application/postscript"
    } else if at(0, b"MZ") && matches!(ext.as_str(), "exe" | "dll" | "scr" | "com" | "") {
        "application/x-msdownload"
    } else {
        let text = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
        let start = text.get(..16).unwrap_or(text).to_ascii_uppercase();
        if start.starts_with(b"BEGIN:VCALENDAR") {
            "text/calendar"
        } else if start.starts_with(b"BEGIN:VCARD") {
            "text/vcard"
        } else {
            return None;
        }
    };
    Some(found)
}

/// Whether a declared type says nothing about the content, so sniffing should decide.
pub(crate) fn is_generic_type(essence: &str) -> bool {
    matches!(
        essence,
        "" | "application/octet-stream"
            | "application/x-octet-stream"
            | "binary/octet-stream"
            | "application/binary"
            | "application/unknown"
            | "application/x-download"
            | "application/force-download"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_paths_controls_and_tricks() {
        let cases = [
            ("report.pdf", "report.pdf"),
            ("../../etc/passwd", "passwd"),
            ("C:\\Users\\ann\\My Notes.txt", "My Notes.txt"),
            (".bashrc", "bashrc"),
            ("...", "attachment.pdf"),
            ("", "attachment.pdf"),
            ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
            ("a\r\nb\0c.txt", "abc.txt"),
            ("what?<>|*:\".txt", "what_______.txt"),
            ("  spaced   out  .txt ", "spaced out .txt"),
            ("trailing. . .", "trailing"),
            ("CON.txt", "_CON.txt"),
            ("com1", "_com1"),
            ("console.txt", "console.txt"),
        ];
        for (raw, want) in cases {
            assert_eq!(sanitize_filename(raw, "application/pdf"), want, "{raw:?}");
        }
    }

    #[test]
    fn long_names_keep_their_extension_and_utf8() {
        let long = format!("{}.docx", "é".repeat(200));
        let short = sanitize_filename(&long, "");
        assert!(short.len() <= MAX_NAME_BYTES, "{}", short.len());
        assert!(short.ends_with(".docx"));
        assert!(short.starts_with('é'));
    }

    #[test]
    fn a_long_name_cut_just_after_a_dot_loses_the_dot() {
        let raw = format!("{}.{}", "a".repeat(MAX_NAME_BYTES - 1), "b".repeat(40));
        let name = sanitize_filename(&raw, "");
        assert!(!name.ends_with('.'), "{name}");
        assert!(name.len() <= MAX_NAME_BYTES);
    }

    proptest::proptest! {
        #[test]
        fn any_name_becomes_a_safe_one(raw in "\\PC{0,300}|[./\\\\\\x00-\\x1f ]{0,20}") {
            let name = sanitize_filename(&raw, "application/octet-stream");
            proptest::prop_assert!(!name.is_empty());
            proptest::prop_assert!(name.len() <= MAX_NAME_BYTES + 1, "{}", name.len());
            proptest::prop_assert!(!name.contains(['/', '\\']));
            proptest::prop_assert!(!name.starts_with('.') && !name.ends_with('.'));
            proptest::prop_assert!(!name.chars().any(|c| c.is_control() || is_invisible_format(c)));
        }
    }

    #[test]
    fn magic_bytes_reveal_common_types() {
        assert_eq!(sniff_content_type(b"%PDF-1.7\n...", "x"), Some("application/pdf"));
        assert_eq!(sniff_content_type(b"\x89PNG\r\n\x1a\n\0\0", "x"), Some("image/png"));
        assert_eq!(sniff_content_type(b"\xFF\xD8\xFF\xE0", "photo"), Some("image/jpeg"));
        assert_eq!(sniff_content_type(b"GIF89a", ""), Some("image/gif"));
        assert_eq!(sniff_content_type(b"RIFF\0\0\0\0WEBPVP8 ", ""), Some("image/webp"));
        assert_eq!(sniff_content_type(b"\0\0\0\x18ftypheic", "IMG_1.HEIC"), Some("image/heic"));
        assert_eq!(
            sniff_content_type(b"PK\x03\x04....", "Card.DOCX"),
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        );
        assert_eq!(sniff_content_type(b"PK\x03\x04....", "a.zip"), Some("application/zip"));
        assert_eq!(sniff_content_type(b"\xEF\xBB\xBFBEGIN:VCALENDAR\r\n", "x"), Some("text/calendar"));
        assert_eq!(sniff_content_type(b"<svg onload=alert(1)>", "x.svg"), None);
        assert_eq!(sniff_content_type(b"", "x"), None);
        assert_eq!(sniff_content_type(b"%PD", "x"), None);
    }
}

//! Twilio request signatures (`X-Twilio-Signature`).
//!
//! The provider signs every webhook with
//! `base64(HMAC-SHA1(auth_token, url + name1 + value1 + name2 + value2 ...))`, the
//! parameters sorted by name (and, for a repeated name, by value). A request whose
//! signature does not verify must be rejected before anything in it is believed.
//!
//! Two rules matter more than they look:
//! - the URL is the one configured at the provider, byte for byte (scheme, host, port if
//!   any, path, query). Behind a TLS-terminating proxy the URL the hub *sees* is not that
//!   URL, so callers pass the configured one, never one rebuilt from the request.
//! - the parameters are *all* the parameters received, including ones this code does not
//!   know about: the provider adds fields without notice. They are the decoded form
//!   pairs (`+` already turned into a space, `%XX` decoded), in any order. For a GET
//!   webhook there are none: the query is part of the URL.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The HTTP header that carries the signature.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// The query parameter that carries the hex SHA-256 of a JSON body.
pub const BODY_SHA256_PARAM: &str = "bodySHA256";

type HmacSha1 = Hmac<Sha1>;

/// Computes the base64 signature the provider would send for `url` and `params`.
///
/// Used by tests and by any fake provider that needs to sign requests; the hub itself
/// only calls [`verify`].
pub fn compute_signature(auth_token: &[u8], url: &str, params: &[(impl AsRef<str>, impl AsRef<str>)]) -> String {
    BASE64.encode(mac_bytes(auth_token, url, params))
}

/// Checks `header` (the raw `X-Twilio-Signature` value) against every token in
/// `auth_tokens` (the current token and, during a rotation, the previous one).
///
/// Returns `false` for a missing, empty or malformed header, for an empty token list,
/// and never accepts an empty token (an empty HMAC key would make signatures forgeable
/// by anyone). The comparison is constant-time.
///
/// Besides `url` exactly as given, the URL with the scheme's default port added (or
/// removed, if it is written explicitly) is also tried, as the provider's own libraries
/// do, because the provider has signed both forms over time. A non-default port is never
/// dropped: a signature for `:8443` does not verify without it.
pub fn verify(auth_tokens: &[&[u8]], url: &str, params: &[(impl AsRef<str>, impl AsRef<str>)], header: &str) -> bool {
    let Some(provided) = decode_header(header) else {
        return false;
    };
    let mut ok = false;
    for token in auth_tokens.iter().filter(|t| !t.is_empty()) {
        for candidate in url_variants(url) {
            let expected = mac_bytes(token, &candidate, params);
            // Keep looping after a match: which token matched is not worth a timing signal.
            ok |= bool::from(expected.as_slice().ct_eq(&provided));
        }
    }
    ok
}

/// Verifies a webhook whose body is JSON rather than a form.
///
/// For such a request the provider appends `bodySHA256=<hex SHA-256 of the raw body>` to
/// the URL and signs the URL alone, with no parameters. Both must hold: the signature
/// over `url` (which must contain the `bodySHA256` query parameter) and the hash of
/// `raw_body` (the exact bytes received, before any JSON parsing).
pub fn verify_json_body(auth_tokens: &[&[u8]], url: &str, raw_body: &[u8], header: &str) -> bool {
    let Some(claimed) = query_param(url, BODY_SHA256_PARAM) else {
        return false;
    };
    let actual = body_sha256_hex(raw_body);
    let body_ok = bool::from(actual.as_bytes().ct_eq(claimed.to_ascii_lowercase().as_bytes()));
    let no_params: [(&str, &str); 0] = [];
    let signature_ok = verify(auth_tokens, url, &no_params, header);
    body_ok & signature_ok
}

/// Lower-case hex SHA-256 of a request body, as carried in `bodySHA256`.
pub fn body_sha256_hex(raw_body: &[u8]) -> String {
    Sha256::digest(raw_body).iter().map(|b| format!("{b:02x}")).collect()
}

fn mac_bytes(auth_token: &[u8], url: &str, params: &[(impl AsRef<str>, impl AsRef<str>)]) -> Vec<u8> {
    let mut sorted: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
    // Byte order of UTF-8 equals code point order, which is what the provider sorts by.
    sorted.sort_unstable();
    let mut mac = HmacSha1::new_from_slice(auth_token).expect("HMAC accepts any key length");
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac.finalize().into_bytes().to_vec()
}

fn decode_header(header: &str) -> Option<Vec<u8>> {
    let header = header.trim();
    if header.is_empty() {
        return None;
    }
    BASE64.decode(header).ok()
}

/// The value of the first query parameter `name` in `url`, percent-decoded.
fn query_param(url: &str, name: &str) -> Option<String> {
    let without_fragment = url.split('#').next().unwrap_or(url);
    let (_, query) = without_fragment.split_once('?')?;
    url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// `url` itself, then the same URL with the scheme's default port toggled.
///
/// Done on the string, not through a URL parser, because a parser normalises (adds a
/// trailing `/`, re-encodes the query) and the signature is over the exact bytes.
pub(crate) fn url_variants(url: &str) -> Vec<String> {
    let mut variants = vec![url.to_owned()];
    let (scheme, default_port) = if url.starts_with("https://") {
        ("https://", "443")
    } else if url.starts_with("http://") {
        ("http://", "80")
    } else {
        return variants;
    };
    let rest = &url[scheme.len()..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    // The port is after the last ':' that follows any userinfo and any IPv6 literal.
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    let host_port = &authority[host_start..];
    let port_sep = match host_port.rfind(']') {
        Some(bracket) => host_port[bracket..].find(':').map(|i| bracket + i),
        None => host_port.rfind(':'),
    };
    let prefix = &url[..scheme.len() + host_start];
    match port_sep {
        Some(sep) if &host_port[sep + 1..] == default_port => {
            variants.push(format!("{prefix}{}{tail}", &host_port[..sep]));
        }
        Some(_) => {}
        None => variants.push(format!("{prefix}{host_port}:{default_port}{tail}")),
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::url_variants;

    #[test]
    fn url_variants_toggle_only_the_default_port() {
        let cases: &[(&str, &[&str])] = &[
            ("https://h.example/p?q=1", &["https://h.example/p?q=1", "https://h.example:443/p?q=1"]),
            ("https://h.example:443/p", &["https://h.example:443/p", "https://h.example/p"]),
            ("https://h.example:8443/p", &["https://h.example:8443/p"]),
            ("http://h.example", &["http://h.example", "http://h.example:80"]),
            ("http://u:pw@h.example:80/x", &["http://u:pw@h.example:80/x", "http://u:pw@h.example/x"]),
            ("https://[::1]/p", &["https://[::1]/p", "https://[::1]:443/p"]),
            ("https://[::1]:443/p", &["https://[::1]:443/p", "https://[::1]/p"]),
            ("ftp://h.example/p", &["ftp://h.example/p"]),
        ];
        for (url, expected) in cases {
            assert_eq!(&url_variants(url), expected, "{url}");
        }
    }
}

//! The allow-list that patron HTML passes before any browser sees it.
//!
//! Built on ammonia (html5ever parsing, so the browser and the sanitiser agree on what
//! the markup means). What survives is text formatting, lists, tables, links and images;
//! what never survives:
//!
//! - `script`, `style`, `noscript`, `template` (with their content), `iframe`, `object`,
//!   `embed`, `form` and its controls, `base`, `meta`, `link`, `svg` and `math` (so no
//!   `animate`/`set` tricks), image maps (`area` carries links outside `<a>`);
//! - every event handler (`on*`), `style`, `class`, `id` and `name` attribute (no CSS
//!   `expression()` or `url()`, no DOM clobbering of the console's own ids);
//! - every URL scheme but `http`, `https`, `mailto` and `tel` in links, and relative URLs
//!   (they would resolve against the console's origin). `javascript:`, `vbscript:` and
//!   all `data:` URLs go, images included: a `data:` URL can carry SVG or a megabyte of
//!   base64, and mail clients embed pictures as `cid:` parts anyway;
//! - image sources other than `cid:` (the message's own inline parts) unless the caller
//!   chooses [`ImagePolicy::AllowRemote`]: a remote image tells the sender when and from
//!   where staff read the mail.
//!
//! Links get `rel="noopener noreferrer nofollow"`; `target` is not kept.

use ammonia::{Builder, UrlRelative};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Which image sources survive sanitising.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImagePolicy {
    /// Only `cid:` images (parts of the message itself). The default for stored HTML.
    #[default]
    CidOnly,
    /// Also `http:` and `https:` images, for when staff choose to load them. Re-sanitise
    /// the raw message with this; never store its output as the default view.
    AllowRemote,
}

static CID_ONLY: LazyLock<Builder<'static>> = LazyLock::new(|| builder(ImagePolicy::CidOnly));
static ALLOW_REMOTE: LazyLock<Builder<'static>> = LazyLock::new(|| builder(ImagePolicy::AllowRemote));

/// Cleans `html` with the allow-list above. The output is a fragment (no `html`/`body`).
pub fn sanitize_html(html: &str, images: ImagePolicy) -> String {
    let builder = match images {
        ImagePolicy::CidOnly => &*CID_ONLY,
        ImagePolicy::AllowRemote => &*ALLOW_REMOTE,
    };
    builder.clean(html).to_string()
}

/// Plain text for any HTML: sanitised first, then rendered with line breaks for blocks,
/// `> ` before blockquoted lines (so quoted history folds like plain-text mail), and a
/// link's address after its text when the text does not show it.
pub fn html_to_text(html: &str) -> String {
    super::html_text::render(&sanitize_html(html, ImagePolicy::CidOnly))
}

fn builder(images: ImagePolicy) -> Builder<'static> {
    let mut b = Builder::default();
    b.rm_tags(["area", "map"])
        .add_clean_content_tags(["noscript", "template", "title"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "cid"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true)
        .add_tag_attributes("table", ["width", "border", "cellpadding", "cellspacing"])
        .add_tag_attributes("td", ["width", "valign"])
        .add_tag_attributes("th", ["width", "valign"])
        .rm_tag_attributes("blockquote", ["cite"])
        .rm_tag_attributes("q", ["cite"])
        .rm_tag_attributes("del", ["cite"])
        .rm_tag_attributes("ins", ["cite"]);
    let remote_images = images == ImagePolicy::AllowRemote;
    b.attribute_filter(move |element, attribute, value| filter_attribute(element, attribute, value, remote_images));
    b
}

/// Decides URL attributes ammonia's scheme list cannot: `cid:` only as an image source,
/// remote images only when allowed.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str, remote_images: bool) -> Option<Cow<'u, str>> {
    let scheme = scheme_of(value);
    let keep = match (element, attribute) {
        ("img", "src") => match scheme.as_deref() {
            Some("cid") => true,
            Some("http" | "https") => remote_images,
            _ => false,
        },
        (_, "href" | "src") => scheme.as_deref() != Some("cid"),
        _ => true,
    };
    keep.then_some(Cow::Borrowed(value))
}

/// The lower-cased scheme of a URL, ignoring the whitespace and control characters that
/// browsers ignore (`java\tscript:`); `None` when there is none.
fn scheme_of(value: &str) -> Option<String> {
    let cleaned: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).take(32).collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        sanitize_html(html, ImagePolicy::CidOnly)
    }

    #[test]
    fn scripts_handlers_and_dangerous_urls_are_removed() {
        let cases = [
            ("<p onclick=\"alert(1)\">hi</p>", "<p>hi</p>"),
            ("<script>alert(1)</script>ok", "ok"),
            ("<style>p{color:red}</style>ok", "ok"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a rel=\"noopener noreferrer nofollow\">x</a>"),
            ("<a href=\"JaVa\tScRiPt:alert(1)\">x</a>", "<a rel=\"noopener noreferrer nofollow\">x</a>"),
            ("<a href=\"data:text/html,x\">x</a>", "<a rel=\"noopener noreferrer nofollow\">x</a>"),
            ("<a href=\"/admin\">x</a>", "<a rel=\"noopener noreferrer nofollow\">x</a>"),
            (
                "<a href=\"https://lib.example/\" target=\"_blank\">x</a>",
                "<a href=\"https://lib.example/\" rel=\"noopener noreferrer nofollow\">x</a>",
            ),
            ("<img src=\"data:image/png;base64,AAAA\" alt=\"a\">", "<img alt=\"a\">"),
            ("<img src=\"https://tracker.example/p.gif\">", "<img>"),
            ("<img src=\"cid:logo@x\">", "<img src=\"cid:logo@x\">"),
            ("<a href=\"cid:logo@x\">x</a>", "<a rel=\"noopener noreferrer nofollow\">x</a>"),
            ("<base href=\"https://evil.example/\"><form action=\"/x\"><input name=\"q\"></form>", ""),
            ("<svg><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>", ""),
            ("<p style=\"width: expression(alert(1))\" class=\"x\" id=\"main\">t</p>", "<p>t</p>"),
            ("<iframe src=\"https://x.example\"></iframe><!-- c -->t", "t"),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "{input}");
        }
    }

    #[test]
    fn remote_images_survive_only_when_allowed() {
        let html = "<img src=\"https://lib.example/logo.png\" alt=\"logo\">";
        assert_eq!(clean(html), "<img alt=\"logo\">");
        assert_eq!(sanitize_html(html, ImagePolicy::AllowRemote), html);
        assert_eq!(sanitize_html("<img src=\"javascript:x\">", ImagePolicy::AllowRemote), "<img>");
    }

    #[test]
    fn schemes_are_read_the_way_browsers_read_them() {
        assert_eq!(scheme_of(" JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("java\nscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("cid:a@b").as_deref(), Some("cid"));
        assert_eq!(scheme_of("/relative:path"), None);
        assert_eq!(scheme_of("no scheme"), None);
    }
}

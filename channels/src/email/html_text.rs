//! Plain text from sanitised HTML, for the thread view and search of HTML-only mail.
//!
//! The input is ammonia's serialised output, which is regular: tags are `<name attr="v">`
//! or `</name>`, attribute values are double-quoted, and text escapes only `&`, `<`, `>`
//! and non-breaking spaces. That regularity is what lets a small scanner do the job; it
//! still copes with general entities and stray characters, and never panics.

/// Renders sanitised HTML as plain text.
pub(crate) fn render(html: &str) -> String {
    let mut r = Renderer::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        r.text(&rest[..lt]);
        let tag_src = &rest[lt + 1..];
        match tag_end(tag_src) {
            Some(end) => {
                r.tag(&tag_src[..end]);
                rest = &tag_src[end + 1..];
            }
            None => {
                r.text(&rest[lt..]);
                rest = "";
            }
        }
    }
    r.text(rest);
    r.finish()
}

/// The index of the `>` closing a tag, skipping `>` inside double-quoted values.
fn tag_end(s: &str) -> Option<usize> {
    let mut in_quote = false;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'"' => in_quote = !in_quote,
            b'>' if !in_quote => return Some(i),
            _ => {}
        }
    }
    None
}

#[derive(Default)]
struct Renderer {
    out: String,
    pending_space: bool,
    quote_depth: usize,
    pre_depth: usize,
    /// For each open list: `Some(next number)` for `ol`, `None` for `ul`.
    lists: Vec<Option<u32>>,
    /// The open link's address and where its text starts in `out`.
    link: Option<(String, usize)>,
    first_cell: bool,
}

impl Renderer {
    fn tag(&mut self, src: &str) {
        let closing = src.starts_with('/');
        let src = src.trim_start_matches('/');
        let name_end = src.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(src.len());
        let name = src[..name_end].to_ascii_lowercase();
        let attrs = &src[name_end..];
        match (name.as_str(), closing) {
            ("br", _) => self.hard_newline(),
            ("p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "dl" | "figure", _) => self.newlines(2),
            ("blockquote", false) => {
                self.newlines(1);
                self.quote_depth += 1;
            }
            ("blockquote", true) => {
                self.newlines(1);
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            ("pre", false) => {
                self.newlines(1);
                self.pre_depth += 1;
            }
            ("pre", true) => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.newlines(1);
            }
            ("ul", false) => self.open_list(None),
            ("ol", false) => {
                let start = attr(attrs, "start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                self.open_list(Some(start));
            }
            ("ul" | "ol", true) => {
                self.lists.pop();
                self.newlines(1);
            }
            ("li", false) => {
                self.newlines(1);
                let indent = "  ".repeat(self.lists.len().saturating_sub(1));
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n = n.saturating_add(1);
                        format!("{indent}{}. ", *n - 1)
                    }
                    _ => format!("{indent}- "),
                };
                self.write(&marker);
            }
            ("tr", false) => {
                self.newlines(1);
                self.first_cell = true;
            }
            ("td" | "th", false) => {
                if !self.first_cell {
                    self.write(" | ");
                }
                self.first_cell = false;
            }
            ("hr", _) => {
                self.newlines(1);
                self.write("----");
                self.newlines(1);
            }
            ("img", _) => {
                if let Some(alt) = attr(attrs, "alt").map(|a| decode_entities(&a)).filter(|a| !a.trim().is_empty()) {
                    self.write(&format!("[{}]", alt.trim()));
                }
            }
            ("a", false) => {
                let href = attr(attrs, "href").map(|h| decode_entities(&h));
                self.link = href.map(|h| (h, self.out.len()));
            }
            ("a", true) => self.close_link(),
            ("div" | "li" | "tr" | "dt" | "dd" | "caption" | "figcaption" | "header" | "footer" | "article", _)
            | ("aside" | "nav" | "center" | "details" | "summary" | "hgroup", _) => self.newlines(1),
            _ => {}
        }
    }

    fn open_list(&mut self, numbering: Option<u32>) {
        self.newlines(1);
        self.lists.push(numbering);
    }

    fn close_link(&mut self) {
        let Some((href, start)) = self.link.take() else { return };
        let shown = self.out.get(start..).unwrap_or("").trim().to_owned();
        let address = href.strip_prefix("mailto:").unwrap_or(&href);
        let worth_showing = href.starts_with("http:") || href.starts_with("https:") || href.starts_with("mailto:");
        if worth_showing && !shown.contains(address) {
            self.write(&format!(" ({address})"));
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if self.pre_depth > 0 {
            for (i, line) in decoded.split('\n').enumerate() {
                if i > 0 {
                    self.hard_newline();
                }
                self.write(line);
            }
            return;
        }
        for (i, word) in decoded.split(|c: char| c.is_whitespace() && c != '\u{a0}').enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if !word.is_empty() {
                self.write(&word.replace('\u{a0}', " "));
            }
        }
    }

    /// Appends inline text, starting the line with the quote marker when needed.
    fn write(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let at_line_start = self.out.is_empty() || self.out.ends_with('\n');
        if at_line_start {
            if self.quote_depth > 0 {
                self.out.push_str(&">".repeat(self.quote_depth));
                self.out.push(' ');
            }
        } else if self.pending_space && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push_str(s);
    }

    fn trim_line_end(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
    }

    /// Ends the line so that at least `n` newlines separate it from what follows.
    fn newlines(&mut self, n: usize) {
        self.pending_space = false;
        self.trim_line_end();
        if self.out.is_empty() {
            return;
        }
        let have = self.out.len() - self.out.trim_end_matches('\n').len();
        for _ in have..n {
            self.out.push('\n');
        }
    }

    fn hard_newline(&mut self) {
        self.pending_space = false;
        self.trim_line_end();
        self.out.push('\n');
    }

    fn finish(mut self) -> String {
        self.close_link();
        let mut out = String::with_capacity(self.out.len());
        let mut blank_run = 0;
        for line in self.out.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.chars().all(|c| c == '>' || c == ' ') {
                blank_run += 1;
                if blank_run > 1 {
                    continue;
                }
            } else {
                blank_run = 0;
            }
            out.push_str(line);
            out.push('\n');
        }
        out.trim().to_owned()
    }
}

/// The raw (still escaped) value of attribute `name` in a serialised tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let key = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => {
                let close = quoted.find('"').unwrap_or(quoted.len());
                (&quoted[..close], quoted.get(close + 1..).unwrap_or(""))
            }
            None => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        if key.rsplit(char::is_whitespace).next() == Some(name) {
            return Some(value.to_owned());
        }
        rest = next;
    }
}

/// Decodes the entities a serialiser writes (and numeric ones); others stay as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let entity = &after[..semi];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => entity.strip_prefix('#').and_then(|num| {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_quotes_and_links_become_readable_text() {
        let cases = [
            ("<p>Hello</p><p>Is the <b>book</b> in?</p>", "Hello\n\nIs the book in?"),
            ("line one<br>line two", "line one\nline two"),
            ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
            ("<ol start=\"3\"><li>c</li><li>d</li></ol>", "3. c\n4. d"),
            (
                "<p>Thanks</p><blockquote><p>On Monday</p><p>you wrote</p></blockquote>",
                "Thanks\n\n> On Monday\n\n> you wrote",
            ),
            ("<a href=\"https://lib.example/x\">catalogue</a>", "catalogue (https://lib.example/x)"),
            ("<a href=\"https://lib.example/x\">https://lib.example/x</a>", "https://lib.example/x"),
            ("<a href=\"mailto:ann@x.org\">ann@x.org</a>", "ann@x.org"),
            ("Fish &amp; chips &lt;3 &#233;&#x263A;&nbsp;!", "Fish & chips <3 é☺ !"),
            ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a | b\nc"),
            ("<img alt=\"Library logo\">", "[Library logo]"),
            ("<pre>  keep   this\n  layout</pre>", "keep   this\n  layout"),
            ("a &unknown; b & c", "a &unknown; b & c"),
            ("<p title=\"x > y\">text</p>", "text"),
            ("broken <tag", "broken <tag"),
        ];
        for (html, want) in cases {
            assert_eq!(render(html), want, "{html}");
        }
    }

    #[test]
    fn attributes_are_found_by_name() {
        assert_eq!(attr(" href=\"a\" alt=\"b c\"", "alt").as_deref(), Some("b c"));
        assert_eq!(attr(" xalt=\"1\" alt=\"2\"", "alt").as_deref(), Some("2"));
        assert_eq!(attr(" alt", "alt"), None);
    }
}

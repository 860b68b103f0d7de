//! The public FAQ pages, rendered by the hub: `/faq/{library}` (search box that works
//! without JavaScript, results, most viewed, topics) and `/faq/{library}/{entry}` (the
//! answer and "this answered my question").
//!
//! No JavaScript, no cookies, nothing from another origin: one stylesheet of our own, a CSP
//! that allows nothing else, and forms that post back here. Readable on a phone, printable.

use super::faq_public::{find_library, not_found};
use super::AppState;
use crate::faq::draft::escape;
use crate::faq::store::{self, Summary};
use crate::store::library::Library;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use std::fmt::Write;

const CSS: &str = include_str!("faq_pages.css");

/// Only our own stylesheet; forms post only to us.
const PAGE_CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/faq-assets/faq.css", get(css))
        .route("/faq/{library}", get(home))
        .route("/faq/{library}/{entry}", get(entry_page))
}

async fn css() -> Response {
    let mut r = CSS.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

fn html(body: String) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP));
    r
}

/// The page around a body: language, title, skip link, header, footer with the way to a person.
fn layout(lang: &str, title: &str, library: &Library, main: &str) -> String {
    let name = escape(&library.name);
    let home = format!("/faq/{}", library.slug);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title} – {name}</title><link rel=\"stylesheet\" href=\"/faq-assets/faq.css\"></head>\
         <body><a class=\"skip\" href=\"#main\">Skip to the answers</a>\
         <header><p class=\"library\"><a href=\"{home}\">{name}</a></p></header>\
         <main id=\"main\">{main}</main>\
         <footer><p>Still need help? A librarian is glad to answer: ask us by chat on our website, \
         by email or by text. Asking never needs an account.</p></footer></body></html>",
        title = escape(title),
    )
}

fn search_form(library: &Library, q: &str) -> String {
    format!(
        "<form class=\"search\" role=\"search\" action=\"/faq/{slug}\" method=\"get\">\
         <label for=\"q\">Search our answers</label>\
         <div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" value=\"{q}\" maxlength=\"200\" \
         autocomplete=\"off\" enterkeyhint=\"search\"><button type=\"submit\">Search</button></div></form>",
        slug = library.slug,
        q = escape(q)
    )
}

fn entry_list(library: &Library, entries: impl Iterator<Item = (String, String, String)>) -> String {
    let mut out = String::from("<ul class=\"entries\">");
    for (slug, question, short) in entries {
        let _ = write!(
            out,
            "<li><a href=\"/faq/{lib}/{slug}\">{q}</a><p>{s}</p></li>",
            lib = library.slug,
            q = escape(&question),
            s = escape(&short)
        );
    }
    out.push_str("</ul>");
    out
}

fn summaries(library: &Library, rows: Vec<Summary>) -> String {
    entry_list(library, rows.into_iter().map(|s| (s.slug, s.question, s.short_answer)))
}

#[derive(Deserialize)]
pub struct HomeParams {
    q: Option<String>,
    topic: Option<String>,
}

/// The library's FAQ: search, results, topics, most viewed.
async fn home(State(state): State<AppState>, Path(slug): Path<String>, Query(p): Query<HomeParams>) -> Response {
    let library = match find_library(&state, &slug).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return e.into_response(),
    };
    match render_home(&state, &library, p).await {
        Ok(page) => html(page),
        Err(e) => crate::http::error::ApiError::from(e).into_response(),
    }
}

async fn render_home(state: &AppState, library: &Library, p: HomeParams) -> sqlx::Result<String> {
    let q: String = p.q.unwrap_or_default().chars().take(200).collect();
    let q = q.trim();
    let mut main = String::from("<h1>Questions and answers</h1>");
    main.push_str(&search_form(library, q));
    let mut title = "Questions and answers".to_owned();
    if !q.is_empty() {
        let hits = state.realtime.faq_searches.search_published(&state.db, library.id, q, None, 10).await?;
        title = format!("Answers for “{q}”");
        let _ =
            write!(main, "<section aria-labelledby=\"results\"><h2 id=\"results\">Answers for “{}”</h2>", escape(q));
        if hits.is_empty() {
            store::record_miss(&state.db, library.id, q).await?;
            main.push_str(
                "<p role=\"status\">We have no ready answer for that yet. Try other words, or ask a librarian: \
                 we read every question.</p>",
            );
        } else {
            let _ = write!(main, "<p role=\"status\">{} found.</p>", count(hits.len()));
            main.push_str(&entry_list(library, hits.into_iter().map(|h| (h.slug, h.question, h.short_answer))));
        }
        main.push_str("</section>");
    }
    if let Some(topic) = p.topic.as_deref().map(str::trim).filter(|t| !t.is_empty() && !t.contains('\0')) {
        let rows = store::published(&state.db, library.id, Some(topic), 100).await?;
        title = format!("Topic: {topic}");
        let _ = write!(main, "<section aria-labelledby=\"topic\"><h2 id=\"topic\">Topic: {}</h2>", escape(topic));
        main.push_str(&summaries(library, rows));
        main.push_str("</section>");
    }
    let popular = store::published(&state.db, library.id, None, 8).await?;
    if !popular.is_empty() {
        main.push_str("<section aria-labelledby=\"popular\"><h2 id=\"popular\">Most viewed</h2>");
        main.push_str(&summaries(library, popular));
        main.push_str("</section>");
    }
    let topics = store::topics(&state.db, library.id).await?;
    if !topics.is_empty() {
        main.push_str("<nav aria-labelledby=\"topics\"><h2 id=\"topics\">Topics</h2><ul class=\"topics\">");
        for (topic, n) in topics {
            let _ = write!(
                main,
                "<li><a href=\"/faq/{}?topic={}\">{}</a> <span class=\"count\">({})</span></li>",
                library.slug,
                url::form_urlencoded::byte_serialize(topic.as_bytes()).collect::<String>(),
                escape(&topic),
                count(n as usize)
            );
        }
        main.push_str("</ul></nav>");
    }
    Ok(layout("en", &title, library, &main))
}

fn count(n: usize) -> String {
    match n {
        1 => "1 answer".into(),
        n => format!("{n} answers"),
    }
}

#[derive(Deserialize)]
pub struct EntryParams {
    thanks: Option<String>,
}

/// One entry, counting the view.
async fn entry_page(
    State(state): State<AppState>,
    Path((slug, entry)): Path<(String, String)>,
    Query(p): Query<EntryParams>,
) -> Response {
    let library = match find_library(&state, &slug).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return e.into_response(),
    };
    if !super::faq_public::is_slug(&entry) {
        return not_found();
    }
    let found = match store::view_published(&state.db, library.id, &entry).await {
        Ok(e) => e,
        Err(e) => return crate::http::error::ApiError::from(e).into_response(),
    };
    let Some(e) = found else { return not_found() };
    let mut main = format!(
        "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/faq/{lib}\">All questions</a></nav>\
         <article lang=\"{lang}\"><h1>{q}</h1><div class=\"answer\">{answer}</div>",
        lib = library.slug,
        lang = e.language,
        q = escape(&e.question),
        // Sanitised when stored.
        answer = e.answer_html,
    );
    if !e.topics.is_empty() {
        main.push_str("<p class=\"meta\">Topics: ");
        let links: Vec<String> = e
            .topics
            .iter()
            .map(|t| {
                format!(
                    "<a href=\"/faq/{}?topic={}\">{}</a>",
                    library.slug,
                    url::form_urlencoded::byte_serialize(t.as_bytes()).collect::<String>(),
                    escape(t)
                )
            })
            .collect();
        main.push_str(&links.join(", "));
        main.push_str("</p>");
    }
    if let Some(reviewed) = e.last_reviewed_at.or(e.published_at) {
        let _ = write!(main, "<p class=\"meta\">Checked {}</p>", reviewed.format("%B %-d, %Y"));
    }
    main.push_str("</article>");
    if p.thanks.is_some() {
        main.push_str("<p class=\"thanks\" role=\"status\">Thank you. We are glad this answered your question.</p>");
    } else {
        let _ = write!(
            main,
            "<form class=\"helpful\" method=\"post\" action=\"/faq/{}/{}/helpful\">\
             <button type=\"submit\">This answered my question</button></form>",
            library.slug, e.slug
        );
    }
    html(layout("en", &e.question, &library, &main))
}

//! The public survey page, its thank-you page and its printable form.

use super::html::{esc, shell};
use super::page;
use crate::auth::token::random_token;
use crate::http::AppState;
use crate::survey::store::LiveSurvey;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use channels::survey::answers::FieldError;
use channels::survey::i18n::{error_text, strings, Strings};
use channels::survey::{Question, QuestionKind, SurveyDefinition};
use serde::Deserialize;
use std::fmt::Write;

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub lang: Option<String>,
    pub kiosk: Option<String>,
}

impl PageQuery {
    pub fn kiosk(&self) -> bool {
        self.kiosk.as_deref() == Some("1")
    }
}

/// How the form is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Web,
    Kiosk,
    Print,
}

/// The language to show: `?lang=`, else the browser's first preference, else the default.
pub fn language<'a>(def: &'a SurveyDefinition, asked: Option<&str>, headers: &HeaderMap) -> &'a str {
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|t| t.split(';').next().unwrap_or("").trim())
        .map(|t| t.split('-').next().unwrap_or(t));
    match asked {
        Some(a) => def.pick_language(Some(a)),
        None => def.pick_language(browser),
    }
}

pub fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        shell("en", "Survey not found", "", "<h1>Survey not found</h1><p>This survey does not exist or is closed.</p>"),
    )
}

pub async fn show(
    State(state): State<AppState>,
    Path((library, survey)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let live = match LiveSurvey::find(&state.db, &library, &survey).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return super::server_error(e),
    };
    if let Err(e) = live.count_view(&state.db).await {
        tracing::warn!(error = %e, "counting a survey view failed");
    }
    let lang = language(&live.definition, q.lang.as_deref(), &headers).to_owned();
    let mode = if q.kiosk() { Mode::Kiosk } else { Mode::Web };
    page(StatusCode::OK, render_form(&live, &lang, mode, &[], &[]))
}

pub async fn print(
    State(state): State<AppState>,
    Path((library, survey)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let live = match LiveSurvey::find(&state.db, &library, &survey).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return super::server_error(e),
    };
    let lang = language(&live.definition, q.lang.as_deref(), &headers).to_owned();
    page(StatusCode::OK, render_form(&live, &lang, Mode::Print, &[], &[]))
}

pub async fn thanks(
    State(state): State<AppState>,
    Path((library, survey)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let live = match LiveSurvey::find(&state.db, &library, &survey).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return super::server_error(e),
    };
    let lang = language(&live.definition, q.lang.as_deref(), &headers).to_owned();
    page(StatusCode::OK, render_thanks(&live, &lang, q.kiosk(), None))
}

/// The form's own address, with the language and kiosk flag.
pub fn form_url(live: &LiveSurvey, library_slug: &str, lang: &str, kiosk: bool) -> String {
    let mut url = format!("/s/{}/{}?lang={}", esc(library_slug), esc(&live.slug), esc(lang));
    if kiosk {
        url.push_str("&amp;kiosk=1");
    }
    url
}

fn kiosk_attrs(reset_url: &str, seconds: u32) -> String {
    format!(" class=\"kiosk\" data-reset-url=\"{reset_url}\" data-reset-seconds=\"{seconds}\"")
}

const KIOSK_SCRIPT: &str = "<script src=\"/s/assets/kiosk.js\" defer></script>";

/// The thank-you page; `note` replaces the thanks (a duplicate, a rate limit).
pub fn render_thanks(live: &LiveSurvey, lang: &str, kiosk: bool, note: Option<&str>) -> String {
    let def = &live.definition;
    let s = strings(lang);
    let library_slug = library_slug_of(live);
    let again = form_url(live, &library_slug, lang, kiosk);
    let thanks = note.map(str::to_owned).unwrap_or_else(|| {
        let own = def.tr(&def.thanks, lang);
        if own.is_empty() {
            s.thanks.to_owned()
        } else {
            format!("{} {own}", s.thanks)
        }
    });
    let main = format!(
        "<h1>{title}</h1><p class=\"thanks\" role=\"status\">{thanks}</p><p><a class=\"button\" href=\"{again}\">{again_label}</a></p>\
         <p class=\"foot\"><a href=\"/privacy/{lib}\">{privacy}</a></p>{script}",
        title = esc(def.tr(&def.title, lang)),
        lib = esc(&library_slug),
        privacy = esc(s.privacy),
        thanks = esc(&thanks),
        again_label = esc(s.again),
        script = if kiosk { KIOSK_SCRIPT } else { "" },
    );
    let attrs = if kiosk { kiosk_attrs(&again, 10) } else { String::new() };
    shell(lang, def.tr(&def.title, lang), &attrs, &main)
}

fn library_slug_of(live: &LiveSurvey) -> String {
    live.library_slug.clone()
}

/// The survey form (web, kiosk) or the printable form, with `values` filled back in and
/// `errors` shown (a summary first, then beside each question).
pub fn render_form(
    live: &LiveSurvey,
    lang: &str,
    mode: Mode,
    values: &[(String, String)],
    errors: &[FieldError],
) -> String {
    let def = &live.definition;
    let s = strings(lang);
    let lib = library_slug_of(live);
    let kiosk = mode == Mode::Kiosk;
    let mut m = String::new();
    let _ = write!(
        m,
        "<header class=\"survey-head\"><p class=\"library\">{}</p><h1>{}</h1>",
        esc(&live.library_name),
        esc(def.tr(&def.title, lang))
    );
    if def.languages.len() > 1 && mode != Mode::Print {
        let _ = write!(m, "<nav aria-label=\"{}\"><ul class=\"langs\">", esc(s.choose_language));
        for l in &def.languages {
            let current = if l == lang { " aria-current=\"true\"" } else { "" };
            let _ = write!(
                m,
                "<li><a href=\"{}\" lang=\"{l}\" hreflang=\"{l}\"{current}>{}</a></li>",
                form_url(live, &lib, l, kiosk),
                esc(strings(l).language_name),
                l = esc(l)
            );
        }
        m.push_str("</ul></nav>");
    }
    let intro = def.tr(&def.intro, lang);
    if !intro.is_empty() {
        let _ = write!(m, "<p class=\"intro\">{}</p>", esc(intro));
    }
    m.push_str("</header>");
    if !errors.is_empty() {
        let _ = write!(m, "<div class=\"errors\" role=\"alert\" id=\"errors\"><h2>{}</h2><ul>", esc(s.errors_title));
        for e in errors {
            let prompt = def.question(&e.question).map(|q| def.tr(&q.prompt, lang)).unwrap_or("");
            let _ = write!(
                m,
                "<li><a href=\"#q-{}\">{}: {}</a></li>",
                esc(&e.question),
                esc(prompt),
                esc(error_text(lang, &e.code))
            );
        }
        m.push_str("</ul></div>");
    }
    if mode == Mode::Print {
        m.push_str(
            "<p class=\"print-note\">Paper form: please fill in and hand it to library staff. \
                    <span class=\"entry-box\">Staff: entered on ________ by ________</span></p><div class=\"form\">",
        );
    } else {
        let _ = write!(
            m,
            "<form method=\"post\" action=\"/s/{}/{}\" accept-charset=\"utf-8\">\
             <input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"lang\" value=\"{}\">{}\
             <div class=\"hp\"><label for=\"website\">{}</label>\
             <input id=\"website\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>",
            esc(&lib),
            esc(&live.slug),
            random_token(),
            esc(lang),
            if kiosk { "<input type=\"hidden\" name=\"kiosk\" value=\"1\">" } else { "" },
            esc(s.leave_empty)
        );
    }
    for (i, q) in def.questions.iter().enumerate() {
        let found = errors.iter().find(|e| e.question == q.key);
        let error = found.map(|e| error_text(lang, &e.code));
        let code = found.map(|e| e.code.as_str()).unwrap_or("");
        question(&mut m, def, q, i + 1, lang, s, mode, values, error, code);
    }
    if mode == Mode::Print {
        m.push_str("</div>");
    } else {
        let _ = write!(m, "<p><button type=\"submit\">{}</button></p></form>", esc(s.submit));
    }
    match mode {
        Mode::Web => {
            let _ = write!(
                m,
                "<p class=\"foot\"><a href=\"/s/{}/{}/print?lang={}\">{}</a> · <a href=\"/privacy/{}\">{}</a></p>",
                esc(&lib),
                esc(&live.slug),
                esc(lang),
                esc(s.print),
                esc(&lib),
                esc(s.privacy)
            );
        }
        Mode::Kiosk => {
            let _ = write!(m, "<p class=\"foot\">{}</p>{KIOSK_SCRIPT}", esc(s.kiosk_reset));
        }
        Mode::Print => {}
    }
    let attrs = match mode {
        Mode::Kiosk => kiosk_attrs(&form_url(live, &lib, lang, true), 90),
        Mode::Print => " class=\"print\"".to_owned(),
        Mode::Web => String::new(),
    };
    shell(lang, def.tr(&def.title, lang), &attrs, &m)
}

fn has(values: &[(String, String)], name: &str, value: &str) -> bool {
    values.iter().any(|(k, v)| k == name && v == value)
}

fn value_of<'a>(values: &'a [(String, String)], name: &str) -> &'a str {
    values.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// One row of radio buttons `lo..=hi` named `name`, with the scale's ends described.
#[allow(clippy::too_many_arguments)]
fn scale(
    m: &mut String,
    name: &str,
    id: &str,
    lo: u8,
    hi: u8,
    ends: (&str, &str),
    required: bool,
    values: &[(String, String)],
    print: bool,
) {
    let _ = write!(
        m,
        "<p class=\"ends\" id=\"{id}-ends\"><span>{lo} = {}</span> <span>{hi} = {}</span></p><div class=\"scale\">",
        esc(ends.0),
        esc(ends.1)
    );
    for v in lo..=hi {
        let checked = if has(values, name, &v.to_string()) { " checked" } else { "" };
        let req = if required && v == lo && !print { " required" } else { "" };
        let n = if print { String::new() } else { format!(" name=\"{}\"", esc(name)) };
        let _ = write!(
            m,
            "<label class=\"pick\"><input type=\"radio\"{n} value=\"{v}\"{checked}{req}><span>{v}</span></label>"
        );
    }
    m.push_str("</div>");
}

#[allow(clippy::too_many_arguments)]
fn question(
    m: &mut String,
    def: &SurveyDefinition,
    q: &Question,
    number: usize,
    lang: &str,
    s: &Strings,
    mode: Mode,
    values: &[(String, String)],
    error: Option<&str>,
    code: &str,
) {
    let print = mode == Mode::Print;
    let key = esc(&q.key);
    let name = format!("q.{}", q.key);
    let need = if q.required { s.required } else { s.optional };
    let prompt = format!("{number}. {} <span class=\"need\">({})</span>", esc(def.tr(&q.prompt, lang)), esc(need));
    let err_html =
        error.map(|e| format!("<p class=\"field-error\" id=\"err-{key}\">{}</p>", esc(e))).unwrap_or_default();
    let described = |extra: &str| {
        let mut ids = vec![extra.to_owned()];
        if error.is_some() {
            ids.push(format!("err-{key}"));
        }
        let ids: Vec<String> = ids.into_iter().filter(|i| !i.is_empty()).collect();
        if ids.is_empty() {
            String::new()
        } else {
            format!(" aria-describedby=\"{}\"", ids.join(" "))
        }
    };
    let invalid = if error.is_some() { " aria-invalid=\"true\"" } else { "" };
    if let QuestionKind::FreeText { max_chars } = &q.kind {
        let _ = write!(
            m,
            "<div class=\"q\" id=\"q-{key}\"><label for=\"f-{key}\">{prompt}</label>{err_html}\
                 <textarea id=\"f-{key}\"{} rows=\"4\" maxlength=\"{max_chars}\"{}{}>{}</textarea></div>",
            if print { String::new() } else { format!(" name=\"{}\"", esc(&name)) },
            described(""),
            invalid,
            esc(value_of(values, &name))
        );
        return;
    }
    let ends_id = format!("q-{key}-ends");
    let desc = match q.kind {
        QuestionKind::Rating { .. } | QuestionKind::Nps => described(&ends_id),
        _ => described(""),
    };
    let _ = write!(m, "<fieldset class=\"q\" id=\"q-{key}\"{desc}><legend>{prompt}</legend>{err_html}");
    match &q.kind {
        QuestionKind::Rating { scale: hi } => {
            scale(m, &name, &format!("q-{key}"), 1, *hi, (s.low, s.high), q.required, values, print)
        }
        QuestionKind::Nps => {
            scale(m, &name, &format!("q-{key}"), 0, 10, (s.not_likely, s.very_likely), q.required, values, print)
        }
        QuestionKind::Aspect { scale: hi } => {
            for (part, label) in [("importance", s.importance), ("satisfaction", s.satisfaction)] {
                let sub = format!("{name}.{part}");
                let id = format!("q-{key}-{part}");
                let _ = write!(
                    m,
                    "<fieldset class=\"part\" aria-describedby=\"{id}-ends\"><legend>{}</legend>",
                    esc(label)
                );
                let ends = if part == "importance" { ("Not important", "Very important") } else { (s.low, s.high) };
                scale(m, &sub, &id, 1, *hi, ends, q.required, values, print);
                m.push_str("</fieldset>");
            }
        }
        QuestionKind::SingleChoice { options }
        | QuestionKind::Context { options }
        | QuestionKind::MultipleChoice { options } => {
            let multiple = matches!(q.kind, QuestionKind::MultipleChoice { .. });
            let kind = if multiple { "checkbox" } else { "radio" };
            m.push_str("<div class=\"options\">");
            for (i, o) in options.iter().enumerate() {
                let checked = if has(values, &name, &o.key) { " checked" } else { "" };
                let req = if q.required && !multiple && i == 0 && !print { " required" } else { "" };
                let n = if print { String::new() } else { format!(" name=\"{}\"", esc(&name)) };
                let _ = write!(
                    m,
                    "<label class=\"option\"><input type=\"{kind}\"{n} value=\"{}\"{checked}{req}><span>{}</span></label>",
                    esc(&o.key),
                    esc(def.tr(&o.label, lang))
                );
            }
            m.push_str("</div>");
        }
        QuestionKind::ContactMe => {
            let n = |suffix: &str| if print { String::new() } else { format!(" name=\"{}.{suffix}\"", esc(&name)) };
            let checked = if value_of(values, &format!("{name}.consent")).is_empty() { "" } else { " checked" };
            let bad = |yes: bool| {
                if yes {
                    format!(" aria-invalid=\"true\" aria-describedby=\"err-{key}\"")
                } else {
                    String::new()
                }
            };
            let email_bad = bad(matches!(code, "invalid_email" | "contact_missing"));
            let phone_bad = if code == "invalid_phone" {
                format!(" aria-invalid=\"true\" aria-describedby=\"err-{key} f-{key}-phone-hint\"")
            } else {
                format!(" aria-describedby=\"f-{key}-phone-hint\"")
            };
            let _ = write!(
                m,
                "<label class=\"option\"><input type=\"checkbox\"{} value=\"yes\"{checked}><span>{}</span></label>\
                 <p class=\"field\"><label for=\"f-{key}-email\">{}</label>\
                 <input id=\"f-{key}-email\" type=\"email\"{}{email_bad} autocomplete=\"email\" value=\"{}\"></p>\
                 <p class=\"field\"><label for=\"f-{key}-phone\">{}</label>\
                 <input id=\"f-{key}-phone\" type=\"tel\"{}{phone_bad} autocomplete=\"tel\" value=\"{}\">\
                 <span class=\"hint\" id=\"f-{key}-phone-hint\">{}</span></p>",
                n("consent"),
                esc(s.contact_consent),
                esc(s.email),
                n("email"),
                esc(value_of(values, &format!("{name}.email"))),
                esc(s.phone),
                n("phone"),
                esc(value_of(values, &format!("{name}.phone"))),
                esc(s.phone_hint),
            );
        }
        QuestionKind::FreeText { .. } => unreachable!("drawn above"),
    }
    m.push_str("</fieldset>");
}

//! A submitted survey form: rate limit per client address (in memory, never stored),
//! honeypot, one-time form token, validation against the live version; then stored, and a
//! "contact me" response opens a conversation. Answered with a redirect to the thank-you
//! page (so a reload does not submit again) or the form again with its errors.

use super::survey_page::{language, not_found, render_form, render_thanks, Mode};
use super::{page, server_error};
use crate::http::auth::origin_allowed;
use crate::http::AppState;
use crate::survey::responses::{open_conversation, record, ContactRequest, NewResponse, RecordError, Recorded, Source};
use crate::survey::store::LiveSurvey;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use channels::survey::answers;
use channels::survey::i18n::strings;
use std::net::SocketAddr;

/// Most form fields read (a survey has at most 60 questions, a few fields each).
const MAX_FIELDS: usize = 1000;

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// A form token as the page issues it: 32 random bytes, base64url.
fn token_ok(t: &str) -> bool {
    t.len() == 43 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[tracing::instrument(name = "survey.submit", skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((library, survey)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // A page elsewhere must not post answers through a visitor's browser.
    if !origin_allowed(&headers, &state) {
        return (StatusCode::FORBIDDEN, "foreign origin").into_response();
    }
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().take(MAX_FIELDS).collect();
    let live = match LiveSurvey::find(&state.db, &library, &survey).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return server_error(e),
    };
    let def = &live.definition;
    let asked = Some(field(&fields, "lang")).filter(|l| !l.is_empty());
    let lang = language(def, asked, &headers).to_owned();
    let kiosk = field(&fields, "kiosk") == "1";
    let s = strings(&lang);

    let key = format!("survey:{}:{}", live.library_id, peer.ip());
    let max = state.library_limits.of(&state.db, live.library_id).await.survey_submissions_per_hour;
    if let Err(retry_after) = state.survey_limiter.take(&key, max) {
        tracing::info!(survey.id = live.survey_id, "survey submission rate limited");
        let mut r = page(StatusCode::TOO_MANY_REQUESTS, render_thanks(&live, &lang, kiosk, Some(s.too_many)));
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after.as_secs().max(1)));
        return r;
    }

    let thanks = || {
        let mut location = format!("/s/{}/{}/thanks?lang={}", live.library_slug, live.slug, lang);
        if kiosk {
            location.push_str("&kiosk=1");
        }
        let mut r = StatusCode::SEE_OTHER.into_response();
        r.headers_mut().insert(header::LOCATION, HeaderValue::from_str(&location).expect("slugs are ASCII"));
        r
    };
    if !field(&fields, "website").is_empty() {
        // Only a robot fills the hidden field: it is told "thanks" and nothing is stored.
        tracing::info!(survey.id = live.survey_id, "survey honeypot filled; nothing stored");
        return thanks();
    }
    let token = field(&fields, "token");
    if !token_ok(token) {
        return page(StatusCode::BAD_REQUEST, render_form(&live, &lang, mode(kiosk), &fields, &[]));
    }
    let parsed = answers::from_form(def, &fields);
    let answers = match parsed {
        Ok(a) => a,
        Err(errors) => {
            return page(StatusCode::UNPROCESSABLE_ENTITY, render_form(&live, &lang, mode(kiosk), &fields, &errors))
        }
    };
    let recorded = record(
        &state.db,
        NewResponse {
            library: live.library_id,
            survey_id: live.survey_id,
            version: live.version,
            definition: def,
            source: if kiosk { Source::Kiosk } else { Source::Web },
            language: &lang,
            answers: answers.clone(),
            submit_key: token,
            entered_by: None,
            submitted_at: None,
        },
    )
    .await;
    match recorded {
        Ok(Recorded::New { id, contact }) => {
            tracing::info!(survey.id = live.survey_id, response.id = id, "survey response stored");
            if let Some(method) = contact {
                let name = def.tr(&def.title, &def.default_language).to_owned();
                let req = ContactRequest {
                    response: id,
                    survey_name: &name,
                    definition: def,
                    answers: &answers,
                    method: &method,
                };
                if let Err(e) = open_conversation(&state.db, &state.ingest, live.library_id, req).await {
                    // The response is stored; staff still see "contact requested" in the results.
                    tracing::error!(error = %e, response.id = id, "opening the conversation of a survey response failed");
                }
            }
            thanks()
        }
        Ok(Recorded::Duplicate { .. }) => page(StatusCode::OK, render_thanks(&live, &lang, kiosk, Some(s.duplicate))),
        Err(RecordError::Invalid(errors)) => {
            page(StatusCode::UNPROCESSABLE_ENTITY, render_form(&live, &lang, mode(kiosk), &fields, &errors))
        }
        Err(RecordError::Database(e)) => server_error(e),
    }
}

fn mode(kiosk: bool) -> Mode {
    if kiosk {
        Mode::Kiosk
    } else {
        Mode::Web
    }
}

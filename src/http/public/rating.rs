//! The page an email rating link opens. Opening it records nothing (mail scanners follow
//! links); the patron's click on "Send" (a POST) does.

use super::html::{esc, shell};
use super::{page, server_error};
use crate::http::auth::origin_allowed;
use crate::http::AppState;
use crate::survey::csat::LinkRequest;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::fmt::Write;

#[derive(Deserialize)]
pub struct RatingQuery {
    pub score: Option<String>,
}

const LABELS: [&str; 5] =
    ["1 – Very unsatisfied", "2 – Unsatisfied", "3 – Neutral", "4 – Satisfied", "5 – Very satisfied"];

fn expired() -> Response {
    page(
        StatusCode::NOT_FOUND,
        shell("en", "Link expired", "", "<h1>This rating link has expired</h1><p>Thank you all the same.</p>"),
    )
}

fn form(req: &LinkRequest, action: &str, preselect: Option<i16>, error: Option<&str>) -> String {
    let mut m = format!("<h1>How satisfied are you with the answer you got from {}?</h1>", esc(&req.library_name));
    if req.answered {
        m.push_str("<p>You already rated this answer; sending again replaces your rating.</p>");
    }
    let _ = write!(m, "<form method=\"post\" action=\"{}\">", esc(action));
    let invalid = if error.is_some() { " aria-describedby=\"score-error\"" } else { "" };
    let _ = write!(m, "<fieldset class=\"q\" id=\"score\"{invalid}><legend>Your rating <span class=\"need\">(required)</span></legend>");
    if let Some(e) = error {
        let _ = write!(m, "<p class=\"field-error\" id=\"score-error\" role=\"alert\">{}</p>", esc(e));
    }
    m.push_str("<div class=\"options\">");
    for (i, label) in LABELS.iter().enumerate() {
        let v = i as i16 + 1;
        let checked = if preselect == Some(v) { " checked" } else { "" };
        let req = if v == 1 { " required" } else { "" };
        let _ = write!(m, "<label class=\"option\"><input type=\"radio\" name=\"score\" value=\"{v}\"{checked}{req}><span>{label}</span></label>");
    }
    m.push_str(
        "</div></fieldset>\
         <div class=\"q\"><label for=\"comment\">Anything to add? <span class=\"need\">(optional)</span></label>\
         <textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"2000\"></textarea></div>\
         <label class=\"option\"><input type=\"checkbox\" name=\"opt_out\" value=\"yes\"><span>Please don't ask me for ratings again</span></label>\
         <p><button type=\"submit\">Send my rating</button></p></form>",
    );
    shell("en", "Rate our answer", "", &m)
}

pub async fn show(
    State(state): State<AppState>,
    Path((library, token)): Path<(String, String)>,
    Query(q): Query<RatingQuery>,
) -> Response {
    match LinkRequest::find(&state.db, &library, &token).await {
        Ok(Some(req)) => {
            let pre = q.score.and_then(|s| s.parse::<i16>().ok()).filter(|s| (1..=5).contains(s));
            page(StatusCode::OK, form(&req, &format!("/r/{library}/{token}"), pre, None))
        }
        Ok(None) => expired(),
        Err(e) => server_error(e),
    }
}

pub async fn answer(
    State(state): State<AppState>,
    Path((library, token)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !origin_allowed(&headers, &state) {
        return (StatusCode::FORBIDDEN, "foreign origin").into_response();
    }
    let req = match LinkRequest::find(&state.db, &library, &token).await {
        Ok(Some(r)) => r,
        Ok(None) => return expired(),
        Err(e) => return server_error(e),
    };
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().take(20).collect();
    let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.trim()).unwrap_or("");
    let Some(score) = get("score").parse::<i16>().ok().filter(|s| (1..=5).contains(s)) else {
        let html = form(&req, &format!("/r/{library}/{token}"), None, Some("Please choose a rating from 1 to 5."));
        return page(StatusCode::UNPROCESSABLE_ENTITY, html);
    };
    let comment: String = get("comment").chars().take(2000).filter(|c| *c != '\0').collect();
    let comment = Some(comment.as_str()).filter(|c| !c.is_empty());
    if let Err(e) = req.answer(&state.db, score, comment, get("opt_out") == "yes").await {
        return server_error(e);
    }
    tracing::info!(library.id = %req.library_id, conversation.id = req.conversation_id, "rating received by email link");
    page(
        StatusCode::OK,
        shell("en", "Thank you", "", "<h1>Thank you!</h1><p role=\"status\">Your rating was received.</p>"),
    )
}

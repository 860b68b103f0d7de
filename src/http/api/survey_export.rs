//! CSV export of a survey's responses, streamed a page at a time so a million responses
//! never sit in memory. Contact details are not exported (only whether contact was asked).

use super::survey_results::survey_for;
use crate::domain::LibraryId;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiPath, ApiResult};
use crate::http::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use channels::survey::answers::{Answer, Answers};
use channels::survey::{QuestionKind, SurveyDefinition};
use sqlx::types::Json;
use sqlx::PgPool;

const PAGE: i64 = 2000;

/// One CSV column: a question key, and the part of an aspect answer.
#[derive(Clone)]
struct Column {
    key: String,
    part: Option<&'static str>,
}

fn columns(def: &SurveyDefinition) -> Vec<Column> {
    let mut cols = Vec::new();
    for q in &def.questions {
        match q.kind {
            QuestionKind::Aspect { .. } => {
                cols.push(Column { key: q.key.clone(), part: Some("importance") });
                cols.push(Column { key: q.key.clone(), part: Some("satisfaction") });
            }
            _ => cols.push(Column { key: q.key.clone(), part: None }),
        }
    }
    cols
}

/// A CSV cell: quoted when needed, and never a formula a spreadsheet would run.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn answer_text(a: Option<&Answer>, part: Option<&str>) -> String {
    match (a, part) {
        (None, _) => String::new(),
        (Some(Answer::Aspect { importance, .. }), Some("importance")) => importance.to_string(),
        (Some(Answer::Aspect { satisfaction, .. }), _) => satisfaction.to_string(),
        (Some(Answer::Rating { value } | Answer::Nps { value }), _) => value.to_string(),
        (Some(Answer::Choice { option }), _) => option.clone(),
        (Some(Answer::Choices { options }), _) => options.join(";"),
        (Some(Answer::Text { text }), _) => text.clone(),
        (Some(Answer::Contact { consent, .. }), _) => if *consent { "yes" } else { "no" }.to_owned(),
    }
}

type Row = (i64, chrono::DateTime<chrono::Utc>, i32, String, String, Json<Answers>, Option<i64>);

async fn page(db: &PgPool, library: LibraryId, survey: i64, after: i64) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as(
        "SELECT id, submitted_at, version, source, language, answers, conversation_id FROM survey_response
          WHERE library_id = $1 AND survey_id = $2 AND id > $3 ORDER BY id LIMIT $4",
    )
    .bind(library)
    .bind(survey)
    .bind(after)
    .bind(PAGE)
    .fetch_all(db)
    .await
}

/// Every response as CSV, one column per question of the published version (managers).
#[utoipa::path(get, path = "/api/surveys/{id}/export.csv", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/csv", body = String)))]
pub async fn export(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let (survey, def) = survey_for(&state, &session, id).await?;
    let cols = columns(&def);
    let mut header_line = "response_id,submitted_at,version,source,language,conversation_id".to_owned();
    for c in &cols {
        header_line.push(',');
        header_line.push_str(&cell(&match c.part {
            Some(p) => format!("{}.{p}", c.key),
            None => c.key.clone(),
        }));
    }
    header_line.push('\n');
    let (db, library) = (state.db.clone(), session.actor.library);
    // State: (last id, done). Each step reads one page and turns it into CSV text.
    let rows = futures::stream::unfold((0i64, false), move |(after, done)| {
        let (db, cols) = (db.clone(), cols.clone());
        async move {
            if done {
                return None;
            }
            match page(&db, library, id, after).await {
                Err(e) => {
                    tracing::error!(error = %e, "survey export failed mid-stream");
                    Some((Err(std::io::Error::other("export failed")), (after, true)))
                }
                Ok(rows) if rows.is_empty() => None,
                Ok(rows) => {
                    let last = rows.last().map(|r| r.0).unwrap_or(after);
                    let full = rows.len() as i64 == PAGE;
                    let mut out = String::new();
                    for (rid, at, version, source, language, answers, conversation) in rows {
                        out.push_str(&format!(
                            "{rid},{},{version},{source},{language},{}",
                            at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                            conversation.map(|c| c.to_string()).unwrap_or_default()
                        ));
                        for c in &cols {
                            out.push(',');
                            out.push_str(&cell(&answer_text(answers.0.get(&c.key), c.part)));
                        }
                        out.push('\n');
                    }
                    Some((Ok(out), (last, !full)))
                }
            }
        }
    });
    let body = futures::stream::once(async move { Ok::<_, std::io::Error>(header_line) }).chain_rows(rows);
    let mut r = Body::from_stream(body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    let filename = format!("attachment; filename=\"survey-{}-responses.csv\"", survey.slug);
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&filename).expect("slugs are ASCII"));
    Ok(r)
}

trait ChainRows: futures::Stream + Sized {
    fn chain_rows<S: futures::Stream<Item = Self::Item>>(self, next: S) -> futures::stream::Chain<Self, S> {
        futures::StreamExt::chain(self, next)
    }
}

impl<T: futures::Stream> ChainRows for T {}

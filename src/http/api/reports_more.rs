//! The other report tables (volume, chat, reference statistics, patrons, satisfaction) and
//! the per-conversation CSV export, streamed row by row.

use super::reports::{csv_response, ReportParams};
use crate::domain::Role;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::reports::csv::{self, num};
use crate::reports::workload::{self, ChatFigures, CsatRow, HeatCell, Lifecycle, ReadCount, WeekCount};
use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/reports/volume", get(volume))
        .route("/api/reports/chat", get(chat))
        .route("/api/reports/reference", get(reference))
        .route("/api/reports/patrons", get(patrons))
        .route("/api/reports/csat", get(csat))
        .route("/api/reports/conversations.csv", get(export))
}

/// Conversations by hour of day x weekday and by week, per channel.
#[derive(Serialize, ToSchema)]
pub struct Volume {
    pub heatmap: Vec<HeatCell>,
    pub weeks: Vec<WeekCount>,
}

/// Volume for staffing the desk: an hour-of-day x weekday heatmap and weekly trends.
#[utoipa::path(get, path = "/api/reports/volume", tag = "reports", params(ReportParams),
    responses((status = 200, content((Volume = "application/json"), (String = "text/csv"))), (status = 422, body = ErrorBody)))]
pub async fn volume(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let a = p.parse(&state, &session).await?;
    let (db, library) = (&state.reports_db, session.actor.library);
    let heatmap = workload::heatmap(db, library, a.tz, &a.period, a.filter.staff).await?;
    let weeks = workload::weekly(db, library, a.tz, &a.period, a.filter.staff).await?;
    if a.csv {
        let mut out = csv::line(&["kind", "channel", "weekday", "hour", "week", "conversations"]);
        for c in &heatmap {
            out += &csv::line(&[
                "hour".into(),
                c.channel.clone(),
                c.weekday.to_string(),
                c.hour.to_string(),
                String::new(),
                c.conversations.to_string(),
            ]);
        }
        for w in &weeks {
            out += &csv::line(&[
                "week".into(),
                w.channel.clone(),
                String::new(),
                String::new(),
                w.week.clone(),
                w.conversations.to_string(),
            ]);
        }
        return Ok(csv_response("volume.csv", out));
    }
    Ok(Json(Volume { heatmap, weeks }).into_response())
}

/// Web chat: chats started, abandoned before an answer, and wait times.
#[utoipa::path(get, path = "/api/reports/chat", tag = "reports", params(ReportParams),
    responses((status = 200, content((ChatFigures = "application/json"), (String = "text/csv"))), (status = 422, body = ErrorBody)))]
pub async fn chat(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let a = p.parse(&state, &session).await?;
    let f = workload::chat(&state.reports_db, session.actor.library, a.tz, &a.period, a.filter.staff).await?;
    if a.csv {
        let mut out =
            csv::line(&["chats", "abandoned", "abandonment_rate", "answered", "wait_p50", "wait_p90", "wait_mean"]);
        out += &csv::line(&[
            f.chats.to_string(),
            f.abandoned.to_string(),
            num(f.abandonment_rate),
            f.answered.to_string(),
            num(f.wait_p50),
            num(f.wait_p90),
            num(f.wait_mean),
        ]);
        return Ok(csv_response("chat.csv", out));
    }
    Ok(Json(f).into_response())
}

/// Reference questions by READ level, channel (tallies: in_person, phone), team and type.
#[utoipa::path(get, path = "/api/reports/reference", tag = "reports", params(ReportParams),
    responses((status = 200, content((Vec<ReadCount> = "application/json"), (String = "text/csv"))), (status = 422, body = ErrorBody)))]
pub async fn reference(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let a = p.parse(&state, &session).await?;
    let rows = workload::reference(&state.reports_db, session.actor.library, a.tz, &a.period, a.filter.staff).await?;
    if a.csv {
        let mut out = csv::line(&["read_level", "channel", "team_id", "question_type", "questions"]);
        for r in &rows {
            out += &csv::line(&[
                num(r.read_level),
                r.channel.clone(),
                num(r.team_id),
                r.question_type.clone().unwrap_or_default(),
                r.questions.to_string(),
            ]);
        }
        return Ok(csv_response("reference.csv", out));
    }
    Ok(Json(rows).into_response())
}

/// The patron life cycle's own parameter.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LapseParams {
    /// A patron with no contact for this many days counts as lapsed (1 to 3650); default the
    /// library's privacy setting, else `reports.lapsed_after_days`.
    pub lapsed_after_days: Option<i32>,
}

/// Patrons by life-cycle stage per preferred channel, and the lapse period used.
#[derive(Debug, Serialize, ToSchema)]
pub struct Patrons {
    pub lapsed_after_days: i32,
    pub rows: Vec<Lifecycle>,
}

/// Patrons new, returning and lapsed in the period, per preferred channel (managers).
#[utoipa::path(get, path = "/api/reports/patrons", tag = "reports", params(ReportParams, LapseParams),
    responses((status = 200, content((Patrons = "application/json"), (String = "text/csv"))), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patrons(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
    ApiQuery(lapse): ApiQuery<LapseParams>,
) -> ApiResult<Response> {
    session.require(Role::Manager)?;
    let a = p.parse(&state, &session).await?;
    let library = session.actor.library;
    let lapsed = match lapse.lapsed_after_days {
        Some(days) if (1..=3650).contains(&days) => days,
        Some(_) => return Err(ApiError::invalid("invalid_lapse", "lapsed_after_days is 1 to 3650")),
        None => sqlx::query_scalar("SELECT lapsed_after_days FROM privacy_policy WHERE library_id = $1")
            .bind(library)
            .fetch_optional(&state.db)
            .await?
            .unwrap_or(state.config.reports.lapsed_after_days.min(3650) as i32),
    };
    let rows = workload::lifecycle(&state.reports_db, library, a.tz, &a.period, lapsed as u32).await?;
    if a.csv {
        let mut out = csv::line(&["preferred_channel", "new", "returning", "lapsed"]);
        for r in &rows {
            out += &csv::line(&[
                r.preferred_channel.clone().unwrap_or_default(),
                r.new.to_string(),
                r.returning.to_string(),
                r.lapsed.to_string(),
            ]);
        }
        return Ok(csv_response("patrons.csv", out));
    }
    Ok(Json(Patrons { lapsed_after_days: lapsed, rows }).into_response())
}

/// Satisfaction ratings per channel, team and staff member.
#[utoipa::path(get, path = "/api/reports/csat", tag = "reports", params(ReportParams),
    responses((status = 200, content((Vec<CsatRow> = "application/json"), (String = "text/csv"))), (status = 422, body = ErrorBody)))]
pub async fn csat(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let a = p.parse(&state, &session).await?;
    let rows = crate::reports::csat::ratings(&state.reports_db, session.actor.library, a.tz, &a.period, a.filter.staff)
        .await?
        .cells;
    if a.csv {
        let mut out = csv::line(&["channel", "team_id", "staff_id", "ratings", "mean_score", "satisfied_share"]);
        for r in &rows {
            out += &csv::line(&[
                r.channel.clone(),
                num(r.team_id),
                num(r.staff_id),
                r.ratings.to_string(),
                num(r.mean_score),
                num(r.satisfied_share),
            ]);
        }
        return Ok(csv_response("csat.csv", out));
    }
    Ok(Json(rows).into_response())
}

const EXPORT_HEADER: [&str; 20] = [
    "conversation_id",
    "channel",
    "status",
    "team_id",
    "assignee_id",
    "created_at",
    "first_response_at",
    "first_response_secs",
    "first_response_business_secs",
    "first_resolved_at",
    "resolution_secs",
    "resolution_business_secs",
    "replies_to_resolve",
    "reopen_count",
    "last_resolved_at",
    "read_level",
    "question_type",
    "tags",
    "csat_score",
    "abandoned_at",
];

// Every column is text, so one row type reads them all.
const EXPORT_SQL: &str = "
SELECT c.id::text, c.channel, c.status, c.team_id::text, c.assignee_id::text, c.created_at::text,
       f.first_response_at::text, f.first_response_secs::text, f.first_response_bsecs::text,
       f.first_resolved_at::text, f.resolution_secs::text, f.resolution_bsecs::text,
       f.replies_to_resolve::text, f.reopen_count::text, f.last_resolved_at::text, c.read_level::text,
       c.question_type, array_to_string(c.tags, ';'), r.score::text, c.abandoned_at::text
  FROM conversation c
  LEFT JOIN conversation_fact f ON f.library_id = c.library_id AND f.conversation_id = c.id
  LEFT JOIN csat_rating r ON r.library_id = c.library_id AND r.conversation_id = c.id
 WHERE c.library_id = $1 AND c.created_at >= $2 AND c.created_at < $3
   AND ($4::bigint IS NULL OR c.assignee_id = $4) AND ($5::text IS NULL OR c.channel = $5)
   AND ($6::bigint IS NULL OR coalesce(c.team_id, 0) = $6)
 ORDER BY c.created_at, c.id";

/// One row per conversation started in the period (times, channel, team, assignee, READ
/// level, tags, rating), streamed. Staff get the conversations assigned to them.
#[utoipa::path(get, path = "/api/reports/conversations.csv", tag = "reports", params(ReportParams),
    responses((status = 200, content((String = "text/csv"))), (status = 422, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let a = p.parse(&state, &session).await?;
    let (from, to) = a.period.instants(a.tz);
    let (library, db) = (session.actor.library, state.reports_db.clone());
    let (team, channel, staff) = (a.filter.team, a.filter.channel.clone(), a.filter.staff);
    let (tx, rx) = futures::channel::mpsc::channel::<Result<String, std::io::Error>>(16);
    // The query streams on its own task; a client that goes away closes the channel and
    // the task stops at the next row.
    tokio::spawn(async move {
        let mut tx = tx;
        use futures::SinkExt;
        if tx.send(Ok(csv::line(&EXPORT_HEADER))).await.is_err() {
            return;
        }
        let mut rows = sqlx::query_as::<_, ExportRow>(EXPORT_SQL)
            .bind(library)
            .bind(from)
            .bind(to)
            .bind(staff)
            .bind(channel)
            .bind(team)
            .fetch(&db);
        while let Some(row) = rows.next().await {
            let item = match row {
                Ok(r) => Ok(csv::line(&r.0.map(Option::unwrap_or_default))),
                Err(e) => {
                    tracing::error!(error = %e, "conversation export failed");
                    Err(std::io::Error::other("export failed"))
                }
            };
            let failed = item.is_err();
            if tx.send(item).await.is_err() || failed {
                return;
            }
        }
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"conversations.csv\""),
        ],
        Body::from_stream(rx),
    )
        .into_response())
}

struct ExportRow([Option<String>; 20]);

impl<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> for ExportRow {
    fn from_row(row: &'r sqlx::postgres::PgRow) -> sqlx::Result<Self> {
        use sqlx::Row;
        let mut cells: [Option<String>; 20] = Default::default();
        for (i, cell) in cells.iter_mut().enumerate() {
            *cell = row.try_get(i)?;
        }
        Ok(ExportRow(cells))
    }
}

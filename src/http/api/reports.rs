//! Reports: response times, workload and service quality over any period, as JSON or CSV
//! (`format=csv`). Staff see their own figures; managers everyone's. Queries run on the
//! reports' own pool, whose statement timeout cancels a report before it hurts ingest.

use crate::domain::{Channel, Role, StaffId, TeamId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::reports::period::Period;
use crate::reports::response_times::{self, Figures, Filter, Group, Stats};
use crate::reports::{calendar, csv};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/reports/response-times", get(response_times)).merge(super::reports_more::router())
}

/// The filters every report takes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// First local day (YYYY-MM-DD); default 30 days before `to`.
    pub from: Option<NaiveDate>,
    /// Day after the last (exclusive); default tomorrow in the library's time zone.
    pub to: Option<NaiveDate>,
    /// email, sms, chat or survey.
    pub channel: Option<String>,
    /// A team id; 0 = conversations without a team.
    pub team: Option<i64>,
    /// A staff id (staff may only ask for their own).
    pub staff: Option<i64>,
    /// `wall` (default) or `business` (the team's opening hours).
    pub hours: Option<String>,
    /// Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
    /// `<team id>/<Monday>`) or `tag`.
    pub group: Option<String>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

/// What a report is asked for, parsed.
pub struct Asked {
    pub tz: Tz,
    pub period: Period,
    pub filter: Filter,
    pub csv: bool,
}

impl ReportParams {
    pub async fn parse(&self, state: &AppState, session: &StaffSession) -> ApiResult<Asked> {
        let tz = calendar::library_tz(&state.db, session.actor.library).await?;
        let today = Utc::now().with_timezone(&tz).date_naive();
        let to = self.to.unwrap_or(today + Duration::days(1));
        let from = self.from.unwrap_or(to - Duration::days(30));
        let period = Period::new(from, to)
            .ok_or_else(|| ApiError::invalid("invalid_period", "`from` is before `to`, at most twenty years apart"))?;
        let channel = self
            .channel
            .as_deref()
            .map(Channel::parse)
            .transpose()
            .map_err(|_| ApiError::invalid("invalid_channel", "channel is email, sms, chat or survey"))?
            .map(|c| c.as_str().to_owned());
        let business_hours = match self.hours.as_deref() {
            None | Some("wall") => false,
            Some("business") => true,
            Some(_) => return Err(ApiError::invalid("invalid_hours", "hours is wall or business")),
        };
        let group = Group::parse(self.group.as_deref().unwrap_or("none")).ok_or_else(|| {
            ApiError::invalid("invalid_group", "group is none, channel, team, staff, week, team_week or tag")
        })?;
        let csv = match self.format.as_deref() {
            None | Some("json") => false,
            Some("csv") => true,
            Some(_) => return Err(ApiError::invalid("invalid_format", "format is json or csv")),
        };
        if self.team.is_some_and(|t| t < 0) {
            return Err(ApiError::invalid("invalid_team", "team is a team id, or 0 for none"));
        }
        let staff = scope(session, self.staff)?;
        Ok(Asked {
            tz,
            period,
            filter: Filter { channel, team: self.team.map(TeamId), staff, business_hours, group },
            csv,
        })
    }
}

/// Staff see their own numbers only; managers and admins anyone's (or everyone's).
pub fn scope(session: &StaffSession, asked: Option<i64>) -> ApiResult<Option<StaffId>> {
    if session.actor.role >= Role::Manager {
        return Ok(asked.map(StaffId));
    }
    match asked {
        Some(id) if id != session.actor.staff.0 => Err(ApiError::Forbidden),
        _ => Ok(Some(session.actor.staff)),
    }
}

/// One row: a group's figures now and in the period before.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseRow {
    /// Channel, team id, staff id, week (Monday), `<team id>/<Monday>` or tag; "" without
    /// grouping.
    pub key: String,
    pub current: Figures,
    pub previous: Figures,
}

/// First response, resolution (to the first resolve) and replies to resolve.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseTimes {
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    /// `wall` or `business`.
    pub hours: String,
    /// True when the percentiles were computed exactly from the stored facts; false when
    /// read from the histograms (within 2.5%; counts and means are exact either way).
    pub exact: bool,
    pub rows: Vec<ResponseRow>,
}

/// Response times per channel, team, staff member, week or tag, beside the previous period.
#[utoipa::path(get, path = "/api/reports/response-times", tag = "reports", params(ReportParams),
    responses((status = 200, content((ResponseTimes = "application/json"), (String = "text/csv"))),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn response_times(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let a = p.parse(&state, &session).await?;
    let (library, exact_below) = (session.actor.library, state.config.reports.exact_below);
    let db = &state.reports_db;
    let (now, exact_now) = response_times::figures(db, library, a.tz, &a.period, &a.filter, exact_below).await?;
    let previous = a.period.previous();
    let (before, exact_before) = response_times::figures(db, library, a.tz, &previous, &a.filter, exact_below).await?;
    let mut keys: Vec<String> = now.keys().chain(before.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() && a.filter.group == Group::None {
        keys.push(String::new());
    }
    let rows: Vec<ResponseRow> = keys
        .into_iter()
        .map(|k| ResponseRow {
            current: now.get(&k).cloned().unwrap_or_default(),
            previous: before.get(&k).cloned().unwrap_or_default(),
            key: k,
        })
        .collect();
    let hours = if a.filter.business_hours { "business" } else { "wall" };
    if a.csv {
        let mut out = csv::line(&["key", "period", "measure", "count", "mean", "p50", "p90", "p99"]);
        for r in &rows {
            for (period, f) in [("current", &r.current), ("previous", &r.previous)] {
                for (measure, s) in stats_of(f, hours) {
                    out.push_str(&csv::line(&[
                        r.key.clone(),
                        period.into(),
                        measure,
                        s.count.to_string(),
                        csv::num(s.mean),
                        csv::num(s.p50),
                        csv::num(s.p90),
                        csv::num(s.p99),
                    ]));
                }
            }
        }
        return Ok(csv_response("response-times.csv", out));
    }
    Ok(Json(ResponseTimes {
        from: a.period.from.to_string(),
        to: a.period.to.to_string(),
        previous_from: previous.from.to_string(),
        previous_to: previous.to.to_string(),
        hours: hours.to_owned(),
        exact: exact_now && exact_before,
        rows,
    })
    .into_response())
}

fn stats_of<'a>(f: &'a Figures, hours: &str) -> [(String, &'a Stats); 3] {
    [
        (format!("first_response_secs_{hours}"), &f.first_response),
        (format!("resolution_secs_{hours}"), &f.resolution),
        ("replies_to_resolve".to_owned(), &f.replies_to_resolve),
    ]
}

/// A CSV download.
pub fn csv_response(filename: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        body,
    )
        .into_response()
}

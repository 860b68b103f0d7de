//! Survey results for managers: the headline trend, breakdowns by a context question,
//! comments with search, and the CSV export of responses.

use crate::domain::Role;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiPath, ApiQuery, ApiResult};
use crate::http::AppState;
use crate::survey::results::{self, Breakdown, Comment, Grain, Overview};
use crate::survey::store::Survey;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use channels::survey::scoring::DEFAULT_MIN_GROUP;
use channels::survey::SurveyDefinition;
use chrono::{Datelike, Months, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/surveys/{id}/results", get(overview))
        .route("/api/surveys/{id}/breakdown", get(breakdown))
        .route("/api/surveys/{id}/comments", get(comments))
        .route("/api/surveys/{id}/export.csv", get(super::survey_export::export))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeParams {
    /// `week` or `month` (default).
    pub grain: Option<Grain>,
    /// First day (default: twelve months ago).
    pub from: Option<NaiveDate>,
    /// Last day (default: today).
    pub to: Option<NaiveDate>,
}

impl RangeParams {
    fn resolve(&self) -> ApiResult<(Grain, NaiveDate, NaiveDate)> {
        let to = self.to.unwrap_or_else(|| Utc::now().date_naive());
        let from = self.from.unwrap_or_else(|| to.checked_sub_months(Months::new(12)).unwrap_or(to));
        if from > to {
            return Err(ApiError::invalid("invalid_range", "from is after to"));
        }
        let grain = self.grain.unwrap_or_default();
        // Periods start on the week's Monday / the month's first day.
        let start = match grain {
            Grain::Month => from.with_day0(0).unwrap_or(from),
            Grain::Week => from - chrono::Duration::days(from.weekday().num_days_from_monday() as i64),
        };
        Ok((grain, start, to))
    }
}

/// The survey (404 when not the caller's) and the definition results are labelled by: the
/// published version, else the draft.
pub(super) async fn survey_for(
    state: &AppState,
    session: &StaffSession,
    id: i64,
) -> ApiResult<(Survey, SurveyDefinition)> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    let survey = Survey::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("survey"))?;
    let def = match survey.published_version {
        Some(v) => Survey::version(&state.db, library, id, v).await?,
        None => None,
    }
    .unwrap_or_else(|| survey.draft.0.clone());
    Ok((survey, def))
}

/// Responses, response rate, satisfaction and NPS per period; every scored question over
/// the range; the Opportunity Index of each service aspect (managers).
#[utoipa::path(get, path = "/api/surveys/{id}/results", tag = "surveys", params(("id" = i64, Path), RangeParams),
    responses((status = 200, body = Overview)))]
pub async fn overview(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(range): ApiQuery<RangeParams>,
) -> ApiResult<Json<Overview>> {
    let (_, def) = survey_for(&state, &session, id).await?;
    let (grain, from, to) = range.resolve()?;
    Ok(Json(results::overview(&state.db, session.actor.library, id, &def, grain, from, to).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BreakdownParams {
    /// The context question to group by (its key).
    pub by: String,
    /// The scored question (its key); ignored for `measure=responses`.
    pub question: Option<String>,
    /// rating, importance, satisfaction, nps or responses (default: the question's own).
    pub measure: Option<String>,
    /// Smallest group shown (default 5, at least 2).
    pub min_group: Option<i64>,
    pub grain: Option<Grain>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A scored question per period and per option of a context question; groups under the
/// threshold are hidden (managers).
#[utoipa::path(get, path = "/api/surveys/{id}/breakdown", tag = "surveys", params(("id" = i64, Path), BreakdownParams),
    responses((status = 200, body = Breakdown)))]
pub async fn breakdown(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(p): ApiQuery<BreakdownParams>,
) -> ApiResult<Json<Breakdown>> {
    use channels::survey::QuestionKind;
    let (_, def) = survey_for(&state, &session, id).await?;
    let by_ok = p.by == crate::survey::responses::SOURCE_GROUP
        || def.question(&p.by).is_some_and(|q| matches!(q.kind, QuestionKind::Context { .. }));
    if !by_ok {
        return Err(ApiError::invalid("invalid_group", "`by` must name a context question"));
    }
    let question = p.question.clone().unwrap_or_default();
    let measure = match (p.measure.as_deref(), def.question(&question).map(|q| &q.kind)) {
        (Some("responses"), _) => "responses",
        (m, Some(QuestionKind::Rating { .. })) if m.is_none() || m == Some("rating") => "rating",
        (m, Some(QuestionKind::Nps)) if m.is_none() || m == Some("nps") => "nps",
        (Some("importance"), Some(QuestionKind::Aspect { .. })) => "importance",
        (None | Some("satisfaction"), Some(QuestionKind::Aspect { .. })) => "satisfaction",
        (None, None) => "responses",
        _ => return Err(ApiError::invalid("invalid_measure", "that measure does not fit that question")),
    };
    let min_group = p.min_group.unwrap_or(DEFAULT_MIN_GROUP).max(2);
    let (grain, from, to) = RangeParams { grain: p.grain, from: p.from, to: p.to }.resolve()?;
    let b =
        results::breakdown(&state.db, session.actor.library, id, &p.by, &question, measure, grain, from, to, min_group)
            .await?;
    Ok(Json(b))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentParams {
    /// Words to find (web-search syntax).
    pub q: Option<String>,
    /// Older than this response id (the last one of the previous page).
    pub before: Option<i64>,
    /// 1 to 200; default 50.
    pub limit: Option<i64>,
}

/// Respondents' comments, newest first, with search (managers).
#[utoipa::path(get, path = "/api/surveys/{id}/comments", tag = "surveys", params(("id" = i64, Path), CommentParams),
    responses((status = 200, body = Vec<Comment>)))]
pub async fn comments(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(p): ApiQuery<CommentParams>,
) -> ApiResult<Json<Vec<Comment>>> {
    survey_for(&state, &session, id).await?;
    let q = p.q.as_deref().map(str::trim).filter(|q| !q.is_empty() && q.len() <= 500 && !q.contains('\0'));
    let limit = p.limit.unwrap_or(50).clamp(1, 200);
    Ok(Json(results::comments(&state.db, session.actor.library, id, q, p.before, limit).await?))
}

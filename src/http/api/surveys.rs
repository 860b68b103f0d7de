//! Surveys: staff read them and key in paper responses; managers build, edit and publish.

use crate::domain::Role;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::audit;
use crate::survey::responses::{record, NewResponse, RecordError, Recorded, Source};
use crate::survey::store::{Survey, VersionInfo};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use channels::survey::answers::{Answers, FieldError};
use channels::survey::SurveyDefinition;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/surveys", get(list).post(create))
        .route("/api/surveys/{id}", get(show).put(update))
        .route("/api/surveys/{id}/publish", post(publish))
        .route("/api/surveys/{id}/responses", post(enter_paper))
}

/// The library's surveys.
#[utoipa::path(get, path = "/api/surveys", tag = "surveys", responses((status = 200, body = Vec<Survey>)))]
pub async fn list(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<Survey>>> {
    Ok(Json(Survey::list(&state.db, session.actor.library).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSurvey {
    /// The public address: `/s/{library}/{slug}`. Lower-case letters, digits and `-`.
    pub slug: String,
    pub name: String,
    pub definition: SurveyDefinition,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyUpdate {
    pub name: String,
    /// The new draft; the public page keeps the published version until `publish`.
    pub definition: SurveyDefinition,
    /// Close (true) or reopen (false) the survey to new responses; absent: unchanged.
    #[serde(default)]
    pub closed: Option<bool>,
}

/// A survey with its published definition and versions.
#[derive(Serialize, ToSchema)]
pub struct SurveyDetail {
    pub survey: Survey,
    /// The version the public page shows (what paper entry validates against).
    pub published: Option<SurveyDefinition>,
    pub versions: Vec<VersionInfo>,
}

fn check(name: &str, def: &SurveyDefinition) -> ApiResult<()> {
    if name.trim().is_empty() || name.chars().count() > 200 {
        return Err(ApiError::invalid("invalid_name", "survey names are 1 to 200 characters"));
    }
    def.validate().map_err(|e| ApiError::invalid("invalid_survey", e.to_string()))
}

fn slug_ok(slug: &str) -> bool {
    (1..=63).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
}

async fn detail(state: &AppState, session: &StaffSession, id: i64) -> ApiResult<SurveyDetail> {
    let library = session.actor.library;
    let survey = Survey::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("survey"))?;
    let published = match survey.published_version {
        Some(v) => Survey::version(&state.db, library, id, v).await?,
        None => None,
    };
    let versions = Survey::versions(&state.db, library, id).await?;
    Ok(SurveyDetail { survey, published, versions })
}

/// Creates a survey as a draft (managers).
#[utoipa::path(post, path = "/api/surveys", tag = "surveys", request_body = NewSurvey,
    responses((status = 201, body = SurveyDetail), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<NewSurvey>,
) -> ApiResult<(StatusCode, Json<SurveyDetail>)> {
    session.require(Role::Manager)?;
    check(&req.name, &req.definition)?;
    if !slug_ok(&req.slug) {
        return Err(ApiError::invalid("invalid_slug", "slugs are 1-63 of a-z, 0-9 and -"));
    }
    let library = session.actor.library;
    let mut tx = state.db.begin().await?;
    let id =
        Survey::create(&mut *tx, library, &req.slug, req.name.trim(), &req.definition).await.map_err(|e| match &e {
            sqlx::Error::Database(d) if d.constraint() == Some("survey_slug_key") => {
                ApiError::Conflict { code: "survey_exists", message: "a survey with that slug exists".into() }
            }
            _ => e.into(),
        })?;
    audit::record(&mut *tx, library, Some(session.actor.staff), "create", "survey", Some(id), serde_json::json!({}))
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &session, id).await?)))
}

/// A survey, its published definition and its versions.
#[utoipa::path(get, path = "/api/surveys/{id}", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = SurveyDetail)))]
pub async fn show(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SurveyDetail>> {
    Ok(Json(detail(&state, &session, id).await?))
}

/// Replaces the draft (managers). A live survey keeps showing its published version.
#[utoipa::path(put, path = "/api/surveys/{id}", tag = "surveys", params(("id" = i64, Path)), request_body = SurveyUpdate,
    responses((status = 200, body = SurveyDetail)))]
pub async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SurveyUpdate>,
) -> ApiResult<Json<SurveyDetail>> {
    session.require(Role::Manager)?;
    check(&req.name, &req.definition)?;
    let library = session.actor.library;
    if !Survey::update_draft(&state.db, library, id, req.name.trim(), &req.definition, req.closed).await? {
        return Err(ApiError::NotFound("survey"));
    }
    audit::record(&state.db, library, Some(session.actor.staff), "update", "survey", Some(id), serde_json::json!({}))
        .await?;
    Ok(Json(detail(&state, &session, id).await?))
}

/// Publishes the draft as a new immutable version (managers). Responses keep the version
/// they answered; publishing an unchanged draft changes nothing.
#[utoipa::path(post, path = "/api/surveys/{id}/publish", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = SurveyDetail)))]
pub async fn publish(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SurveyDetail>> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    let mut tx = state.db.begin().await?;
    let version =
        Survey::publish(&mut tx, library, id, Some(session.actor.staff)).await?.ok_or(ApiError::NotFound("survey"))?;
    audit::record(
        &mut *tx,
        library,
        Some(session.actor.staff),
        "publish",
        "survey",
        Some(id),
        serde_json::json!({"version": version}),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(detail(&state, &session, id).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperResponse {
    /// Answers by question key, e.g. `{"overall": {"type": "rating", "value": 4}}`; types:
    /// rating, aspect (importance, satisfaction), nps, choice (option), choices (options),
    /// text, contact (consent, email, phone).
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// The language the form was printed in; default the survey's default.
    #[serde(default)]
    pub language: Option<String>,
    /// The day written on the form, if any (else today).
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
    /// A key the entry screen makes per paper form (8-100 characters): the same form
    /// entered twice is stored once.
    #[serde(default)]
    pub entry_key: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PaperEntered {
    pub response_id: i64,
    /// True when this entry key was entered before (nothing new stored).
    pub duplicate: bool,
}

#[derive(Serialize, ToSchema)]
pub struct InvalidResponse {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
}

/// Keys in a paper response (staff), tagged as paper, against the published version.
/// Answers that do not fit answer 422 with code `invalid_response` and, beside `code` and
/// `message`, `fields`: one `{question, code}` per problem.
#[utoipa::path(post, path = "/api/surveys/{id}/responses", tag = "surveys", params(("id" = i64, Path)), request_body = PaperResponse,
    responses((status = 201, body = PaperEntered), (status = 200, body = PaperEntered)))]
pub async fn enter_paper(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<PaperResponse>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let library = session.actor.library;
    let survey = Survey::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("survey"))?;
    let version =
        survey.published_version.ok_or_else(|| ApiError::invalid("not_published", "publish the survey first"))?;
    let def = Survey::version(&state.db, library, id, version).await?.ok_or(ApiError::NotFound("survey"))?;
    let language = def.pick_language(req.language.as_deref()).to_owned();
    let key = match req.entry_key {
        Some(k) if (8..=100).contains(&k.len()) && k.chars().all(|c| c.is_ascii_graphic()) => format!("paper:{k}"),
        Some(_) => {
            return Err(ApiError::invalid("invalid_entry_key", "entry keys are 8 to 100 printable ASCII characters"))
        }
        None => format!("paper:{}", crate::auth::token::random_token()),
    };
    let submitted_at = match req.submitted_on {
        Some(d) if d > chrono::Utc::now().date_naive() => {
            return Err(ApiError::invalid("future_date", "the form's date is in the future"))
        }
        Some(d) => Some(d.and_hms_opt(12, 0, 0).expect("noon exists").and_utc()),
        None => None,
    };
    let recorded = record(
        &state.db,
        NewResponse {
            library,
            survey_id: id,
            version,
            definition: &def,
            source: Source::Paper,
            language: &language,
            answers: req.answers.clone(),
            submit_key: &key,
            entered_by: Some(session.actor.staff),
            submitted_at,
        },
    )
    .await;
    match recorded {
        Ok(Recorded::New { id, contact }) => {
            if let Some(method) = contact {
                // A patron who wrote an address on paper and asked to be contacted.
                let name = def.tr(&def.title, &def.default_language).to_owned();
                let contact = crate::survey::responses::ContactRequest {
                    response: id,
                    survey_name: &name,
                    definition: &def,
                    answers: &req.answers,
                    method: &method,
                };
                crate::survey::responses::open_conversation(&state.db, &state.ingest, library, contact)
                    .await
                    .map_err(|e| ApiError::Internal(e.into()))?;
                state.realtime.published();
            }
            Ok((StatusCode::CREATED, Json(PaperEntered { response_id: id, duplicate: false })).into_response())
        }
        Ok(Recorded::Duplicate { id }) => Ok(Json(PaperEntered { response_id: id, duplicate: true }).into_response()),
        Err(RecordError::Invalid(fields)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(InvalidResponse {
                code: "invalid_response".into(),
                message: "some answers do not fit the survey".into(),
                fields,
            }),
        )
            .into_response()),
        Err(RecordError::Database(e)) => Err(e.into()),
    }
}

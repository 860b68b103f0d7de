//! Results for managers, read from the rollups (a trend over a million responses reads a
//! few hundred rows): responses and response rate over time, satisfaction and NPS trends,
//! breakdowns by a context question with small groups hidden, and the Opportunity Index.

use crate::domain::LibraryId;
use crate::survey::responses::SOURCE_GROUP;
use channels::survey::scoring::{opportunity_index, shown_groups, Tally};
use channels::survey::{QuestionKind, SurveyDefinition};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Week,
    #[default]
    Month,
}

impl Grain {
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Week => "week",
            Grain::Month => "month",
        }
    }
}

/// One period of the headline trend.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrendPoint {
    pub period: NaiveDate,
    pub responses: i64,
    /// Page views (web and kiosk) in the period.
    pub views: i64,
    /// Web and kiosk responses per view; null without views.
    pub response_rate: Option<f64>,
    /// Mean of the satisfaction question (see `satisfaction_question`).
    pub satisfaction: Option<f64>,
    pub nps: Option<f64>,
}

/// A scored question over the whole range.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionScore {
    pub key: String,
    pub measure: String,
    pub n: i64,
    pub mean: Option<f64>,
    pub nps: Option<f64>,
}

/// LibSat's view of one service aspect.
#[derive(Debug, Serialize, ToSchema)]
pub struct AspectScore {
    pub key: String,
    pub label: String,
    pub n: i64,
    pub importance: Option<f64>,
    pub satisfaction: Option<f64>,
    /// importance + (importance - satisfaction), floor 0; higher = act here first.
    pub opportunity_index: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Overview {
    pub grain: Grain,
    pub satisfaction_question: Option<String>,
    pub nps_question: Option<String>,
    pub responses: i64,
    pub by_source: BTreeMap<String, i64>,
    pub trend: Vec<TrendPoint>,
    pub questions: Vec<QuestionScore>,
    pub aspects: Vec<AspectScore>,
}

#[derive(sqlx::FromRow)]
struct GroupedRow {
    group_key: String,
    #[sqlx(flatten)]
    row: RollupRow,
}

#[derive(sqlx::FromRow)]
struct RollupRow {
    period: NaiveDate,
    question_key: String,
    measure: String,
    group_option: String,
    n: i64,
    total: i64,
    promoters: i64,
    detractors: i64,
}

impl RollupRow {
    fn tally(&self) -> Tally {
        Tally { n: self.n, total: self.total, promoters: self.promoters, detractors: self.detractors }
    }
}

fn value(measure: &str, t: &Tally) -> Option<f64> {
    if measure == "nps" {
        t.nps()
    } else if measure == "responses" {
        Some(t.n as f64)
    } else {
        t.mean()
    }
}

/// The headline results of a survey between `from` and `to` (inclusive periods).
pub async fn overview(
    db: &PgPool,
    library: LibraryId,
    survey: i64,
    def: &SurveyDefinition,
    grain: Grain,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Overview> {
    let rows: Vec<GroupedRow> = sqlx::query_as(
        "SELECT group_key, period, question_key, measure, group_option, n, total, promoters, detractors FROM survey_rollup
          WHERE library_id = $1 AND survey_id = $2 AND grain = $3 AND period BETWEEN $4 AND $5
            AND (group_key = '' OR (group_key = $6 AND measure = 'responses'))
          ORDER BY period",
    )
    .bind(library)
    .bind(survey)
    .bind(grain.as_str())
    .bind(from)
    .bind(to)
    .bind(SOURCE_GROUP)
    .fetch_all(db)
    .await?;
    let views: Vec<(NaiveDate, i64)> = sqlx::query_as(
        "SELECT date_trunc($3, day)::date AS period, sum(views)::bigint FROM survey_view_daily
          WHERE library_id = $1 AND survey_id = $2 AND date_trunc($3, day)::date BETWEEN $4 AND $5
          GROUP BY 1",
    )
    .bind(library)
    .bind(survey)
    .bind(grain.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    let sat_q = def.questions.iter().find(|q| matches!(q.kind, QuestionKind::Rating { .. })).map(|q| q.key.clone());
    let nps_q = def.questions.iter().find(|q| q.kind == QuestionKind::Nps).map(|q| q.key.clone());
    let views: BTreeMap<NaiveDate, i64> = views.into_iter().collect();
    let mut periods: BTreeMap<NaiveDate, TrendPoint> = BTreeMap::new();
    let mut on_screen: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut by_source: BTreeMap<String, i64> = BTreeMap::new();
    let mut totals: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for g in &rows {
        let r = &g.row;
        if g.group_key == SOURCE_GROUP {
            *by_source.entry(r.group_option.clone()).or_default() += r.n;
            if r.group_option != "paper" {
                *on_screen.entry(r.period).or_default() += r.n;
            }
            continue;
        }
        let p = periods.entry(r.period).or_insert_with(|| TrendPoint {
            period: r.period,
            responses: 0,
            views: views.get(&r.period).copied().unwrap_or(0),
            response_rate: None,
            satisfaction: None,
            nps: None,
        });
        let t = r.tally();
        match r.measure.as_str() {
            "responses" => p.responses = r.n,
            "rating" if Some(&r.question_key) == sat_q.as_ref() => p.satisfaction = t.mean(),
            "nps" if Some(&r.question_key) == nps_q.as_ref() => p.nps = t.nps(),
            _ => {}
        }
        totals.entry((r.question_key.clone(), r.measure.clone())).or_default().add(&t);
    }
    for p in periods.values_mut() {
        // Paper responses had no page view: the rate is of on-screen responses per view.
        let screen = on_screen.get(&p.period).copied().unwrap_or(0);
        p.response_rate = (p.views > 0).then(|| (screen as f64 / p.views as f64).min(1.0));
    }
    let responses = totals.get(&(String::new(), "responses".to_owned())).map_or(0, |t| t.n);
    let questions = totals
        .iter()
        .filter(|((_, m), _)| m != "responses")
        .map(|((k, m), t)| QuestionScore {
            key: k.clone(),
            measure: m.clone(),
            n: t.n,
            mean: t.mean(),
            nps: (m == "nps").then(|| t.nps()).flatten(),
        })
        .collect();
    let lang = def.default_language.as_str();
    let aspects = def
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Aspect { .. }))
        .map(|q| {
            let get = |m: &str| totals.get(&(q.key.clone(), m.to_owned())).copied().unwrap_or_default();
            let (imp, sat) = (get("importance"), get("satisfaction"));
            let oi = imp.mean().zip(sat.mean()).map(|(i, s)| opportunity_index(i, s));
            AspectScore {
                key: q.key.clone(),
                label: def.tr(&q.prompt, lang).to_owned(),
                n: imp.n,
                importance: imp.mean(),
                satisfaction: sat.mean(),
                opportunity_index: oi,
            }
        })
        .collect();
    Ok(Overview {
        grain,
        satisfaction_question: sat_q,
        nps_question: nps_q,
        responses,
        by_source,
        trend: periods.into_values().collect(),
        questions,
        aspects,
    })
}

/// One group's figure in one period; `value` and `n` are null when the group is hidden.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupCell {
    pub option: String,
    pub n: Option<i64>,
    pub value: Option<f64>,
    pub suppressed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BreakdownPeriod {
    pub period: NaiveDate,
    pub groups: Vec<GroupCell>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Breakdown {
    pub group_question: String,
    pub question: String,
    pub measure: String,
    pub min_group: i64,
    /// The whole range per group (hidden the same way).
    pub overall: Vec<GroupCell>,
    pub periods: Vec<BreakdownPeriod>,
}

/// `measure` of `question` per period and per option of context question `group`; groups
/// smaller than `min_group` are hidden (and a lone hidden group takes the next with it).
#[allow(clippy::too_many_arguments)]
pub async fn breakdown(
    db: &PgPool,
    library: LibraryId,
    survey: i64,
    group: &str,
    question: &str,
    measure: &str,
    grain: Grain,
    from: NaiveDate,
    to: NaiveDate,
    min_group: i64,
) -> sqlx::Result<Breakdown> {
    let rows: Vec<RollupRow> = sqlx::query_as(
        "SELECT period, question_key, measure, group_option, n, total, promoters, detractors FROM survey_rollup
          WHERE library_id = $1 AND survey_id = $2 AND grain = $3 AND measure = $4 AND question_key = $5
            AND group_key = $6 AND period BETWEEN $7 AND $8
          ORDER BY period, group_option",
    )
    .bind(library)
    .bind(survey)
    .bind(grain.as_str())
    .bind(measure)
    .bind(if measure == "responses" { "" } else { question })
    .bind(group)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    let mut by_period: BTreeMap<NaiveDate, Vec<(String, Tally)>> = BTreeMap::new();
    let mut overall: BTreeMap<String, Tally> = BTreeMap::new();
    for r in &rows {
        by_period.entry(r.period).or_default().push((r.group_option.clone(), r.tally()));
        overall.entry(r.group_option.clone()).or_default().add(&r.tally());
    }
    let cells = |groups: Vec<(String, Tally)>| -> Vec<GroupCell> {
        let sizes: Vec<i64> = groups.iter().map(|(_, t)| t.n).collect();
        let shown = shown_groups(&sizes, min_group);
        groups
            .into_iter()
            .zip(shown)
            .map(|((option, t), show)| GroupCell {
                option,
                n: show.then_some(t.n),
                value: if show { value(measure, &t) } else { None },
                suppressed: !show,
            })
            .collect()
    };
    Ok(Breakdown {
        group_question: group.to_owned(),
        question: question.to_owned(),
        measure: measure.to_owned(),
        min_group,
        overall: cells(overall.into_iter().collect()),
        periods: by_period.into_iter().map(|(period, g)| BreakdownPeriod { period, groups: cells(g) }).collect(),
    })
}

/// A comment with where it came from.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Comment {
    pub response_id: i64,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    pub source: String,
    pub language: String,
    pub comment: String,
    pub contact_requested: bool,
    pub conversation_id: Option<i64>,
}

/// Newest comments first, optionally matching `q` (web-search syntax), before `before`.
pub async fn comments(
    db: &PgPool,
    library: LibraryId,
    survey: i64,
    q: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<Comment>> {
    sqlx::query_as(
        "SELECT id AS response_id, submitted_at, source, language, comment, contact_requested, conversation_id
           FROM survey_response
          WHERE library_id = $1 AND survey_id = $2 AND comment IS NOT NULL
            AND ($3::text IS NULL OR comment_search @@ websearch_to_tsquery('simple', $3))
            AND ($4::bigint IS NULL OR id < $4)
          ORDER BY id DESC LIMIT $5",
    )
    .bind(library)
    .bind(survey)
    .bind(q)
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// CSAT of the period, per channel, team or staff member, beside the response times of
/// the same conversations (computed by `crate::reports::csat`, which also serves the
/// reports' CSAT table).
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct CsatGroup {
    /// The channel name, team id or staff id (as text); null: none.
    pub key: Option<String>,
    pub name: Option<String>,
    pub ratings: i64,
    pub mean: Option<f64>,
    /// Share of ratings of 4 or 5.
    pub satisfied: Option<f64>,
    /// Median seconds from the conversation's start to the first answer.
    pub median_first_response_secs: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CsatReport {
    pub requests_sent: i64,
    pub requests_answered: i64,
    pub by_channel: Vec<CsatGroup>,
    pub by_team: Vec<CsatGroup>,
    pub by_staff: Vec<CsatGroup>,
}

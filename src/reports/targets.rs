//! Service targets: "first response within N seconds" per channel, optionally per team
//! (a team's own target wins over its channel's), in wall-clock or business hours; the
//! share of conversations that met them; and when each waiting patron's answer is due.

use super::{calendar, hours::Calendar, period::Period};
use crate::domain::{ConversationId, LibraryId, TeamId};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgExecutor, PgPool};
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, ToSchema)]
pub struct Target {
    /// email, sms, chat or survey.
    pub channel: String,
    /// Only this team; absent: every team of the channel without its own target.
    pub team_id: Option<TeamId>,
    /// 1 second to a year.
    pub first_response_secs: i32,
    /// Count only the team's opening hours.
    #[serde(default)]
    pub business_hours: bool,
}

pub async fn list(db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<Vec<Target>> {
    sqlx::query_as(
        "SELECT channel, team_id, first_response_secs, business_hours FROM service_target
          WHERE library_id = $1 ORDER BY channel, team_id NULLS FIRST",
    )
    .bind(library)
    .fetch_all(db)
    .await
}

pub async fn replace(conn: &mut PgConnection, library: LibraryId, targets: &[Target]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM service_target WHERE library_id = $1").bind(library).execute(&mut *conn).await?;
    for t in targets {
        sqlx::query(
            "INSERT INTO service_target (library_id, channel, team_id, first_response_secs, business_hours)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(library)
        .bind(&t.channel)
        .bind(t.team_id)
        .bind(t.first_response_secs)
        .bind(t.business_hours)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The target that applies to a conversation of `channel` in `team`.
fn applicable<'a>(targets: &'a [Target], channel: &str, team: Option<TeamId>) -> Option<&'a Target> {
    let own = targets.iter().find(|t| t.channel == channel && t.team_id.is_some() && t.team_id == team);
    own.or_else(|| targets.iter().find(|t| t.channel == channel && t.team_id.is_none()))
}

/// How one target did in a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetResult {
    pub target: Target,
    /// First responses in the period the target applies to.
    pub responses: i64,
    pub met: i64,
    /// met / responses; null without responses.
    pub share_met: Option<f64>,
}

/// (channel, team, first response seconds, business seconds, conversations).
type FactCount = (String, Option<TeamId>, Option<i64>, Option<i64>, i64);

/// Share met per target, from the stored first-response facts of the period.
pub async fn results(db: &PgPool, library: LibraryId, tz: Tz, period: &Period) -> sqlx::Result<Vec<TargetResult>> {
    let targets = list(db, library).await?;
    let (from, to) = period.instants(tz);
    let rows: Vec<FactCount> = sqlx::query_as(
        "SELECT channel, response_team_id, first_response_secs, first_response_bsecs, count(*)
           FROM conversation_fact
          WHERE library_id = $1 AND first_response_at >= $2 AND first_response_at < $3
          GROUP BY 1, 2, 3, 4",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    let mut tally: HashMap<usize, (i64, i64)> = HashMap::new();
    for (channel, team, secs, bsecs, n) in rows {
        let Some(t) = applicable(&targets, &channel, team) else { continue };
        let index = targets.iter().position(|x| std::ptr::eq(x, t)).expect("from the list");
        let value = if t.business_hours { bsecs } else { secs };
        let Some(value) = value else { continue };
        let e = tally.entry(index).or_default();
        e.0 += n;
        if value <= t.first_response_secs as i64 {
            e.1 += n;
        }
    }
    Ok(targets
        .into_iter()
        .enumerate()
        .map(|(i, target)| {
            let (responses, met) = tally.get(&i).copied().unwrap_or_default();
            TargetResult { target, responses, met, share_met: (responses > 0).then(|| met as f64 / responses as f64) }
        })
        .collect())
}

/// When a waiting patron's answer is due under its target.
#[derive(Debug, Serialize, ToSchema)]
pub struct Due {
    pub conversation_id: ConversationId,
    pub waiting_since: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub breached: bool,
}

/// The oldest waiting open conversations (at most `limit`) with their due times.
pub async fn due(conn: &mut PgConnection, library: LibraryId, limit: i64) -> sqlx::Result<Vec<Due>> {
    let targets = list(&mut *conn, library).await?;
    if targets.is_empty() {
        return Ok(vec![]);
    }
    let waiting: Vec<(ConversationId, String, Option<TeamId>, DateTime<Utc>)> = sqlx::query_as(
        "SELECT id, channel, team_id, waiting_since FROM conversation
          WHERE library_id = $1 AND status = 'open' AND waiting_since IS NOT NULL
          ORDER BY coalesce(waiting_since, 'infinity'::timestamptz), id LIMIT $2",
    )
    .bind(library)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let now = Utc::now();
    let mut calendars: HashMap<Option<TeamId>, Calendar> = HashMap::new();
    let mut out = Vec::new();
    for (id, channel, team, since) in waiting {
        let Some(t) = applicable(&targets, &channel, team) else { continue };
        let secs = t.first_response_secs as i64;
        let due_at = if t.business_hours {
            let cal = match calendars.entry(team) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let horizon = now + chrono::Duration::days(366);
                    e.insert(calendar::load(conn, library, team, since, horizon).await?)
                }
            };
            match cal.add_business_seconds(since, secs) {
                Some(at) => at,
                None => continue,
            }
        } else {
            since + chrono::Duration::seconds(secs)
        };
        out.push(Due { conversation_id: id, waiting_since: since, due_at, breached: due_at <= now });
    }
    Ok(out)
}

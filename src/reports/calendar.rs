//! Opening hours and holidays in the database (tables team_hours and library_holiday):
//! loading a team's [`Calendar`] and the manager API's reads and writes.

use super::hours::Calendar;
use crate::domain::{LibraryId, TeamId};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgExecutor};
use utoipa::ToSchema;

/// One opening interval of a team, in the library's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ToSchema)]
pub struct OpeningInterval {
    /// ISO weekday: 1 = Monday .. 7 = Sunday.
    pub weekday: i16,
    /// Local time the desk opens, `HH:MM` or `HH:MM:SS`.
    #[schema(value_type = String, example = "09:00:00")]
    pub opens: NaiveTime,
    /// Local time it closes (after `opens`).
    #[schema(value_type = String, example = "17:00:00")]
    pub closes: NaiveTime,
}

/// A day the library (no team) or one team is closed.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct Holiday {
    pub id: i64,
    pub team_id: Option<TeamId>,
    #[schema(value_type = String, example = "2026-12-25")]
    pub day: NaiveDate,
    pub name: String,
}

/// The library's time zone; UTC when the stored name is unknown.
pub async fn library_tz(db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<Tz> {
    let name: Option<String> =
        sqlx::query_scalar("SELECT timezone FROM library WHERE id = $1").bind(library).fetch_optional(db).await?;
    Ok(name.and_then(|n| n.parse().ok()).unwrap_or(Tz::UTC))
}

/// The calendar of `team` (none: always open) with the holidays between `from` and `to`.
pub async fn load(
    conn: &mut PgConnection,
    library: LibraryId,
    team: Option<TeamId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> sqlx::Result<Calendar> {
    let tz = library_tz(&mut *conn, library).await?;
    let mut calendar = Calendar::new(tz);
    let Some(team) = team else { return Ok(calendar) };
    for i in hours(&mut *conn, library, team).await? {
        calendar = calendar.open(i.weekday as u32, i.opens, i.closes);
    }
    if !calendar.has_hours() {
        return Ok(calendar);
    }
    let days: Vec<NaiveDate> = sqlx::query_scalar(
        "SELECT day FROM library_holiday
          WHERE library_id = $1 AND (team_id IS NULL OR team_id = $2) AND day BETWEEN $3 AND $4",
    )
    .bind(library)
    .bind(team)
    .bind(from.with_timezone(&tz).date_naive().pred_opt())
    .bind(to.with_timezone(&tz).date_naive().succ_opt())
    .fetch_all(&mut *conn)
    .await?;
    Ok(days.into_iter().fold(calendar, Calendar::closed_on))
}

/// A team's opening intervals, by weekday then time.
pub async fn hours(db: impl PgExecutor<'_>, library: LibraryId, team: TeamId) -> sqlx::Result<Vec<OpeningInterval>> {
    sqlx::query_as(
        "SELECT weekday, opens, closes FROM team_hours WHERE library_id = $1 AND team_id = $2 ORDER BY weekday, opens, closes",
    )
    .bind(library)
    .bind(team)
    .fetch_all(db)
    .await
}

/// Replaces a team's week.
pub async fn set_hours(
    conn: &mut PgConnection,
    library: LibraryId,
    team: TeamId,
    week: &[OpeningInterval],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM team_hours WHERE library_id = $1 AND team_id = $2")
        .bind(library)
        .bind(team)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO team_hours (library_id, team_id, weekday, opens, closes)
         SELECT $1, $2, w, o, c FROM unnest($3::smallint[], $4::time[], $5::time[]) AS t(w, o, c)",
    )
    .bind(library)
    .bind(team)
    .bind(week.iter().map(|i| i.weekday).collect::<Vec<_>>())
    .bind(week.iter().map(|i| i.opens).collect::<Vec<_>>())
    .bind(week.iter().map(|i| i.closes).collect::<Vec<_>>())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn holidays(db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<Vec<Holiday>> {
    sqlx::query_as("SELECT id, team_id, day, name FROM library_holiday WHERE library_id = $1 ORDER BY day, id")
        .bind(library)
        .fetch_all(db)
        .await
}

pub async fn add_holiday(
    db: impl PgExecutor<'_>,
    library: LibraryId,
    team: Option<TeamId>,
    day: NaiveDate,
    name: &str,
) -> sqlx::Result<Holiday> {
    sqlx::query_as(
        "INSERT INTO library_holiday (library_id, team_id, day, name) VALUES ($1, $2, $3, $4)
         RETURNING id, team_id, day, name",
    )
    .bind(library)
    .bind(team)
    .bind(day)
    .bind(name)
    .fetch_one(db)
    .await
}

/// Removes a holiday; false when the library has none with that id.
pub async fn delete_holiday(db: impl PgExecutor<'_>, library: LibraryId, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM library_holiday WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(id)
        .execute(db)
        .await?
        .rows_affected()
        == 1)
}

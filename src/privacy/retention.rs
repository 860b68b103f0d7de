//! The retention job: anonymises resolved conversations past the library's limits, then the
//! contacts left with nothing but anonymised conversations, then expires rows tied to no
//! patron. Run by housekeeping with the clock passed in (tests run it "N+1 days later").
//!
//! Idempotent and resumable: each batch is one transaction that runs the steps and sets the
//! conversation's marker (`bodies_removed_at`, `identities_removed_at`), so an interrupted
//! run leaves whole batches done or untouched, and a rerun picks up the rest. A
//! conversation reopened after it was anonymised (a patron writing back within the
//! continuation window) is due again once it is resolved again. (A staff note added to a
//! conversation that stays resolved after anonymisation is not removed by retention;
//! erasure removes it.) Batches lock with SKIP LOCKED, so
//! several instances can run it at once.

use super::policy::Policy;
use super::steps::{Step, ALL};
use crate::domain::LibraryId;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;

/// How much one run may do: rows per transaction, and transactions before it stops (the
/// rest waits for the next run, as after an interruption).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub batch: i64,
    pub max_batches: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { batch: 500, max_batches: u32::MAX }
    }
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub bodies: u64,
    pub identities: u64,
    pub contacts: u64,
    pub expired: u64,
}

/// Which part of a conversation a pass removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Bodies,
    Identities,
}

impl Part {
    fn marker(self) -> &'static str {
        match self {
            Part::Bodies => "bodies_removed_at",
            Part::Identities => "identities_removed_at",
        }
    }

    fn sql(self, step: &Step) -> Option<&'static str> {
        match self {
            Part::Bodies => step.bodies,
            Part::Identities => step.identities,
        }
    }
}

/// Runs retention for every library as of `now`.
pub async fn run(db: &PgPool, now: DateTime<Utc>) -> sqlx::Result<Report> {
    let libraries: Vec<LibraryId> = sqlx::query_scalar("SELECT id FROM library ORDER BY id").fetch_all(db).await?;
    let mut total = Report::default();
    for library in libraries {
        let r = run_library(db, library, now, Budget::default()).await?;
        total.bodies += r.bodies;
        total.identities += r.identities;
        total.contacts += r.contacts;
        total.expired += r.expired;
    }
    Ok(total)
}

/// Runs retention for one library as of `now`, batch by batch, within `budget`.
pub async fn run_library(db: &PgPool, library: LibraryId, now: DateTime<Utc>, budget: Budget) -> sqlx::Result<Report> {
    let policy = Policy::load(db, library).await?;
    let cut = policy.cutoffs(now);
    let mut report = Report::default();
    let mut batches = 0;
    let work = [
        (Batch::Conversations(Part::Bodies, now), cut.bodies),
        (Batch::Conversations(Part::Identities, now), cut.identities),
        (Batch::Contacts, cut.identities),
    ];
    for (what, before) in work {
        while batches < budget.max_batches {
            let done = batch(db, library, what, before, budget.batch).await?;
            if done == 0 {
                break;
            }
            batches += 1;
            match what {
                Batch::Conversations(Part::Bodies, _) => report.bodies += done,
                Batch::Conversations(Part::Identities, _) => report.identities += done,
                Batch::Contacts => report.contacts += done,
            }
        }
    }
    let mut tx = db.begin().await?;
    for sql in ALL.iter().filter_map(|s| s.expire) {
        report.expired += sqlx::query(sql).bind(library).bind(cut.everything).execute(&mut *tx).await?.rows_affected();
    }
    tx.commit().await?;
    if report != Report::default() {
        tracing::info!(library.id = %library, bodies = report.bodies, identities = report.identities,
            contacts = report.contacts, expired = report.expired, "retention anonymised old records");
    }
    Ok(report)
}

/// What one batch works on.
#[derive(Debug, Clone, Copy)]
enum Batch {
    /// Resolved conversations past the cut-off lose `Part` (marker set to `now`).
    Conversations(Part, DateTime<Utc>),
    /// Contacts last seen before the cut-off whose every conversation is anonymised lose
    /// their profile and identities.
    Contacts,
}

/// A resolved conversation still holding `part` (never removed, or reopened and resolved
/// again since).
fn still_holds(part: Part) -> String {
    format!("status = 'resolved' AND ({m} IS NULL OR {m} < resolved_at)", m = part.marker())
}

/// What the next run would do under `policy` (saved or not), per channel: how many
/// resolved conversations would lose their free text, and how many their identities.
/// Read-only; the console shows it before a policy is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ChannelPreview {
    /// email, sms, chat or survey.
    pub channel: String,
    /// Conversations whose bodies, subjects, attachments and comments would go.
    pub bodies: i64,
    /// Conversations whose addresses, names and provider ids would go.
    pub identities: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Preview {
    /// Free text of conversations resolved before this goes.
    pub bodies_before: DateTime<Utc>,
    /// Identities of conversations resolved before this go.
    pub identities_before: DateTime<Utc>,
    /// Channels with something to remove, by name.
    pub channels: Vec<ChannelPreview>,
}

pub async fn preview(db: &PgPool, library: LibraryId, policy: &Policy, now: DateTime<Utc>) -> sqlx::Result<Preview> {
    let cut = policy.cutoffs(now);
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT channel, count(*) FILTER (WHERE {b} AND resolved_at < $2),
                         count(*) FILTER (WHERE {i} AND resolved_at < $3)
           FROM conversation WHERE library_id = $1 AND status = 'resolved' AND resolved_at < greatest($2, $3)
          GROUP BY channel ORDER BY channel",
        b = still_holds(Part::Bodies),
        i = still_holds(Part::Identities),
    ))
    .bind(library)
    .bind(cut.bodies)
    .bind(cut.identities)
    .fetch_all(db)
    .await?;
    Ok(Preview {
        bodies_before: cut.bodies,
        identities_before: cut.identities,
        channels: rows
            .into_iter()
            .filter(|(_, b, i)| *b + *i > 0)
            .map(|(channel, bodies, identities)| ChannelPreview { channel, bodies, identities })
            .collect(),
    })
}

/// One transaction: up to `size` rows of `what` past `before`; returns how many.
async fn batch(db: &PgPool, library: LibraryId, what: Batch, before: DateTime<Utc>, size: i64) -> sqlx::Result<u64> {
    let select = match what {
        Batch::Conversations(part, _) => format!(
            "SELECT id FROM conversation
              WHERE library_id = $1 AND {due} AND resolved_at < $2
              LIMIT $3 FOR UPDATE SKIP LOCKED",
            due = still_holds(part)
        ),
        Batch::Contacts => "SELECT ct.id FROM contact ct
              WHERE ct.library_id = $1 AND ct.anonymised_at IS NULL AND ct.last_contact_at < $2
                AND NOT EXISTS (SELECT 1 FROM conversation c
                                 WHERE c.library_id = ct.library_id AND c.contact_id = ct.id
                                   AND (c.identities_removed_at IS NULL OR c.resolved_at IS NULL
                                        OR c.identities_removed_at < c.resolved_at))
              LIMIT $3 FOR UPDATE SKIP LOCKED"
            .to_owned(),
    };
    let mut tx = db.begin().await?;
    let ids: Vec<i64> = sqlx::query_scalar(&select).bind(library).bind(before).bind(size).fetch_all(&mut *tx).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    match what {
        Batch::Conversations(part, now) => remove(&mut tx, library, part, &ids, now).await?,
        Batch::Contacts => remove_contacts(&mut tx, library, &ids).await?,
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}

/// Runs every step's `part` over `conversations` and sets their marker to `now`.
pub async fn remove(
    conn: &mut PgConnection,
    library: LibraryId,
    part: Part,
    conversations: &[i64],
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    for sql in ALL.iter().filter_map(|s| part.sql(s)) {
        sqlx::query(sql).bind(library).bind(conversations).execute(&mut *conn).await?;
    }
    sqlx::query(&format!(
        "UPDATE conversation SET {} = greatest($3, resolved_at) WHERE library_id = $1 AND id = ANY($2)",
        part.marker()
    ))
    .bind(library)
    .bind(conversations)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Runs every step's `contact` part over `contacts`.
pub async fn remove_contacts(conn: &mut PgConnection, library: LibraryId, contacts: &[i64]) -> sqlx::Result<()> {
    for sql in ALL.iter().filter_map(|s| s.contact) {
        sqlx::query(sql).bind(library).bind(contacts).execute(&mut *conn).await?;
    }
    Ok(())
}

//! Periodic chores that belong to no request: outbox leases of dead workers, snoozes that
//! are due, search index upkeep, dead sessions, old events, retention of patron data,
//! lifecycle stages. Every instance runs them; each is safe to run concurrently (single
//! statements or batches under SKIP LOCKED, idempotent).

use crate::realtime::Realtime;
use crate::shutdown::Shutdown;
use crate::store::{conversation, event, outbox, session};
use serde_json::json;
use sqlx::PgPool;
use std::time::Duration;

const OFTEN: Duration = Duration::from_secs(5);
/// Events are kept this long for consoles that reconnect; they hold ids only.
const EVENT_RETENTION_DAYS: i32 = 7;
/// GIN indexes staff search, whose pending lists [`merge_pending_index_entries`] merges.
const SEARCHED_GIN_INDEXES: [&str; 3] = ["message_search", "survey_response_comments", "conversation_tags"];

pub async fn run(db: PgPool, realtime: Realtime, shutdown: Shutdown) -> anyhow::Result<()> {
    let stop = shutdown.wait();
    tokio::pin!(stop);
    let mut often = tokio::time::interval(OFTEN);
    // First a minute after start: there is nothing of this instance's to merge before.
    let minute = Duration::from_secs(60);
    let mut minutely = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
    let mut merging = true;
    // The hourly chores walk whole tables (lifecycle stages over every patron): not in the
    // first minutes, while a starting instance fills its caches and instances restarted
    // together by a deploy would all walk them at once.
    let hour = Duration::from_secs(3600);
    let mut hourly = tokio::time::interval_at(tokio::time::Instant::now() + Duration::from_secs(300), hour);
    loop {
        tokio::select! {
            _ = &mut stop => return Ok(()),
            _ = often.tick() => {
                if let Err(e) = outbox::release_expired_leases(&db).await {
                    tracing::warn!(error = %e, "releasing expired outbox leases failed");
                }
                match crate::chat::sweep::mark_abandoned(&db).await {
                    Ok(0) => {}
                    Ok(_) => realtime.published(),
                    Err(e) => tracing::warn!(error = %e, "marking abandoned chats failed"),
                }
                match wake_snoozed(&db).await {
                    Ok(0) => {}
                    Ok(_) => realtime.published(),
                    Err(e) => tracing::warn!(error = %e, "waking snoozed conversations failed"),
                }
            }
            _ = minutely.tick(), if merging => {
                match merge_pending_index_entries(&db).await {
                    Ok(_) => {}
                    // Only the indexes' owner may merge (migrations run as another role):
                    // say so once; Postgres still merges at 4 MB and at vacuum.
                    Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42501") => {
                        tracing::info!("search index upkeep off: this role does not own the indexes");
                        merging = false;
                    }
                    Err(e) => tracing::warn!(error = %e, "merging search index entries failed"),
                }
            }
            _ = hourly.tick() => {
                if let Err(e) = session::purge_dead(&db).await {
                    tracing::warn!(error = %e, "purging dead sessions failed");
                }
                if let Err(e) = crate::store::password_reset::purge_dead(&db).await {
                    tracing::warn!(error = %e, "purging dead password reset links failed");
                }
                if let Err(e) = crate::chat::sweep::purge_sessions(&db).await {
                    tracing::warn!(error = %e, "purging old chat sessions failed");
                }
                if let Err(e) = event::prune(&db, EVENT_RETENTION_DAYS).await {
                    tracing::warn!(error = %e, "pruning old events failed");
                }
                if let Err(e) = privacy_chores(&db, chrono::Utc::now()).await {
                    tracing::warn!(error = %e, "retention or lifecycle refresh failed");
                }
                if let Err(e) = crate::faq::store::prune_misses(&db).await {
                    tracing::warn!(error = %e, "pruning old FAQ searches failed");
                }
                if let Err(e) = crate::email::uploads::purge_unused(&db).await {
                    tracing::warn!(error = %e, "purging unused email uploads failed");
                }
            }
        }
    }
}

/// Retention (anonymise what is past each library's limits) and patron lifecycle stages,
/// as of `now` (passed in so tests can run them "a year later" without waiting).
pub async fn privacy_chores(db: &PgPool, now: chrono::DateTime<chrono::Utc>) -> sqlx::Result<()> {
    crate::privacy::retention::run(db, now).await?;
    crate::patrons::lifecycle::refresh_all(db, now).await?;
    Ok(())
}

/// Merges what the searched GIN indexes hold in their pending lists into the indexes
/// proper; returns the pending pages merged. A GIN index appends new entries to an
/// unsorted pending list and every search reads all of it; left to itself the list grows to
/// 4 MB before the inserting transaction merges it (autovacuum seldom visits a large
/// message table), and then each message search read ~440 pending pages: 5.0 ms of its
/// index scan against 0.5 ms merged (1M-conversation bench dataset; merging those pages
/// took 16 ms). A minute's entries are a few pages, and the merge costs ingest nothing.
pub async fn merge_pending_index_entries(db: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT coalesce(sum(gin_clean_pending_list(i::regclass)), 0)::bigint FROM unnest($1::text[]) AS i",
    )
    .bind(&SEARCHED_GIN_INDEXES[..])
    .fetch_one(db)
    .await
}

/// Snoozed conversations whose time has come go back to the queue, with their event.
pub async fn wake_snoozed(db: &PgPool) -> sqlx::Result<usize> {
    let mut tx = db.begin().await?;
    let woken = conversation::wake_snoozed(&mut tx).await?;
    for (library, id) in &woken {
        event::append(&mut tx, *library, "conversation_changed", Some(*id), json!({"change": {"status": "open"}}))
            .await?;
    }
    tx.commit().await?;
    Ok(woken.len())
}

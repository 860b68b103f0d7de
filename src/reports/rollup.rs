//! Builds the report histograms from the stored facts, in the background.
//!
//! A migration only creates the (empty) histogram tables; rebuilding millions of facts
//! inside it would hold up a deploy. Instead every hub instance, at start and then hourly,
//! builds the levels of each library that are not built yet (`report_rollup` says which),
//! one level per transaction so a library's staff replies wait at most one level's rebuild
//! (they share the rebuild's advisory lock). Until a level is built, reports that need it
//! are computed exactly from the facts: slower, never wrong.
//!
//! The same task packs the histograms of periods that have ended (a week, month or year)
//! into one row each (migrations/0024_packed_report_histograms.sql), so a report over many
//! periods reads a row per period rather than a row per bucket.

use crate::domain::LibraryId;
use crate::shutdown::Shutdown;
use sqlx::PgPool;
use std::time::Duration;

/// Histogram levels: 0 channel x team x staff, 1 channel, 2 team, 3 staff, 4 the library.
pub const LEVELS: std::ops::RangeInclusive<i16> = 0..=4;
const EVERY: Duration = Duration::from_secs(3600);

/// Rebuilds one level of a library's histograms from its facts (in one transaction) and
/// marks it built; returns the rows written, or None when `only_missing` and it was built.
pub async fn rebuild_level(
    db: &PgPool,
    library: LibraryId,
    level: i16,
    only_missing: bool,
) -> sqlx::Result<Option<i64>> {
    let mut tx = db.begin().await?;
    // The rebuild groups (facts x measures x grains) rows: room to do it in memory rather
    // than in temporary files. One rebuild at a time per instance, for this transaction only.
    sqlx::query("SET LOCAL work_mem = '128MB'").execute(&mut *tx).await?;
    let rows: i64 = sqlx::query_scalar("SELECT report_rebuild_level($1, $2, $3)")
        .bind(library)
        .bind(level)
        .bind(only_missing)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((rows >= 0).then_some(rows))
}

/// Rebuilds every level of a library (after loading facts around the reply and resolve
/// paths, or to check that the incrementally kept rows match). Returns the rows written.
pub async fn rebuild_library(db: &PgPool, library: LibraryId) -> sqlx::Result<i64> {
    let mut rows = 0;
    for level in LEVELS {
        rows += rebuild_level(db, library, level, false).await?.unwrap_or(0);
    }
    Ok(rows)
}

/// Builds every level of every library that is not built yet; returns how many it built.
pub async fn build_missing(db: &PgPool) -> sqlx::Result<usize> {
    let missing: Vec<(LibraryId, i16)> = sqlx::query_as(
        "SELECT l.id, lv::smallint FROM library l, generate_series(0, 4) lv
          WHERE NOT EXISTS (SELECT 1 FROM report_rollup r WHERE r.library_id = l.id AND r.level = lv)
          ORDER BY l.id, lv DESC",
    )
    .fetch_all(db)
    .await?;
    let mut built = 0;
    // Coarse levels first (4 .. 0): the library-wide figures are ready soonest.
    for (library, level) in missing {
        let started = std::time::Instant::now();
        if let Some(rows) = rebuild_level(db, library, level, true).await? {
            built += 1;
            tracing::info!(
                library = library.0,
                level,
                rows,
                ms = started.elapsed().as_millis() as u64,
                "report histogram level built"
            );
        }
    }
    Ok(built)
}

/// Packs the bucket rows of a library's ended periods into one row per histogram (one
/// transaction); returns how many bucket rows it moved. Figures are the same before and
/// after: a report reads both kinds of row.
pub async fn pack(db: &PgPool, library: LibraryId) -> sqlx::Result<i64> {
    let levels: Vec<i16> = LEVELS.collect();
    sqlx::query_scalar("SELECT report_pack($1, $2)").bind(library).bind(levels).fetch_one(db).await
}

/// Packs the ended periods of every library; returns the bucket rows moved.
pub async fn pack_ended(db: &PgPool) -> sqlx::Result<i64> {
    let libraries: Vec<LibraryId> = sqlx::query_scalar("SELECT id FROM library ORDER BY id").fetch_all(db).await?;
    let mut moved = 0;
    for library in libraries {
        let rows = pack(db, library).await?;
        if rows > 0 {
            tracing::info!(library = library.0, rows, "report histograms of ended periods packed");
        }
        moved += rows;
    }
    Ok(moved)
}

/// Builds what is missing, then packs what has ended.
async fn tend(db: &PgPool) -> sqlx::Result<()> {
    build_missing(db).await?;
    pack_ended(db).await?;
    Ok(())
}

/// The background builder: at start, then every hour, until shutdown. A failure is logged
/// and tried again next time; it never stops the hub.
pub async fn run(db: PgPool, shutdown: Shutdown) -> anyhow::Result<()> {
    let stop = shutdown.wait();
    tokio::pin!(stop);
    let mut every = tokio::time::interval(EVERY);
    loop {
        tokio::select! {
            _ = &mut stop => return Ok(()),
            _ = every.tick() => {
                let build = tend(&db);
                tokio::select! {
                    _ = &mut stop => return Ok(()),
                    done = build => if let Err(e) = done {
                        tracing::warn!(error = %e, "building report histograms failed");
                    }
                }
            }
        }
    }
}

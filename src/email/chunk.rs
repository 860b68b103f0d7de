//! How the poller fetches and parses a read's messages: chunks bounded in bytes and count,
//! a big message alone and in ranges (held once, plus one range), and a chunk's parsing
//! spread over every core.

use super::inbound::{self, Context, Prepared};
use super::session::PollError;
use channels::email::imap::ImapSession;
use chrono::Utc;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Most bytes fetched in one chunk.
const CHUNK_BYTES: u64 = 8 << 20;
/// Most messages fetched in one chunk.
const CHUNK_MESSAGES: usize = 250;
/// A message at least this big is fetched alone, in ranges of [`RANGE_BYTES`], so the
/// poller holds it once (plus one range) instead of twice plus a grown read buffer.
const RANGED_FROM_BYTES: u32 = 2 << 20;
/// The size of one range of a big message.
const RANGE_BYTES: usize = 1 << 20;
/// Messages at least this big are parsed on a blocking thread of their own; smaller ones in
/// groups, so a chunk's parsing uses every core without a thread hop per message.
const PARSE_OFF_RUNTIME_BYTES: usize = 256 * 1024;
/// UIDs fetched together; a big message alone, in ranges.
pub(super) struct Chunk {
    pub uids: Vec<u32>,
    /// Set for a big message: its size as the server reports it.
    pub ranged: Option<u32>,
}

/// Splits `uids` into fetch chunks bounded in bytes and count; a message of
/// [`RANGED_FROM_BYTES`] or more is a chunk of its own. UIDs whose size the server no
/// longer reports (deleted meanwhile) still get a chunk: a missing message is finished.
pub(super) async fn chunks(imap: &mut ImapSession, uids: &[u32]) -> Result<Vec<Chunk>, PollError> {
    let mut sizes = BTreeMap::new();
    for part in uids.chunks(500) {
        sizes.extend(imap.uid_sizes(part).await?);
    }
    let mut out: Vec<Chunk> = Vec::new();
    let (mut current, mut bytes) = (Vec::new(), 0u64);
    for &uid in uids {
        let size = sizes.get(&uid).copied().unwrap_or(0);
        if size >= RANGED_FROM_BYTES {
            out.push(Chunk { uids: vec![uid], ranged: Some(size) });
            continue;
        }
        if !current.is_empty() && (bytes + u64::from(size) > CHUNK_BYTES || current.len() >= CHUNK_MESSAGES) {
            out.push(Chunk { uids: std::mem::take(&mut current), ranged: None });
            bytes = 0;
        }
        current.push(uid);
        bytes += u64::from(size);
    }
    if !current.is_empty() {
        out.push(Chunk { uids: current, ranged: None });
    }
    Ok(out)
}

/// The raw bytes of a chunk's messages (at most `cap` bytes of a big one).
pub(super) async fn fetch(imap: &mut ImapSession, chunk: &Chunk, cap: usize) -> Result<Vec<(u32, Vec<u8>)>, PollError> {
    match (chunk.ranged, chunk.uids.as_slice()) {
        (Some(size), &[uid]) => Ok(imap
            .fetch_raw_ranged(uid, size, RANGE_BYTES, cap)
            .await?
            .map(|raw| vec![(uid, raw)])
            .unwrap_or_default()),
        _ => Ok(imap.fetch_raw(&chunk.uids).await?),
    }
}

/// Parses a chunk's messages on blocking threads, a group per core (a big message alone),
/// and returns them in UID order.
pub(super) async fn prepare_all(ctx: &Arc<Context>, fetched: Vec<(u32, Vec<u8>)>) -> Vec<(u32, Prepared)> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let now = Utc::now();
    let mut groups: Vec<Vec<(u32, Vec<u8>)>> = Vec::new();
    let per_group = fetched.len().div_ceil(cores).max(1);
    let mut current = Vec::new();
    for (uid, raw) in fetched {
        if raw.len() >= PARSE_OFF_RUNTIME_BYTES {
            groups.push(vec![(uid, raw)]);
            continue;
        }
        current.push((uid, raw));
        if current.len() >= per_group {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    let tasks: Vec<_> = groups
        .into_iter()
        .map(|group| {
            let ctx = ctx.clone();
            tokio::task::spawn_blocking(move || {
                group.into_iter().map(|(uid, raw)| (uid, inbound::prepare(&ctx, raw, now))).collect::<Vec<_>>()
            })
        })
        .collect();
    let mut out = Vec::new();
    for task in tasks {
        match task.await {
            Ok(prepared) => out.extend(prepared),
            // The parser catches its own panics; this is a bug elsewhere. Keep nothing back.
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
    out.sort_by_key(|(uid, _)| *uid);
    out
}

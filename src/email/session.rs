//! One IMAP session of a mailbox's poller: connect, read what is new, then IDLE (or sleep
//! when the server has no IDLE) and read again, until an error, a wake-up or shutdown.
//!
//! A read ("cycle"): SELECT the folder; compare its UIDVALIDITY with the stored cursor;
//! search the UIDs to read (after the cursor; on the first read the unseen mail of the
//! backfill window; after a UIDVALIDITY change or an admin's re-read request, all mail of
//! the window: ingest is idempotent on Message-ID, so re-reading never duplicates);
//! FETCH BODY.PEEK[] in size-bounded chunks (a big message alone, in ranges), the next
//! chunk while the current one is parsed on every core and stored in waves
//! ([`super::inbound::ingest_wave`]); and only then, for the messages that are committed,
//! set \Seen (and move them to the processed folder, if the mailbox has one) and advance
//! the cursor. A message that fails stops the chunk there: it and those after it are read
//! again (a chunk fetched ahead is dropped unread).

use super::auto_ack::AutoAck;
use super::chunk::{chunks, fetch, prepare_all};
use super::inbound::{self, Context, Mail, Outcome, Prepared};
use super::lock::MailboxLock;
use super::mailbox::Mailbox;
use super::poller::{Backoff, Deps};
use super::quarantine::{self, FoundAt};
use super::store::{self, Cursor};
use crate::inbox::ingest::IngestError;
use crate::shutdown::Shutdown;
use channels::email::imap::{Filed, ImapError, ImapSession};
use chrono::Utc;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How soon a deferred message (a bounce overtaking the outbox) is read again.
const DEFERRED_RETRY: Duration = Duration::from_secs(1);

/// Why a session failed. Its `health_text` is what admins see; it never holds patron data.
#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error(transparent)]
    Imap(#[from] ImapError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("ingest: {0}")]
    Ingest(#[from] IngestError),
    #[error("the mailbox no longer exists")]
    Gone,
    #[error(transparent)]
    Unreachable(#[from] super::reach::Unreachable),
}

impl PollError {
    pub fn health_text(&self) -> String {
        let text = self.to_string();
        // Parse errors of the IMAP client can quote server data, i.e. mail content.
        if matches!(self, PollError::Imap(ImapError::Protocol(_)))
            && (text.contains("parse:") || text.contains("validate:"))
        {
            return "IMAP error: a server response could not be understood".into();
        }
        text.chars().take(300).collect()
    }
}

/// How a session ended.
pub enum Ended {
    Stopped,
    /// Asked to look again right away (settings or a re-read request).
    Reconnect,
    LockLost,
    Failed(PollError),
}

#[derive(Debug, Default)]
struct CycleOutcome {
    /// Some message was finished: look again before waiting.
    progressed: bool,
    deferred: bool,
}

pub async fn run(
    deps: &Deps,
    mailbox: &Mailbox,
    lock: &mut MailboxLock,
    wake: &Notify,
    stop: &Shutdown,
    backoff: &mut Backoff,
) -> Ended {
    let connect = async {
        let ctx = context(deps, mailbox).await?;
        let config = super::reach::imap(mailbox, &deps.private).await?;
        let mut imap = ImapSession::connect(&config).await?;
        let can_idle = imap.supports_idle().await?;
        Ok::<_, PollError>((Arc::new(ctx), imap, can_idle))
    };
    let (ctx, mut imap, can_idle) = tokio::select! {
        r = connect => match r {
            Ok(x) => x,
            Err(e) => return Ended::Failed(e),
        },
        _ = stop.clone().wait() => return Ended::Stopped,
    };
    let mut lock_checked = tokio::time::Instant::now();
    loop {
        // While mail keeps coming the IDLE below never lasts long enough to check the lock.
        if lock_checked.elapsed() >= super::lock::CHECK_EVERY {
            if !lock.is_held().await {
                return Ended::LockLost;
            }
            lock_checked = tokio::time::Instant::now();
        }
        let outcome = match cycle(&ctx, mailbox, &mut imap, stop).await {
            Ok(o) => o,
            Err(e) => return Ended::Failed(e),
        };
        if let Err(e) = store::record_ok(&deps.db, mailbox.library_id, mailbox.id).await {
            tracing::warn!(error = %e, "cannot record the mailbox's health");
        }
        backoff.reset();
        if stop.is_triggered() {
            let _ = tokio::time::timeout(Duration::from_secs(2), imap.logout()).await;
            return Ended::Stopped;
        }
        if outcome.progressed && !outcome.deferred {
            continue;
        }
        if can_idle && !outcome.deferred {
            let wait = Duration::from_secs(mailbox.idle_seconds.max(5) as u64);
            tokio::select! {
                r = imap.idle(wait) => match r {
                    Ok((session, _)) => imap = session,
                    Err(e) => return Ended::Failed(e.into()),
                },
                _ = stop.clone().wait() => return Ended::Stopped,
                _ = wake.notified() => return Ended::Reconnect,
                _ = lock.lost() => return Ended::LockLost,
            }
        } else {
            let wait =
                if outcome.deferred { DEFERRED_RETRY } else { Duration::from_secs(mailbox.poll_seconds.max(5) as u64) };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.clone().wait() => return Ended::Stopped,
                _ = wake.notified() => {}
                _ = lock.lost() => return Ended::LockLost,
            }
        }
    }
}

async fn context(deps: &Deps, mailbox: &Mailbox) -> Result<Context, PollError> {
    Ok(Context {
        db: deps.db.clone(),
        ingest: deps.ingest.clone(),
        realtime: deps.realtime.clone(),
        library: mailbox.library_id,
        mailbox: mailbox.id,
        own_addresses: Mailbox::addresses(&deps.db, mailbox.library_id).await?,
        secret: store::secret(&deps.db, mailbox.library_id).await?,
        limits: Context::limits_for(mailbox.max_message_bytes),
        auto_ack: mailbox.auto_ack.then(|| AutoAck {
            opening: mailbox.auto_ack_text.clone().unwrap_or_else(|| super::auto_ack::DEFAULT_OPENING.to_owned()),
        }),
        public_origin: deps.public_origin.clone(),
    })
}

/// What to search for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// UIDs after the cursor (same UIDVALIDITY).
    After(u32),
    /// Never read: the unseen mail of the backfill window.
    FirstRead,
    /// UIDVALIDITY changed or a re-read was asked for: all mail of the backfill window.
    Reread,
}

fn plan(cursor: &Cursor, uid_validity: u32) -> Plan {
    match (cursor.uid_validity, cursor.last_uid) {
        _ if cursor.rescan => Plan::Reread,
        (None, _) => Plan::FirstRead,
        (Some(v), Some(last)) if v == i64::from(uid_validity) => Plan::After(last.clamp(0, i64::from(u32::MAX)) as u32),
        _ => Plan::Reread,
    }
}

/// `SINCE` date of the backfill window, in IMAP's format (`1-Jan-2024`).
fn since(days: i32) -> String {
    (Utc::now() - chrono::Duration::days(i64::from(days.max(0)))).format("%-d-%b-%Y").to_string()
}

async fn cycle(
    ctx: &Arc<Context>,
    mailbox: &Mailbox,
    imap: &mut ImapSession,
    stop: &Shutdown,
) -> Result<CycleOutcome, PollError> {
    let selected = imap.select(&mailbox.imap_folder).await?;
    let validity = selected.uid_validity;
    let cursor = store::cursor(&ctx.db, ctx.library, ctx.mailbox).await?.ok_or(PollError::Gone)?;
    let plan = plan(&cursor, validity);
    let uids: Vec<u32> = match plan {
        Plan::After(last) => {
            let found = imap.uid_search(&format!("UID {}:*", last.saturating_add(1))).await?;
            // "n:*" always matches the highest UID, even one below n.
            found.into_iter().filter(|u| *u > last).collect()
        }
        Plan::FirstRead if cursor.backfill_days == 0 => Vec::new(),
        Plan::FirstRead => imap.uid_search(&format!("UNSEEN SINCE {}", since(cursor.backfill_days))).await?,
        Plan::Reread => {
            if cursor.uid_validity.is_some_and(|v| v != i64::from(validity)) {
                tracing::warn!(uid_validity = validity, "UIDVALIDITY changed: reading the backfill window again");
            }
            imap.uid_search(&format!("SINCE {}", since(cursor.backfill_days))).await?
        }
    };
    let reread = plan == Plan::Reread;
    // Once the found UIDs are finished, everything up to here is settled.
    let floor = match plan {
        Plan::After(last) => last,
        _ => selected.uid_next.map(|n| n.saturating_sub(1)).unwrap_or(0).max(uids.last().copied().unwrap_or(0)),
    };
    if uids.is_empty() {
        if plan != Plan::After(floor) {
            store::save_cursor(&ctx.db, ctx.library, ctx.mailbox, validity, floor, reread).await?;
        }
        return Ok(CycleOutcome::default());
    }
    tracing::debug!(count = uids.len(), ?plan, "new mail");
    let mut outcome = CycleOutcome::default();
    let chunks = chunks(imap, &uids).await?;
    let cap = ctx.limits.max_message_bytes.saturating_add(1);
    let mut next = Some(fetch(imap, &chunks[0], cap).await?);
    for (i, chunk) in chunks.iter().enumerate() {
        if stop.is_triggered() {
            return Ok(outcome);
        }
        let fetched = next.take().expect("fetched before its turn");
        // The next chunk is fetched while this one is parsed and stored (never a big
        // message beside another: each is held alone).
        let following = chunks.get(i + 1).filter(|c| c.ranged.is_none() && chunk.ranged.is_none());
        let prefetch = async {
            match following {
                Some(c) => Some(fetch(imap, c, cap).await),
                None => None,
            }
        };
        let ((done, deferred, failure), prefetched) =
            tokio::join!(process(ctx, validity, fetched, &chunk.uids), prefetch);
        // Committed: now, and only now, flag them (and file them away) and move the cursor
        // past them. A kill before the cursor moves means a re-read, which stores nothing new.
        imap.mark_seen(&done).await?;
        if let Some(folder) = mailbox.processed_folder.as_deref() {
            file_away(imap, &done, folder).await?;
        }
        if let Some(&last) = done.last() {
            store::save_cursor(&ctx.db, ctx.library, ctx.mailbox, validity, last, reread).await?;
            outcome.progressed = true;
        }
        if let Some(e) = failure {
            return Err(e);
        }
        if deferred {
            outcome.deferred = true;
            return Ok(outcome);
        }
        next = match (prefetched, chunks.get(i + 1)) {
            (Some(fetched), _) => Some(fetched?),
            (None, Some(c)) => Some(fetch(imap, c, cap).await?),
            (None, None) => None,
        };
    }
    let last_found = *uids.last().expect("not empty");
    if floor > last_found {
        store::save_cursor(&ctx.db, ctx.library, ctx.mailbox, validity, floor, reread).await?;
    }
    Ok(outcome)
}

/// Moves committed (and already \Seen) messages to the processed folder. A server that
/// refuses (the folder is missing) leaves them \Seen where they are: still finished.
async fn file_away(imap: &mut ImapSession, uids: &[u32], folder: &str) -> Result<(), PollError> {
    if imap.move_to(uids, folder).await? == Filed::NotMoved {
        tracing::warn!(
            count = uids.len(),
            "the processed folder refused the messages (missing?); left them marked seen"
        );
    }
    Ok(())
}

/// Handles a fetched chunk. Emails of different senders go to ingest together (one group
/// commit); a sender's second email, or one answering an email of the same chunk, waits
/// for the earlier ones to commit, so it threads onto them. Returns the UIDs finished, in
/// order up to the first that is not, and why that one is not.
async fn process(
    ctx: &Arc<Context>,
    validity: u32,
    fetched: Vec<(u32, Vec<u8>)>,
    chunk: &[u32],
) -> (Vec<u32>, bool, Option<PollError>) {
    let mut results: BTreeMap<u32, Result<Outcome, PollError>> = BTreeMap::new();
    let mut wave: Vec<(FoundAt, Mail)> = Vec::new();
    let (mut senders, mut ids) = (HashSet::new(), HashSet::new());
    for (uid, prepared) in prepare_all(ctx, fetched).await {
        let at = FoundAt { mailbox: ctx.mailbox, uid_validity: validity, uid };
        match prepared {
            Prepared::Mail(mail) => {
                if senders.contains(&mail.sender) || mail.thread_ids.iter().any(|id| ids.contains(id)) {
                    run_wave(ctx, std::mem::take(&mut wave), &mut results).await;
                    senders.clear();
                    ids.clear();
                }
                senders.insert(mail.sender.clone());
                ids.insert(mail.meta.rfc_message_id.clone());
                wave.push((at, *mail));
            }
            Prepared::Bounce(b) => {
                results.insert(uid, inbound::apply_bounce(ctx, uid, &b).await.map_err(Into::into));
            }
            Prepared::Quarantine { reason, detail, raw } => {
                tracing::warn!(uid, reason = reason.as_str(), "email quarantined");
                let stored = quarantine::keep(&ctx.db, ctx.library, at, reason, &detail, &raw).await;
                results.insert(uid, stored.map(|_| Outcome::Done).map_err(Into::into));
            }
            Prepared::Skip(why) => {
                tracing::info!(uid, why, "email skipped");
                results.insert(uid, Ok(Outcome::Done));
            }
        }
    }
    run_wave(ctx, wave, &mut results).await;
    let mut done = Vec::new();
    for &uid in chunk {
        match results.remove(&uid) {
            // Not returned by FETCH: deleted meanwhile.
            None | Some(Ok(Outcome::Done)) => done.push(uid),
            Some(Ok(Outcome::Deferred)) => return (done, true, None),
            Some(Err(e)) => return (done, false, Some(e)),
        }
    }
    (done, false, None)
}

async fn run_wave(
    ctx: &Arc<Context>,
    wave: Vec<(FoundAt, Mail)>,
    results: &mut BTreeMap<u32, Result<Outcome, PollError>>,
) {
    for (uid, r) in inbound::ingest_wave(ctx, wave).await {
        results.insert(uid, r.map_err(Into::into));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(v: Option<i64>, last: Option<i64>, rescan: bool) -> Cursor {
        Cursor { uid_validity: v, last_uid: last, rescan, backfill_days: 14 }
    }

    #[test]
    fn the_plan_follows_the_cursor_and_uidvalidity() {
        assert_eq!(plan(&cursor(None, None, false), 7), Plan::FirstRead);
        assert_eq!(plan(&cursor(Some(7), Some(41), false), 7), Plan::After(41));
        assert_eq!(plan(&cursor(Some(6), Some(41), false), 7), Plan::Reread);
        assert_eq!(plan(&cursor(Some(7), Some(41), true), 7), Plan::Reread);
        assert_eq!(plan(&cursor(None, None, true), 7), Plan::Reread);
    }

    #[test]
    fn since_dates_are_in_imap_format() {
        let s = since(0);
        let parts: Vec<&str> = s.split('-').collect();
        assert_eq!(parts.len(), 3, "{s}");
        assert!(parts[1].len() == 3 && parts[2].len() == 4, "{s}");
    }
}

//! The IMAP poller: one task per enabled mailbox, started and stopped by a supervisor that
//! follows the settings (a NOTIFY from the settings API, and a periodic re-read as the
//! fallback, so every hub instance learns of every change).
//!
//! A mailbox's task first takes the mailbox's advisory lock ([`super::lock`]); on the
//! instances that do not get it, the task retries every few seconds, so another instance
//! takes over within moments of the holder going away. While it holds the lock it runs
//! sessions ([`super::session`]): connect, read, IDLE or poll; any error is recorded as
//! the mailbox's health and the session is retried with exponential backoff.

use super::lock::MailboxLock;
use super::mailbox::{self, Mailbox, MailboxId};
use super::session::{self, Ended};
use super::store;
use crate::domain::LibraryId;
use crate::inbox::ingest::Ingest;
use crate::realtime::Realtime;
use crate::shutdown::{self, Shutdown, ShutdownTrigger};
use rand::Rng;
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tracing::Instrument;

/// How often the supervisor re-reads the mailbox list without being told.
const RECONCILE_EVERY: Duration = Duration::from_secs(30);
/// How often an instance that does not hold a mailbox's lock tries to take it.
const LOCK_RETRY: Duration = Duration::from_secs(5);

/// What every mailbox task needs.
#[derive(Clone)]
pub struct Deps {
    pub db: PgPool,
    pub ingest: Ingest,
    pub realtime: Realtime,
    /// The hub's public origin, for links in automatic mail.
    pub public_origin: String,
    /// Private networks the operator lets mail hosts be on (`outbound.allow_private_networks`).
    pub private: channels::fetch::PrivateNets,
}

type Key = (LibraryId, MailboxId);

struct Running {
    version: i32,
    trigger: ShutdownTrigger,
    wake: Arc<Notify>,
    handle: JoinHandle<()>,
}

/// Runs the pollers of every enabled mailbox until `shutdown`; then stops them, letting
/// each finish the message batch it is committing.
pub async fn run(
    db: PgPool,
    ingest: Ingest,
    realtime: Realtime,
    public_origin: String,
    private: channels::fetch::PrivateNets,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let deps = Deps { db, ingest, realtime, public_origin, private };
    let stop = shutdown.wait();
    tokio::pin!(stop);
    let mut running: HashMap<Key, Running> = HashMap::new();
    let mut stopping: Vec<JoinHandle<()>> = Vec::new();
    let mut listener: Option<PgListener> = None;
    let mut tick = tokio::time::interval(RECONCILE_EVERY);
    loop {
        if listener.is_none() {
            listener = listen(&deps.db).await;
        }
        let woken = tokio::select! {
            _ = &mut stop => break,
            _ = tick.tick() => None,
            n = next_notification(&mut listener) => n,
        };
        let started = reconcile(&deps, &mut running, &mut stopping).await;
        // A task just started reads the mailbox anyway; others look again now.
        if let Some(key) = woken.as_deref().and_then(parse_key).filter(|k| !started.contains(k)) {
            if let Some(r) = running.get(&key) {
                r.wake.notify_one();
            }
        }
    }
    for (_, r) in running.drain() {
        r.trigger.trigger();
        stopping.push(r.handle);
    }
    for handle in stopping {
        let _ = handle.await;
    }
    Ok(())
}

async fn listen(db: &PgPool) -> Option<PgListener> {
    let result = async {
        let mut l = PgListener::connect_with(db).await?;
        l.listen(mailbox::CHANGED_CHANNEL).await?;
        Ok::<_, sqlx::Error>(l)
    }
    .await;
    match result {
        Ok(l) => Some(l),
        Err(e) => {
            tracing::warn!(error = %e, "email poller cannot listen for mailbox changes; re-reading periodically");
            None
        }
    }
}

/// The next notification's payload; `None` after an error (the listener is dropped and
/// re-made). Never resolves without a listener.
async fn next_notification(listener: &mut Option<PgListener>) -> Option<String> {
    let Some(l) = listener.as_mut() else { return std::future::pending().await };
    match l.try_recv().await {
        Ok(Some(n)) => Some(n.payload().to_owned()),
        Ok(None) | Err(_) => {
            *listener = None;
            tokio::time::sleep(Duration::from_millis(500)).await;
            None
        }
    }
}

fn parse_key(payload: &str) -> Option<Key> {
    let (library, mailbox) = payload.split_once('.')?;
    Some((LibraryId(library.parse().ok()?), MailboxId(mailbox.parse().ok()?)))
}

/// Starts tasks for new mailboxes, restarts those whose settings changed (the new task
/// waits for the old one to let go) and stops those disabled or gone. Returns the mailboxes
/// whose task it (re)started.
async fn reconcile(deps: &Deps, running: &mut HashMap<Key, Running>, stopping: &mut Vec<JoinHandle<()>>) -> Vec<Key> {
    let targets = match mailbox::poll_targets(&deps.db).await {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, "email poller cannot read the mailbox list");
            return Vec::new();
        }
    };
    let mut started = Vec::new();
    let wanted: HashMap<Key, i32> = targets.iter().map(|t| ((t.library_id, t.id), t.version)).collect();
    let mut predecessors: HashMap<Key, JoinHandle<()>> = HashMap::new();
    let stale: Vec<Key> = running
        .iter()
        .filter(|(key, r)| wanted.get(key) != Some(&r.version) || r.handle.is_finished())
        .map(|(key, _)| *key)
        .collect();
    for key in stale {
        let r = running.remove(&key).expect("listed above");
        r.trigger.trigger();
        if wanted.contains_key(&key) {
            predecessors.insert(key, r.handle);
        } else {
            stopping.push(r.handle);
        }
    }
    stopping.retain(|h| !h.is_finished());
    for (key, version) in wanted {
        if running.contains_key(&key) {
            continue;
        }
        let (trigger, stop) = shutdown::channel();
        let wake = Arc::new(Notify::new());
        let predecessor = predecessors.remove(&key);
        let span = tracing::info_span!("email.poller", library.id = %key.0, mailbox.id = %key.1);
        let handle = tokio::spawn(mailbox_task(deps.clone(), key, wake.clone(), stop, predecessor).instrument(span));
        running.insert(key, Running { version, trigger, wake, handle });
        started.push(key);
    }
    started
}

async fn mailbox_task(deps: Deps, key: Key, wake: Arc<Notify>, stop: Shutdown, predecessor: Option<JoinHandle<()>>) {
    if let Some(p) = predecessor {
        let _ = p.await;
    }
    loop {
        if stop.is_triggered() {
            return;
        }
        match MailboxLock::try_acquire(&deps.db, key.0, key.1).await {
            Ok(Some(lock)) => {
                tracing::info!("this instance polls the mailbox");
                if hold(&deps, key, lock, &wake, &stop).await == Held::Stopped {
                    return;
                }
            }
            Ok(None) => tracing::debug!("another instance polls the mailbox"),
            Err(e) => tracing::warn!(error = %e, "cannot take the mailbox lock"),
        }
        pause(LOCK_RETRY, &stop, &wake).await;
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Held {
    Stopped,
    Lost,
}

/// Polls while holding the lock: sessions, with backoff between failed ones.
async fn hold(deps: &Deps, key: Key, mut lock: MailboxLock, wake: &Notify, stop: &Shutdown) -> Held {
    let mut backoff = Backoff::default();
    loop {
        if stop.is_triggered() {
            lock.release().await;
            return Held::Stopped;
        }
        if !lock.is_held().await {
            tracing::warn!("lost the mailbox lock (its database connection ended); stopped polling");
            return Held::Lost;
        }
        let mailbox = match Mailbox::find(&deps.db, key.0, key.1).await {
            Ok(Some(m)) if m.enabled => m,
            Ok(_) => {
                // Disabled or removed: the supervisor stops this task.
                lock.release().await;
                stop.clone().wait().await;
                return Held::Stopped;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot load the mailbox settings");
                pause(backoff.next_delay(), stop, wake).await;
                continue;
            }
        };
        match session::run(deps, &mailbox, &mut lock, wake, stop, &mut backoff).await {
            Ended::Stopped => {
                lock.release().await;
                return Held::Stopped;
            }
            Ended::LockLost => {
                tracing::warn!("lost the mailbox lock; stopped polling");
                return Held::Lost;
            }
            Ended::Reconnect => {}
            Ended::Failed(e) => {
                let text = e.health_text();
                let delay = backoff.next_delay();
                tracing::warn!(error = %text, retry_in_ms = delay.as_millis() as u64, "mailbox session failed");
                if let Err(e) = store::record_error(&deps.db, key.0, key.1, &text).await {
                    tracing::warn!(error = %e, "cannot record the mailbox's health");
                }
                pause(delay, stop, wake).await;
            }
        }
    }
}

/// Waits `delay`, or less if woken or stopped.
pub(super) async fn pause(delay: Duration, stop: &Shutdown, wake: &Notify) {
    tokio::select! {
        _ = tokio::time::sleep(delay) => {}
        _ = stop.clone().wait() => {}
        _ = wake.notified() => {}
    }
}

/// Exponential backoff with jitter between failed sessions: 1 s doubling to 5 minutes.
pub struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { next: Self::FIRST }
    }
}

impl Backoff {
    const FIRST: Duration = Duration::from_secs(1);
    const MAX: Duration = Duration::from_secs(300);

    /// The delay before the next attempt: half fixed, half random ("equal jitter").
    pub fn next_delay(&mut self) -> Duration {
        let d = self.next;
        self.next = (d * 2).min(Self::MAX);
        let half = d.as_millis() as u64 / 2;
        Duration::from_millis(half + rand::thread_rng().gen_range(0..=half))
    }

    pub fn reset(&mut self) {
        self.next = Self::FIRST;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_its_cap_and_resets() {
        let mut b = Backoff::default();
        let delays: Vec<Duration> = (0..12).map(|_| b.next_delay()).collect();
        assert!(delays[0] >= Duration::from_millis(500) && delays[0] <= Duration::from_secs(1));
        assert!(delays[3] >= Duration::from_secs(4) && delays[3] <= Duration::from_secs(8));
        assert!(delays.iter().all(|d| *d <= Backoff::MAX));
        assert!(delays[11] >= Backoff::MAX / 2);
        b.reset();
        assert!(b.next_delay() <= Duration::from_secs(1));
    }

    #[test]
    fn notification_payloads_name_a_mailbox() {
        assert_eq!(parse_key("3.14"), Some((LibraryId(3), MailboxId(14))));
        assert_eq!(parse_key("3"), None);
        assert_eq!(parse_key("x.1"), None);
    }
}

//! Bookkeeping of this instance's console sockets: who is connected, with which session,
//! and a way to close them when that session ends.

use super::presence;
use crate::domain::{LibraryId, StaffId};
use crate::shutdown::Shutdown;
use sqlx::PgPool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// How often sessions of connected sockets are re-checked (a logout or a disabled account
/// closes the socket within this) and presence is refreshed.
pub const WATCH_INTERVAL: Duration = Duration::from_secs(3);

struct Entry {
    library: LibraryId,
    staff: StaffId,
    token_hash: Vec<u8>,
    close: watch::Sender<Option<&'static str>>,
}

#[derive(Clone, Default)]
pub struct Sockets {
    next: Arc<AtomicU64>,
    entries: Arc<Mutex<HashMap<u64, Entry>>>,
}

/// A registered socket; unregisters on drop.
pub struct Registration {
    id: u64,
    sockets: Sockets,
    /// Set to the reason when the socket must close (its session ended, the hub stops).
    pub closed: watch::Receiver<Option<&'static str>>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.sockets.entries.lock().expect("sockets lock").remove(&self.id);
    }
}

impl Sockets {
    pub fn register(&self, library: LibraryId, staff: StaffId, token_hash: Vec<u8>) -> Registration {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (close, closed) = watch::channel(None);
        self.entries.lock().expect("sockets lock").insert(id, Entry { library, staff, token_hash, close });
        Registration { id, sockets: self.clone(), closed }
    }

    /// Other sockets of the same staff member on this instance (a second tab).
    pub fn count_for(&self, library: LibraryId, staff: StaffId) -> usize {
        self.entries.lock().expect("sockets lock").values().filter(|e| e.library == library && e.staff == staff).count()
    }

    pub fn len(&self) -> usize {
        self.entries.lock().expect("sockets lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Closes sockets whose session ended and keeps presence and sessions of the others
    /// fresh, every [`WATCH_INTERVAL`], until shutdown.
    pub async fn watch(self, db: PgPool, shutdown: Shutdown) -> anyhow::Result<()> {
        let stop = shutdown.wait();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                _ = &mut stop => {
                    // Going down: tell every console now, so it reconnects to another instance.
                    for e in self.entries.lock().expect("sockets lock").values() {
                        let _ = e.close.send(Some("server restarting"));
                    }
                    return Ok(());
                }
                _ = tokio::time::sleep(WATCH_INTERVAL) => {}
            }
            if let Err(e) = self.check(&db).await {
                tracing::warn!(error = %e, "checking console sessions failed");
            }
        }
    }

    async fn check(&self, db: &PgPool) -> sqlx::Result<()> {
        let connected: Vec<(LibraryId, StaffId, Vec<u8>)> = {
            let entries = self.entries.lock().expect("sockets lock");
            entries.values().map(|e| (e.library, e.staff, e.token_hash.clone())).collect()
        };
        if connected.is_empty() {
            return Ok(());
        }
        let libraries: Vec<i64> = connected.iter().map(|c| c.0 .0).collect();
        let hashes: Vec<&[u8]> = connected.iter().map(|c| c.2.as_slice()).collect();
        let staff: Vec<(LibraryId, StaffId)> = connected.iter().map(|c| (c.0, c.1)).collect();
        // An open console is activity: touch the live sessions, and learn which are live.
        let live: Vec<(i64, Vec<u8>)> = sqlx::query_as(
            "UPDATE staff_session s SET last_seen_at = now()
               FROM unnest($1::bigint[], $2::bytea[]) AS c(library_id, token_hash), staff st
              WHERE s.library_id = c.library_id AND s.token_hash = c.token_hash
                AND st.library_id = s.library_id AND st.id = s.staff_id AND st.disabled_at IS NULL
                AND s.revoked_at IS NULL AND s.expires_at > now()
          RETURNING s.library_id, s.token_hash",
        )
        .bind(&libraries)
        .bind(&hashes)
        .fetch_all(db)
        .await?;
        {
            let entries = self.entries.lock().expect("sockets lock");
            for e in entries.values() {
                if !live.iter().any(|(l, h)| *l == e.library.0 && *h == e.token_hash) {
                    let _ = e.close.send(Some("session ended"));
                }
            }
        }
        presence::refresh(db, &staff).await
    }
}

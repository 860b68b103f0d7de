//! One poller per mailbox across all hub instances: a Postgres session advisory lock, held
//! on a connection of its own (outside the pool) for as long as this instance polls.
//!
//! If that connection dies, Postgres releases the lock and another instance may take the
//! mailbox; the holder notices on its next liveness check and stops polling. Two pollers
//! overlapping for that moment cannot duplicate anything: ingest is idempotent on the
//! Message-ID.

use super::mailbox::MailboxId;
use crate::domain::LibraryId;
use sqlx::{Connection, PgConnection, PgPool};
use std::time::Duration;

/// How often a held lock's connection is checked while the poller waits in IDLE.
pub const CHECK_EVERY: Duration = Duration::from_secs(20);

pub struct MailboxLock {
    conn: PgConnection,
    key: i64,
}

/// The lock key: a 64-bit hash of the mailbox's identity.
fn key_text(library: LibraryId, mailbox: MailboxId) -> String {
    format!("refdesk.email.mailbox/{library}/{mailbox}")
}

impl MailboxLock {
    /// Takes the mailbox's lock if no other session holds it; `None` if one does.
    pub async fn try_acquire(db: &PgPool, library: LibraryId, mailbox: MailboxId) -> sqlx::Result<Option<Self>> {
        let options = (*db.connect_options()).clone().application_name("refdesk email poller");
        let mut conn = PgConnection::connect_with(&options).await?;
        let key: i64 = sqlx::query_scalar("SELECT hashtextextended($1, 0)")
            .bind(key_text(library, mailbox))
            .fetch_one(&mut conn)
            .await?;
        let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)").bind(key).fetch_one(&mut conn).await?;
        if got {
            Ok(Some(MailboxLock { conn, key }))
        } else {
            let _ = conn.close().await;
            Ok(None)
        }
    }

    /// Whether the lock is still ours (its connection still answers).
    pub async fn is_held(&mut self) -> bool {
        let check = sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&mut self.conn);
        matches!(tokio::time::timeout(Duration::from_secs(10), check).await, Ok(Ok(1)))
    }

    /// Resolves when the lock is lost (checked every [`CHECK_EVERY`]); never while held.
    pub async fn lost(&mut self) {
        loop {
            tokio::time::sleep(CHECK_EVERY).await;
            if !self.is_held().await {
                return;
            }
        }
    }

    /// Gives the mailbox up (closing the connection would too).
    pub async fn release(mut self) {
        let _ = sqlx::query("SELECT pg_advisory_unlock($1)").bind(self.key).execute(&mut self.conn).await;
        let _ = self.conn.close().await;
    }
}

//! Patron chat sessions (`chat_session`). The token is 32 random bytes (base64url); only
//! its SHA-256 is stored, and every resume replaces it, so a token seen once (a shared
//! screenshot, a proxy log) stops working at the patron's next reconnect.

use crate::domain::{ContactId, ConversationId, LibraryId};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{PgExecutor, PgPool};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChatSession {
    pub library_id: LibraryId,
    pub id: i64,
    pub address: String,
    pub contact_id: Option<ContactId>,
    pub conversation_id: Option<ConversationId>,
    pub lang: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Sessions one heartbeat statement refreshes.
const HEARTBEAT_SLICE: usize = 500;

const COLUMNS: &str = "library_id, id, address, contact_id, conversation_id, lang, name, email, phone";

/// A fresh token and the hash that is stored.
pub fn new_token() -> (String, Vec<u8>) {
    let mut raw = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut raw);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The contact address of an anonymous session: unguessable, never reused.
pub fn anonymous_address() -> String {
    let mut raw = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut raw);
    format!("s-{}", hex::encode(raw))
}

/// The contact address of a patron the library's site vouched for: every session with the
/// same signed id is the same contact, so their history follows them. Hashed: the site's
/// own user ids are not stored.
pub fn identity_address(site_id: &str) -> String {
    format!("u-{}", hex::encode(Sha256::digest(site_id.as_bytes())))
}

impl ChatSession {
    /// A new session and its token. With a signed identity the session continues that
    /// patron's latest chat (open, or resolved within `continue_within`).
    pub async fn create(
        db: &PgPool,
        library: LibraryId,
        address: &str,
        lang: Option<&str>,
        continue_within: std::time::Duration,
    ) -> sqlx::Result<(ChatSession, String)> {
        let (token, hash) = new_token();
        let session = sqlx::query_as(&format!(
            "WITH known AS (
                SELECT ci.contact_id,
                       (SELECT c.id FROM conversation c
                         WHERE c.library_id = ci.library_id AND c.contact_id = ci.contact_id AND c.channel = 'chat'
                           AND (c.status <> 'resolved' OR c.resolved_at > now() - make_interval(secs => $5))
                         ORDER BY (c.status <> 'resolved') DESC, c.last_message_at DESC LIMIT 1) AS conversation_id
                  FROM contact_identity ci
                 WHERE ci.library_id = $1 AND ci.channel = 'chat' AND ci.address = $3
             )
             INSERT INTO chat_session (library_id, token_hash, address, lang, contact_id, conversation_id, socket_open)
             SELECT $1, $2, $3, $4, (SELECT contact_id FROM known), (SELECT conversation_id FROM known), true
             RETURNING {COLUMNS}"
        ))
        .bind(library)
        .bind(hash)
        .bind(address)
        .bind(lang)
        .bind(continue_within.as_secs_f64())
        .fetch_one(db)
        .await?;
        Ok((session, token))
    }

    /// Swaps the token for a new one: the old one is refused from now on. None when the
    /// token is unknown (forged, or already rotated).
    pub async fn resume(db: &PgPool, library: LibraryId, token: &str) -> sqlx::Result<Option<(ChatSession, String)>> {
        let (new, hash) = new_token();
        let session = sqlx::query_as(&format!(
            "UPDATE chat_session SET token_hash = $3, socket_open = true, last_seen_at = now()
              WHERE library_id = $1 AND token_hash = $2 RETURNING {COLUMNS}"
        ))
        .bind(library)
        .bind(token_hash(token))
        .bind(hash)
        .fetch_optional(db)
        .await?;
        Ok(session.map(|s| (s, new)))
    }

    /// The session a token belongs to, without rotating it (HTTP uploads and downloads).
    pub async fn by_token(db: &PgPool, library: LibraryId, token: &str) -> sqlx::Result<Option<ChatSession>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM chat_session WHERE library_id = $1 AND token_hash = $2"))
            .bind(library)
            .bind(token_hash(token))
            .fetch_optional(db)
            .await
    }

    /// Binds the session to the conversation its first message opened.
    pub async fn bind(
        db: impl PgExecutor<'_>,
        library: LibraryId,
        id: i64,
        contact: ContactId,
        conversation: ConversationId,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE chat_session SET contact_id = $3, conversation_id = $4, ended_at = NULL
              WHERE library_id = $1 AND id = $2",
        )
        .bind(library)
        .bind(id)
        .bind(contact)
        .bind(conversation)
        .execute(db)
        .await?;
        Ok(())
    }

    /// The socket closed (on this instance): the patron is away from now on.
    pub async fn disconnected(db: &PgPool, library: LibraryId, id: i64) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE chat_session SET socket_open = false, last_seen_at = now() WHERE library_id = $1 AND id = $2",
        )
        .bind(library)
        .bind(id)
        .execute(db)
        .await?;
        Ok(())
    }

    /// Keeps the sessions of this instance's open sockets fresh, a slice at a time: one
    /// statement for 10,000 sessions would hold their row locks until it commits, and a
    /// patron's message that binds its session waits for that.
    pub async fn heartbeat(db: &PgPool, sessions: &[(LibraryId, i64)]) -> sqlx::Result<()> {
        for slice in sessions.chunks(HEARTBEAT_SLICE) {
            let libraries: Vec<i64> = slice.iter().map(|(l, _)| l.0).collect();
            let ids: Vec<i64> = slice.iter().map(|(_, s)| *s).collect();
            sqlx::query(
                "UPDATE chat_session s SET last_seen_at = now(), socket_open = true
                   FROM unnest($1::bigint[], $2::bigint[]) AS c(library_id, id)
                  WHERE s.library_id = c.library_id AND s.id = c.id",
            )
            .bind(libraries)
            .bind(ids)
            .execute(db)
            .await?;
        }
        Ok(())
    }

    pub async fn set_details(
        db: &PgPool,
        library: LibraryId,
        id: i64,
        name: Option<&str>,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE chat_session SET name = coalesce($3, name), email = coalesce($4, email), phone = coalesce($5, phone)
              WHERE library_id = $1 AND id = $2",
        )
        .bind(library)
        .bind(id)
        .bind(name)
        .bind(email)
        .bind(phone)
        .execute(db)
        .await?;
        Ok(())
    }

    pub async fn set_read(db: &PgPool, library: LibraryId, id: i64, seq: i64) -> sqlx::Result<()> {
        sqlx::query("UPDATE chat_session SET read_seq = greatest(read_seq, $3) WHERE library_id = $1 AND id = $2")
            .bind(library)
            .bind(id)
            .bind(seq)
            .execute(db)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unguessable_and_addresses_fit_the_chat_identity_form() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), ha);
        for address in [anonymous_address(), identity_address("patron-42")] {
            assert!(channels::Address::chat_session(&address).is_ok(), "{address}");
        }
        assert_eq!(identity_address("x"), identity_address("x"));
        assert_ne!(anonymous_address(), anonymous_address());
    }
}

//! Merging two contacts that are one patron, and undoing it. A merge moves every identity,
//! conversation and consent record of one contact to the other and records exactly what
//! moved (ids), so a split moves those back; anything that arrived after the merge stays.
//! The merged contact keeps its row (its name, its profile) with `merged_into` set.

use super::PatronError;
use crate::domain::{ContactId, ConversationId};
use crate::inbox::Actor;
use crate::realtime::Realtime;
use crate::store::{audit, event};
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// One merge of two contacts.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct ContactMerge {
    pub id: i64,
    pub from_contact_id: ContactId,
    pub into_contact_id: ContactId,
    pub identity_ids: Vec<i64>,
    pub conversation_ids: Vec<i64>,
    pub merged_at: DateTime<Utc>,
    /// Set once a split undid it.
    pub split_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, from_contact_id, into_contact_id, identity_ids, conversation_ids, merged_at, split_at";

async fn ids(
    conn: &mut PgConnection,
    sql: &str,
    actor: &Actor,
    from: ContactId,
    into: ContactId,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(sql).bind(actor.library).bind(from).bind(into).fetch_all(conn).await
}

/// Merges `from` into `into`.
pub async fn merge(
    db: &PgPool,
    realtime: &Realtime,
    actor: &Actor,
    into: ContactId,
    from: ContactId,
) -> Result<ContactMerge, PatronError> {
    if into == from {
        return Err(PatronError::invalid("same_contact", "a contact cannot be merged into itself"));
    }
    let mut tx = db.begin().await?;
    let found: Vec<(ContactId, Option<i64>)> = sqlx::query_as(
        "SELECT id, merged_into FROM contact WHERE library_id = $1 AND id IN ($2, $3) ORDER BY id FOR UPDATE",
    )
    .bind(actor.library)
    .bind(into)
    .bind(from)
    .fetch_all(&mut *tx)
    .await?;
    if found.len() != 2 {
        return Err(PatronError::NotFound("contact"));
    }
    if found.iter().any(|(_, merged)| merged.is_some()) {
        return Err(PatronError::invalid("already_merged", "that contact is already merged into another one"));
    }
    let identities = ids(
        &mut tx,
        "UPDATE contact_identity SET contact_id = $3 WHERE library_id = $1 AND contact_id = $2 RETURNING id",
        actor,
        from,
        into,
    )
    .await?;
    let conversations = ids(
        &mut tx,
        "UPDATE conversation SET contact_id = $3 WHERE library_id = $1 AND contact_id = $2 RETURNING id",
        actor,
        from,
        into,
    )
    .await?;
    let consents = ids(
        &mut tx,
        "UPDATE contact_consent SET contact_id = $3 WHERE library_id = $1 AND contact_id = $2 RETURNING id",
        actor,
        from,
        into,
    )
    .await?;
    sqlx::query("UPDATE contact SET merged_into = $3 WHERE library_id = $1 AND id = $2;")
        .bind(actor.library)
        .bind(from)
        .bind(into)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE contact i SET last_contact_at = greatest(i.last_contact_at, f.last_contact_at),
                              created_at = least(i.created_at, f.created_at)
           FROM contact f WHERE i.library_id = $1 AND i.id = $3 AND f.library_id = $1 AND f.id = $2",
    )
    .bind(actor.library)
    .bind(from)
    .bind(into)
    .execute(&mut *tx)
    .await?;
    let merge: ContactMerge = sqlx::query_as(&format!(
        "INSERT INTO contact_merge (library_id, from_contact_id, into_contact_id, identity_ids, conversation_ids,
                                    consent_ids, staff_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
    ))
    .bind(actor.library)
    .bind(from)
    .bind(into)
    .bind(&identities)
    .bind(&conversations)
    .bind(&consents)
    .bind(actor.staff)
    .fetch_one(&mut *tx)
    .await?;
    finish(tx, realtime, actor, "merge", &merge, &conversations).await?;
    Ok(merge)
}

/// Undoes the merge `merge_id` into `into`: what it moved goes back to the other contact.
pub async fn split(
    db: &PgPool,
    realtime: &Realtime,
    actor: &Actor,
    into: ContactId,
    merge_id: i64,
) -> Result<ContactMerge, PatronError> {
    let mut tx = db.begin().await?;
    let found: Option<ContactMerge> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM contact_merge WHERE library_id = $1 AND id = $2 AND into_contact_id = $3 FOR UPDATE"
    ))
    .bind(actor.library)
    .bind(merge_id)
    .bind(into)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(merge) = found else { return Err(PatronError::NotFound("merge")) };
    if merge.split_at.is_some() {
        return Err(PatronError::invalid("already_split", "that merge was already undone"));
    }
    let from = merge.from_contact_id;
    let back = |table: &'static str, column: &'static str| {
        format!("UPDATE {table} SET contact_id = $2 WHERE library_id = $1 AND id = ANY(${column}) RETURNING id")
    };
    let consents: Vec<i64> =
        sqlx::query_scalar("SELECT consent_ids FROM contact_merge WHERE library_id = $1 AND id = $2")
            .bind(actor.library)
            .bind(merge.id)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(&back("contact_identity", "3"))
        .bind(actor.library)
        .bind(from)
        .bind(&merge.identity_ids)
        .fetch_all(&mut *tx)
        .await?;
    let conversations: Vec<i64> = sqlx::query_scalar(&back("conversation", "3"))
        .bind(actor.library)
        .bind(from)
        .bind(&merge.conversation_ids)
        .fetch_all(&mut *tx)
        .await?;
    sqlx::query(&back("contact_consent", "3"))
        .bind(actor.library)
        .bind(from)
        .bind(&consents)
        .fetch_all(&mut *tx)
        .await?;
    sqlx::query("UPDATE contact SET merged_into = NULL WHERE library_id = $1 AND id = $2")
        .bind(actor.library)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    let merge: ContactMerge = sqlx::query_as(&format!(
        "UPDATE contact_merge SET split_at = now() WHERE library_id = $1 AND id = $2 RETURNING {COLUMNS}"
    ))
    .bind(actor.library)
    .bind(merge.id)
    .fetch_one(&mut *tx)
    .await?;
    finish(tx, realtime, actor, "split", &merge, &conversations).await?;
    Ok(merge)
}

/// The merges into `contact`, newest first.
pub async fn for_contact(
    db: &PgPool,
    library: crate::domain::LibraryId,
    contact: ContactId,
) -> sqlx::Result<Vec<ContactMerge>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM contact_merge WHERE library_id = $1 AND into_contact_id = $2 ORDER BY id DESC"
    ))
    .bind(library)
    .bind(contact)
    .fetch_all(db)
    .await
}

/// Records `action` (merge or split) in the audit log, announces the conversations that
/// changed hands, commits and publishes.
async fn finish(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    realtime: &Realtime,
    actor: &Actor,
    action: &str,
    merge: &ContactMerge,
    conversations: &[i64],
) -> sqlx::Result<()> {
    let detail =
        json!({"from_contact_id": merge.from_contact_id, "merge_id": merge.id, "conversations": conversations.len()});
    audit::record(&mut *tx, actor.library, Some(actor.staff), action, "contact", Some(merge.into_contact_id.0), detail)
        .await?;
    for id in conversations {
        event::append(
            &mut tx,
            actor.library,
            "conversation_changed",
            Some(ConversationId(*id)),
            json!({"by": actor.staff}),
        )
        .await?;
    }
    tx.commit().await?;
    realtime.published();
    Ok(())
}

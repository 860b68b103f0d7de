//! Delivery status callbacks: duplicates and out-of-order arrivals never move a text
//! backwards, and a callback that overtakes the outbox waits for it.

use crate::domain::{LibraryId, E164};
use crate::http::AppState;
use crate::store::{event, sms as rows};
use channels::sms::{DeliveryStatus, StatusCallback};
use serde_json::json;
use sqlx::PgConnection;

pub async fn apply(state: &AppState, library: LibraryId, cb: &StatusCallback, to: Option<&E164>) -> sqlx::Result<()> {
    let mut tx = state.db.begin().await?;
    if cb.error_code == Some(channels::sms::api::OPTED_OUT) {
        if let Some(to) = to {
            rows::set_consent(&mut *tx, library, to, true, "provider").await?;
        }
    }
    let applied = apply_in_tx(&mut tx, library, &cb.message_sid, &cb.status, cb.error_code).await?;
    if applied.is_none() {
        sqlx::query(
            "INSERT INTO sms_status_early (library_id, sid, status, error_code) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING",
        )
        .bind(library)
        .bind(&cb.message_sid)
        .bind(cb.status.as_str())
        .bind(cb.error_code.map(|c| c as i32))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    state.realtime.published();
    Ok(())
}

/// Applies statuses that arrived before the sid was recorded. Called in the outbox's
/// transaction right after it records the sid.
pub async fn apply_early(conn: &mut PgConnection, library: LibraryId, sid: &str) -> sqlx::Result<()> {
    let early: Vec<(String, Option<i32>)> =
        sqlx::query_as("DELETE FROM sms_status_early WHERE library_id = $1 AND sid = $2 RETURNING status, error_code")
            .bind(library)
            .bind(sid)
            .fetch_all(&mut *conn)
            .await?;
    for (status, code) in early {
        apply_in_tx(conn, library, sid, &DeliveryStatus::parse(&status), code.map(|c| c as u32)).await?;
    }
    Ok(())
}

/// None when no reply has this sid (yet).
async fn apply_in_tx(
    conn: &mut PgConnection,
    library: LibraryId,
    sid: &str,
    status: &DeliveryStatus,
    error_code: Option<u32>,
) -> sqlx::Result<Option<()>> {
    let row: Option<(i64, i64, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT id, conversation_id, provider_status, delivery_status FROM message
          WHERE library_id = $1 AND channel = 'sms' AND direction = 'out' AND provider_id = $2 FOR UPDATE",
    )
    .bind(library)
    .bind(sid)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, conversation, stored, delivery)) = row else { return Ok(None) };
    let stored = DeliveryStatus::parse(stored.as_deref().unwrap_or("queued"));
    if !stored.can_advance_to(status) {
        return Ok(Some(())); // a duplicate, or older news
    }
    let (next, error) = match status {
        DeliveryStatus::Delivered | DeliveryStatus::Read => ("delivered", None),
        s if s.is_failure() => (
            "failed",
            Some(
                error_code.map_or_else(|| format!("the provider reports {s}"), |c| format!("provider error {c} ({s})")),
            ),
        ),
        DeliveryStatus::Sent => ("sent", None),
        _ => (delivery.as_deref().unwrap_or("sent"), None),
    };
    sqlx::query(
        "UPDATE message SET provider_status = $3, delivery_status = $4, delivery_error = coalesce($5, delivery_error)
          WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(id)
    .bind(status.as_str())
    .bind(next)
    .bind(&error)
    .execute(&mut *conn)
    .await?;
    if delivery.as_deref() != Some(next) {
        event::append(
            conn,
            library,
            "delivery_status_changed",
            Some(crate::domain::ConversationId(conversation)),
            json!({"message_id": id, "status": next, "error": error}),
        )
        .await?;
    }
    Ok(Some(()))
}

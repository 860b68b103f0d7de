//! Reading the audit log (admins): who opened, exported, merged, split or erased which
//! record, and when. Entries hold ids and actions only, never content.

use crate::domain::{LibraryId, StaffId};
use chrono::{DateTime, Utc};
use sqlx::{PgPool, Postgres, QueryBuilder};

/// One audit entry.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub staff_id: Option<StaffId>,
    /// The staff member's name (null for the system, e.g. retention).
    pub staff_name: Option<String>,
    /// open, export, merge, split, erase, consent, sms_consent...
    pub action: String,
    /// contact, conversation, message...
    pub subject_type: String,
    pub subject_id: Option<i64>,
    /// Ids and counts (never message content or addresses).
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub at: DateTime<Utc>,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub subject_type: Option<String>,
    pub subject_id: Option<i64>,
    pub staff_id: Option<StaffId>,
    pub action: Option<String>,
    /// Entries older than this id (paging).
    pub before: Option<i64>,
    pub limit: i64,
}

/// Newest first.
pub async fn list(db: &PgPool, library: LibraryId, f: &AuditFilter) -> sqlx::Result<Vec<AuditEntry>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT a.id, a.staff_id, s.display_name AS staff_name, a.action, a.subject_type, a.subject_id, a.detail, a.at
           FROM audit_log a LEFT JOIN staff s ON s.library_id = a.library_id AND s.id = a.staff_id
          WHERE a.library_id = ",
    );
    q.push_bind(library);
    if let Some(t) = &f.subject_type {
        q.push(" AND a.subject_type = ").push_bind(t.clone());
    }
    if let Some(id) = f.subject_id {
        q.push(" AND a.subject_id = ").push_bind(id);
    }
    if let Some(s) = f.staff_id {
        q.push(" AND a.staff_id = ").push_bind(s);
    }
    if let Some(a) = &f.action {
        q.push(" AND a.action = ").push_bind(a.clone());
    }
    if let Some(b) = f.before {
        q.push(" AND a.id < ").push_bind(b);
    }
    q.push(" ORDER BY a.id DESC LIMIT ").push_bind(f.limit);
    q.build_query_as().fetch_all(db).await
}

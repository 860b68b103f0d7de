//! Likely duplicates of a contact: other contacts of the library with the same normalised
//! email address (lower case, `+tag` dropped) or phone number (the last ten digits), on any
//! channel. Only ever suggested: staff decide, nothing is merged automatically.

use crate::domain::{ContactId, LibraryId};
use sqlx::PgPool;

/// Another contact that may be the same patron.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Duplicate {
    pub contact_id: ContactId,
    /// Their name, else their first address.
    pub label: Option<String>,
    /// What matched: `email` or `phone`.
    pub matched: String,
    pub last_contact_at: chrono::DateTime<chrono::Utc>,
}

/// The SQL expression of an identity address's match key (`e:...`, `p:...`, or NULL).
const KEY: &str = "CASE WHEN ci.address LIKE '%_@_%' THEN 'e:' || regexp_replace(lower(ci.address), '\\+[^@]*@', '@')
                        WHEN ci.address ~ '^\\+?[0-9 ().-]{7,}$' THEN 'p:' || right(regexp_replace(ci.address, '\\D', '', 'g'), 10)
                   END";

/// Suggestions for `contact`, most recent first (at most 20).
pub async fn suggest(db: &PgPool, library: LibraryId, contact: ContactId) -> sqlx::Result<Vec<Duplicate>> {
    sqlx::query_as(&format!(
        "WITH mine AS (SELECT DISTINCT {KEY} AS key FROM contact_identity ci
                        WHERE ci.library_id = $1 AND ci.contact_id = $2),
              theirs AS (SELECT ci.contact_id, {KEY} AS key FROM contact_identity ci
                          WHERE ci.library_id = $1 AND ci.contact_id <> $2)
         SELECT ct.id AS contact_id,
                coalesce(ct.display_name, (SELECT address FROM contact_identity x
                                            WHERE x.library_id = ct.library_id AND x.contact_id = ct.id
                                            ORDER BY x.id LIMIT 1)) AS label,
                CASE WHEN min(t.key) LIKE 'e:%' THEN 'email' ELSE 'phone' END AS matched,
                ct.last_contact_at
           FROM theirs t
           JOIN mine m ON m.key = t.key
           JOIN contact ct ON ct.library_id = $1 AND ct.id = t.contact_id
          WHERE ct.merged_into IS NULL AND ct.anonymised_at IS NULL
          GROUP BY ct.library_id, ct.id
          ORDER BY ct.last_contact_at DESC LIMIT 20"
    ))
    .bind(library)
    .bind(contact)
    .fetch_all(db)
    .await
}

use crate::domain::{Channel, ContactId, ConversationId, ConversationStatus, LibraryId, StaffId, TeamId};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};

/// A conversation as the inbox list and the conversation view show it.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Conversation {
    pub id: ConversationId,
    pub contact_id: ContactId,
    /// What staff see for the patron: their name, else their first address.
    pub contact_label: Option<String>,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String, example = "email")]
    pub channel: Channel,
    #[sqlx(try_from = "String")]
    pub status: ConversationStatus,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub team_id: Option<TeamId>,
    pub assignee_id: Option<StaffId>,
    pub subject: Option<String>,
    pub tags: Vec<String>,
    pub read_level: Option<i16>,
    pub created_at: DateTime<Utc>,
    /// Arrival of the oldest message the library has not answered; null when the library
    /// spoke last.
    pub waiting_since: Option<DateTime<Utc>>,
    pub last_message_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub message_count: i32,
    /// The start of the latest message to or from the patron (notes are not shown).
    pub last_message_preview: Option<String>,
}

/// Which conversations a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ListFilter {
    pub status: Option<ConversationStatus>,
    pub team: Option<TeamId>,
    pub assignee: Option<AssigneeFilter>,
    pub channel: Option<Channel>,
    pub tag: Option<String>,
    /// Full-text query over the conversation's messages.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssigneeFilter {
    Unassigned,
    Staff(StaffId),
}

/// List order and the position to continue from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// Oldest waiting first (the queue); resume after (waiting key, id).
    Waiting { after: Option<(DateTime<Utc>, ConversationId)> },
    /// Newest first; resume below id.
    Newest { before: Option<ConversationId> },
}

// The list columns. The two laterals are index lookups on 50 rows, not scans.
const LIST_COLUMNS: &str = "c.id, c.contact_id,
       coalesce(ct.display_name, (SELECT ci.address FROM contact_identity ci
                                   WHERE ci.library_id = c.library_id AND ci.contact_id = c.contact_id
                                   ORDER BY ci.id LIMIT 1)) AS contact_label,
       c.channel, c.status, c.snoozed_until, c.team_id, c.assignee_id, c.subject, c.tags,
       c.read_level, c.created_at, c.waiting_since, c.last_message_at, c.first_response_at,
       c.resolved_at, c.message_count, last.preview AS last_message_preview";

const FROM: &str = " FROM conversation c
  JOIN contact ct ON ct.library_id = c.library_id AND ct.id = c.contact_id
  LEFT JOIN LATERAL (SELECT left(m.body, 160) AS preview FROM message m
                      WHERE m.library_id = c.library_id AND m.conversation_id = c.id
                        AND m.direction <> 'note'
                      ORDER BY m.id DESC LIMIT 1) last ON true";

/// The sort key of the queue; must match the expression of the conversation_queue_* indexes.
const WAITING_KEY: &str = "coalesce(c.waiting_since, 'infinity'::timestamptz)";

impl Conversation {
    pub async fn list(
        db: &PgPool,
        library: LibraryId,
        filter: &ListFilter,
        page: Page,
        limit: i64,
    ) -> sqlx::Result<Vec<Conversation>> {
        let mut q: QueryBuilder<Postgres> = QueryBuilder::new("SELECT ");
        q.push(LIST_COLUMNS).push(FROM).push(" WHERE c.library_id = ").push_bind(library);
        if let Some(status) = filter.status {
            // A literal, not a bind: with `status = 'open'` in the text the planner can use
            // (and cache a plan for) the partial queue indexes. The value is from an enum.
            q.push(format!(" AND c.status = '{}'", status.as_str()));
        }
        if let Some(team) = filter.team {
            q.push(" AND c.team_id = ").push_bind(team);
        }
        match filter.assignee {
            Some(AssigneeFilter::Unassigned) => {
                q.push(" AND c.assignee_id IS NULL");
            }
            Some(AssigneeFilter::Staff(id)) => {
                q.push(" AND c.assignee_id = ").push_bind(id);
            }
            None => {}
        }
        if let Some(channel) = filter.channel {
            q.push(" AND c.channel = ").push_bind(channel.as_str());
        }
        if let Some(tag) = &filter.tag {
            q.push(" AND c.tags @> ARRAY[").push_bind(tag.clone()).push("]::text[]");
        }
        if let Some(text) = &filter.text {
            q.push(" AND c.id IN (SELECT m.conversation_id FROM message m WHERE m.library_id = ")
                .push_bind(library)
                .push(" AND m.search @@ websearch_to_tsquery('simple', ")
                .push_bind(text.clone())
                .push("))");
        }
        match page {
            Page::Waiting { after } => {
                if let Some((key, id)) = after {
                    q.push(format!(" AND ({WAITING_KEY}, c.id) > (")).push_bind(key).push(", ").push_bind(id).push(")");
                }
                q.push(format!(" ORDER BY {WAITING_KEY}, c.id"));
            }
            Page::Newest { before } => {
                if let Some(id) = before {
                    q.push(" AND c.id < ").push_bind(id);
                }
                q.push(" ORDER BY c.id DESC");
            }
        }
        q.push(" LIMIT ").push_bind(limit);
        // A text filter is planned for its words each time (see `message::search`); the
        // other lists keep their cached statements.
        q.build_query_as().persistent(filter.text.is_none()).fetch_all(db).await
    }

    pub async fn find(
        db: impl PgExecutor<'_>,
        library: LibraryId,
        id: ConversationId,
    ) -> sqlx::Result<Option<Conversation>> {
        sqlx::query_as(&format!("SELECT {LIST_COLUMNS}{FROM} WHERE c.library_id = $1 AND c.id = $2"))
            .bind(library)
            .bind(id)
            .fetch_optional(db)
            .await
    }

    /// Several conversations of one library at once (the realtime listener's batch).
    pub async fn find_many(db: &PgPool, library: LibraryId, ids: &[ConversationId]) -> sqlx::Result<Vec<Conversation>> {
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        sqlx::query_as(&format!("SELECT {LIST_COLUMNS}{FROM} WHERE c.library_id = $1 AND c.id = ANY($2)"))
            .bind(library)
            .bind(ids)
            .fetch_all(db)
            .await
    }

    /// The team each of these conversations is in now (None: no team, or no such
    /// conversation any more). What the list cache needs to know about an event.
    pub async fn teams_of(
        db: &PgPool,
        conversations: &[(LibraryId, ConversationId)],
    ) -> sqlx::Result<Vec<(LibraryId, ConversationId, Option<TeamId>)>> {
        let libraries: Vec<i64> = conversations.iter().map(|(l, _)| l.0).collect();
        let ids: Vec<i64> = conversations.iter().map(|(_, c)| c.0).collect();
        sqlx::query_as(
            "SELECT w.library_id, w.id, c.team_id
               FROM unnest($1::bigint[], $2::bigint[]) AS w(library_id, id)
               LEFT JOIN conversation c ON c.library_id = w.library_id AND c.id = w.id",
        )
        .bind(libraries)
        .bind(ids)
        .fetch_all(db)
        .await
    }

    /// Conversations of one patron, newest first (the profile's history).
    pub async fn for_contact(db: &PgPool, library: LibraryId, contact: ContactId) -> sqlx::Result<Vec<Conversation>> {
        sqlx::query_as(&format!(
            "SELECT {LIST_COLUMNS}{FROM} WHERE c.library_id = $1 AND c.contact_id = $2 ORDER BY c.id DESC LIMIT 200"
        ))
        .bind(library)
        .bind(contact)
        .fetch_all(db)
        .await
    }
}

/// The state a staff action may change, locked for update inside the action's transaction.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConversationState {
    pub id: ConversationId,
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    #[sqlx(try_from = "String")]
    pub status: ConversationStatus,
    pub contact_id: ContactId,
    pub team_id: Option<TeamId>,
    pub assignee_id: Option<StaffId>,
    pub tags: Vec<String>,
}

impl ConversationState {
    pub async fn lock(
        conn: &mut PgConnection,
        library: LibraryId,
        id: ConversationId,
    ) -> sqlx::Result<Option<ConversationState>> {
        sqlx::query_as(
            "SELECT id, channel, status, contact_id, team_id, assignee_id, tags FROM conversation
              WHERE library_id = $1 AND id = $2 FOR UPDATE",
        )
        .bind(library)
        .bind(id)
        .fetch_optional(conn)
        .await
    }
}

/// Applies a status; keeps resolved_at and snoozed_until consistent with it.
pub async fn set_status(
    conn: &mut PgConnection,
    library: LibraryId,
    id: ConversationId,
    status: ConversationStatus,
    snoozed_until: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    sqlx::query(
        // Resolving ends the patron's wait: a later message starts a new one.
        "UPDATE conversation SET status = $3, snoozed_until = $4,
                resolved_at = CASE WHEN $3 = 'resolved' THEN coalesce(resolved_at, now()) END,
                waiting_since = CASE WHEN $3 = 'resolved' THEN NULL ELSE waiting_since END
          WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(id)
    .bind(status.as_str())
    .bind(snoozed_until)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_assignment(
    conn: &mut PgConnection,
    library: LibraryId,
    id: ConversationId,
    team: Option<TeamId>,
    assignee: Option<StaffId>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE conversation SET team_id = $3, assignee_id = $4 WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(id)
        .bind(team)
        .bind(assignee)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_tags(
    conn: &mut PgConnection,
    library: LibraryId,
    id: ConversationId,
    tags: &[String],
) -> sqlx::Result<()> {
    sqlx::query("UPDATE conversation SET tags = $3 WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(id)
        .bind(tags)
        .execute(conn)
        .await?;
    Ok(())
}

/// Snoozed conversations whose time has come go back to the queue. Returns them so the
/// caller can publish the change.
pub async fn wake_snoozed(conn: &mut PgConnection) -> sqlx::Result<Vec<(LibraryId, ConversationId)>> {
    sqlx::query_as(
        "UPDATE conversation SET status = 'open', snoozed_until = NULL
          WHERE status = 'snoozed' AND snoozed_until <= now()
        RETURNING library_id, id",
    )
    .fetch_all(conn)
    .await
}

use crate::domain::{LibraryId, StaffId, TeamId};
use sqlx::{PgExecutor, PgPool};

/// A queue of conversations: Reference, Circulation, Children's, a branch.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub member_ids: Vec<StaffId>,
}

const SELECT: &str = "SELECT t.id, t.name,
        coalesce(array_agg(m.staff_id ORDER BY m.staff_id) FILTER (WHERE m.staff_id IS NOT NULL), '{}') AS member_ids
   FROM team t LEFT JOIN team_member m ON m.library_id = t.library_id AND m.team_id = t.id";

impl Team {
    pub async fn list(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<Team>> {
        sqlx::query_as(&format!("{SELECT} WHERE t.library_id = $1 GROUP BY t.id, t.name ORDER BY t.name"))
            .bind(library)
            .fetch_all(db)
            .await
    }

    pub async fn find(db: impl PgExecutor<'_>, library: LibraryId, id: TeamId) -> sqlx::Result<Option<Team>> {
        sqlx::query_as(&format!("{SELECT} WHERE t.library_id = $1 AND t.id = $2 GROUP BY t.id, t.name"))
            .bind(library)
            .bind(id)
            .fetch_optional(db)
            .await
    }

    pub async fn create(db: impl PgExecutor<'_>, library: LibraryId, name: &str) -> sqlx::Result<TeamId> {
        sqlx::query_scalar("INSERT INTO team (library_id, name) VALUES ($1, $2) RETURNING id")
            .bind(library)
            .bind(name)
            .fetch_one(db)
            .await
    }

    pub async fn rename(db: &PgPool, library: LibraryId, id: TeamId, name: &str) -> sqlx::Result<bool> {
        let done = sqlx::query("UPDATE team SET name = $3 WHERE library_id = $1 AND id = $2")
            .bind(library)
            .bind(id)
            .bind(name)
            .execute(db)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces the member list. Ids must belong to the library (the foreign key checks).
    pub async fn set_members(
        conn: &mut sqlx::PgConnection,
        library: LibraryId,
        id: TeamId,
        members: &[StaffId],
    ) -> sqlx::Result<()> {
        sqlx::query("DELETE FROM team_member WHERE library_id = $1 AND team_id = $2")
            .bind(library)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO team_member (library_id, team_id, staff_id)
             SELECT $1, $2, unnest($3::bigint[]) ON CONFLICT DO NOTHING",
        )
        .bind(library)
        .bind(id)
        .bind(members.iter().map(|s| s.0).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

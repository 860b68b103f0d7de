//! EXPLAIN (ANALYZE, BUFFERS) of the inbox's two queries, so the report shows which indexes
//! serve them and what the plan cache does with them.

use crate::common::Report;
use anyhow::Context;
use refdesk::domain::{ConversationStatus, LibraryId, TeamId};
use refdesk::store::conversation::{Conversation, ListFilter, Page};
use sqlx::{Connection, PgPool, Row as _};

const PART: &str = "2 inbox";

/// `Conversation::list`'s SQL for (library, status, team, waiting order, limit), as
/// `src/store/conversation.rs` builds it (LIST_COLUMNS + FROM + filters); the bench checks
/// below that it returns what `Conversation::list` returns.
const LIST_SQL: &str = "SELECT c.id, c.contact_id,
       coalesce(ct.display_name, (SELECT ci.address FROM contact_identity ci
                                   WHERE ci.library_id = c.library_id AND ci.contact_id = c.contact_id
                                   ORDER BY ci.id LIMIT 1)) AS contact_label,
       c.channel, c.status, c.snoozed_until, c.team_id, c.assignee_id, c.subject, c.tags,
       c.read_level, c.created_at, c.waiting_since, c.last_message_at, c.first_response_at,
       c.resolved_at, c.message_count, last.preview AS last_message_preview FROM conversation c
  JOIN contact ct ON ct.library_id = c.library_id AND ct.id = c.contact_id
  LEFT JOIN LATERAL (SELECT left(m.body, 160) AS preview FROM message m
                      WHERE m.library_id = c.library_id AND m.conversation_id = c.id
                      ORDER BY m.id DESC LIMIT 1) last ON true WHERE c.library_id = $1 AND c.status = $2 AND c.team_id = $3 ORDER BY coalesce(c.waiting_since, 'infinity'::timestamptz), c.id LIMIT $4";

/// `store::message::search`'s SQL.
const SEARCH_SQL: &str = "SELECT m.id AS message_id, m.conversation_id, m.direction,
                ts_headline('simple', m.body, q, 'StartSel=«,StopSel=»,MaxWords=30,MinWords=10') AS snippet,
                m.created_at
           FROM message m, websearch_to_tsquery('simple', $2) q
          WHERE m.library_id = $1 AND m.search @@ q AND ($3::bigint IS NULL OR m.id < $3)
          ORDER BY m.id DESC LIMIT $4";

pub async fn list(
    pool: &PgPool,
    url: &str,
    library: LibraryId,
    team: TeamId,
    page: i64,
    report: &mut Report,
) -> anyhow::Result<()> {
    let filter = ListFilter { status: Some(ConversationStatus::Open), team: Some(team), ..ListFilter::default() };
    let expected: Vec<i64> = Conversation::list(pool, library, &filter, Page::Waiting { after: None }, page)
        .await?
        .iter()
        .map(|c| c.id.0)
        .collect();
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let got: Vec<i64> = sqlx::query_as::<_, Conversation>(LIST_SQL)
        .bind(library)
        .bind("open")
        .bind(team)
        .bind(page)
        .fetch_all(&mut conn)
        .await?
        .iter()
        .map(|c| c.id.0)
        .collect();
    let same = if got == expected {
        "returns the same ids as `Conversation::list`"
    } else {
        "**differs from `Conversation::list`'s result — the copy is stale**"
    };

    // The plan a single call gets (parameters known at planning: a custom plan).
    let custom = sqlx::query(&format!("EXPLAIN (ANALYZE, BUFFERS) {LIST_SQL}"))
        .bind(library)
        .bind("open")
        .bind(team)
        .bind(page)
        .fetch_all(&mut conn)
        .await
        .context("EXPLAIN of the list query")?;
    let custom: Vec<String> = custom.iter().map(|r| r.get::<String, _>(0)).collect();

    // The plan a pooled connection settles on: sqlx keeps the statement prepared, and after
    // five executions Postgres may switch it to a generic plan.
    let lib = library.0;
    sqlx::raw_sql(&format!("PREPARE bench_list(bigint, text, bigint, bigint) AS {LIST_SQL}"))
        .execute(&mut conn)
        .await?;
    for _ in 0..6 {
        sqlx::raw_sql(&format!("EXECUTE bench_list({lib}, 'open', {team}, {page})")).execute(&mut conn).await?;
    }
    let explain_execute = format!("EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_list({lib}, 'open', {team}, {page})");
    let steady: Vec<String> =
        sqlx::raw_sql(&explain_execute).fetch_all(&mut conn).await?.iter().map(|r| r.get::<String, _>(0)).collect();
    // A generic plan shows $n in its conditions; a custom one the values.
    let kind = |plan: &[String]| {
        if plan.iter().any(|l| l.contains("$1") || l.contains("$3")) {
            "generic plan"
        } else {
            "custom plan, planned again at each execution"
        }
    };
    // What the generic plan would be (status unknown at planning time).
    sqlx::raw_sql("SET plan_cache_mode = force_generic_plan").execute(&mut conn).await?;
    let generic: Vec<String> =
        sqlx::raw_sql(&explain_execute).fetch_all(&mut conn).await?.iter().map(|r| r.get::<String, _>(0)).collect();
    conn.close().await?;
    report.info(PART, "(a) plan of the list query: indexes used", indexes_used(&custom));
    report.info(
        PART,
        "(a) plan a pooled connection settles on",
        format!("{}: {}", kind(&steady), indexes_used(&steady)),
    );
    report.info(PART, "(a) the generic plan, for comparison (`force_generic_plan`)", indexes_used(&generic));
    report.note(format!(
        "EXPLAIN (ANALYZE, BUFFERS) of the list query for team {team} (SQL reconstructed from \
         src/store/conversation.rs; it {same}):\n```\n{}\n```",
        custom.join("\n")
    ));
    report.note(format!(
        "The generic plan of the same statement (plan_cache_mode = force_generic_plan; Postgres keeps choosing \
         the custom plan above because this one costs more):\n```\n{}\n```",
        generic.join("\n")
    ));
    Ok(())
}

pub async fn search(url: &str, library: LibraryId, words: &[&str], report: &mut Report) -> anyhow::Result<()> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    for word in words {
        let plan: Vec<String> = sqlx::query(&format!("EXPLAIN (ANALYZE, BUFFERS) {SEARCH_SQL}"))
            .bind(library)
            .bind(word)
            .bind(None::<i64>)
            .bind(25i64)
            .fetch_all(&mut conn)
            .await
            .context("EXPLAIN of the search query")?
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect();
        report.info(PART, format!("(c) plan of search for `{word}`: indexes used"), indexes_used(&plan));
        report.note(format!(
            "EXPLAIN (ANALYZE, BUFFERS) of the search query for `{word}` (SQL copied from src/store/message.rs):\n```\n{}\n```",
            plan.join("\n")
        ));
    }
    conn.close().await?;
    Ok(())
}

/// "conversation_queue_team on conversation (Index Scan), ...; execution 0.4 ms".
fn indexes_used(plan: &[String]) -> String {
    let mut used: Vec<String> = Vec::new();
    for line in plan {
        let l = line.trim_start().trim_start_matches("->").trim();
        for kind in [
            "Index Only Scan Backward using ",
            "Index Scan Backward using ",
            "Index Only Scan using ",
            "Index Scan using ",
            "Bitmap Index Scan on ",
        ] {
            if let Some(rest) = l.strip_prefix(kind) {
                let name = rest.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
                let name = name.split("  (").next().unwrap_or(&name).split(" (").next().unwrap_or(&name).to_owned();
                let entry = format!("{name} ({})", kind.trim_end().trim_end_matches(" using").trim_end_matches(" on"));
                if !used.contains(&entry) {
                    used.push(entry);
                }
            }
        }
        if l.starts_with("Seq Scan on ") {
            let entry = format!("{} (Seq Scan)", l.split_whitespace().nth(3).unwrap_or("?"));
            if !used.contains(&entry) {
                used.push(entry);
            }
        }
    }
    let times: Vec<&str> = plan
        .iter()
        .filter(|l| l.starts_with("Planning Time") || l.starts_with("Execution Time"))
        .map(|l| l.as_str())
        .collect();
    format!("{}; {}", used.join(", "), times.join(", "))
}

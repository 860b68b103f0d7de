//! The inbox dataset: four libraries (3 to 5 teams each), 400,000 patrons, 1,000,000
//! conversations and about 5,000,000 messages, generated with set-based SQL in chunks.
//!
//! Reuse: generation ends by writing a row to `bench.dataset` describing what was built
//! (sizes and the migration set). A later run finds that row and reuses the database; a
//! missing or different row (an interrupted run, a new migration) means drop and generate
//! again. `REFDESK_BENCH_REGENERATE=1` forces a fresh dataset.
//!
//! Loading follows the usual bulk-load practice: the secondary indexes of the four big
//! tables are dropped first and rebuilt from their own definitions afterwards, so the end
//! state is exactly the migrated schema. Primary keys, unique constraints and foreign keys
//! stay in force throughout, so Postgres itself checks that the data is consistent.

use crate::common;
use anyhow::Context;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::{Duration, Instant};

pub const CONTACTS: i64 = 400_000; // a multiple of 10, and CONTACTS / 10 coprime with 7919
pub const CONVERSATIONS: i64 = 1_000_000;
/// Library 1 holds 40% of everything; each library's staff are `staff1..staff10@<slug>.example`.
pub const LIBRARY_SLUGS: [&str; 4] = ["springfield", "shelbyville", "ogdenville", "north-haverbrook"];
/// The password of every generated staff account (a local benchmark database only).
pub const STAFF_PASSWORD: &str = "bench password, not a secret";
const VERSION: &str = "v3";
/// Two loaders: the machine this was written on has two cores.
const WORKERS: usize = 2;

/// What is in the dataset database, and how long it took to make.
pub struct Dataset {
    pub reused: bool,
    pub generated_in: Duration,
    pub contacts: i64,
    pub conversations: i64,
    pub messages: i64,
    /// (phase, seconds) of the generation that made it, when this run made it.
    pub phases: Vec<(String, f64)>,
}

fn spec() -> String {
    format!(
        "{VERSION} contacts={CONTACTS} conversations={CONVERSATIONS}{} migrations={}",
        if without_messages() { " messages=none" } else { "" },
        common::migrations_fingerprint()
    )
}

/// `REFDESK_BENCH_WITHOUT_MESSAGES=1`: conversations (with their message counts) but no
/// message rows, about a tenth of the disk. Enough for the reports part, which by design
/// never reads messages; the inbox, search and ingest parts need the full dataset.
fn without_messages() -> bool {
    std::env::var_os("REFDESK_BENCH_WITHOUT_MESSAGES").is_some()
}

/// Reuses the dataset in `db` if it is complete and current, otherwise generates it.
pub async fn ensure(db: &str) -> anyhow::Result<Dataset> {
    let regenerate = std::env::var_os("REFDESK_BENCH_REGENERATE").is_some();
    if !regenerate && common::database_exists(db).await? {
        common::migrate(db).await?; // a no-op unless a migration was added (then the spec differs)
        let pool = PgPool::connect(&common::url_for(db)).await?;
        let found: Option<(String, f64, i64, i64, i64)> =
            sqlx::query_as("SELECT spec, generated_in_secs, contacts, conversations, messages FROM bench.dataset")
                .fetch_optional(&pool)
                .await
                .unwrap_or(None);
        pool.close().await;
        if let Some((found_spec, secs, contacts, conversations, messages)) = found {
            if found_spec == spec() {
                eprintln!("[dataset] reusing {db} ({conversations} conversations, {messages} messages)");
                return Ok(Dataset {
                    reused: true,
                    generated_in: Duration::from_secs_f64(secs),
                    contacts,
                    conversations,
                    messages,
                    phases: vec![],
                });
            }
            eprintln!("[dataset] {db} holds a different dataset ({found_spec}); regenerating");
        } else {
            eprintln!("[dataset] {db} has no complete dataset; regenerating");
        }
    }
    generate(db).await
}

async fn generate(db: &str) -> anyhow::Result<Dataset> {
    let started = Instant::now();
    let mut phases = Vec::new();
    let mut phase = |name: &str, since: &mut Instant| {
        let secs = since.elapsed().as_secs_f64();
        eprintln!("[dataset] {name}: {secs:.1} s");
        phases.push((name.to_owned(), secs));
        *since = Instant::now();
    };
    let mut t = Instant::now();
    common::recreate_database(db).await?;
    let pool = PgPoolOptions::new()
        .max_connections(WORKERS as u32)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // Index builds and VACUUM: room to sort in memory.
                sqlx::query("SET maintenance_work_mem = '512MB'").execute(conn).await?;
                Ok(())
            })
        })
        .connect(&common::url_for(db))
        .await?;
    sqlx::raw_sql(HELPERS).execute(&pool).await.context("creating the bench schema")?;
    phase("create and migrate", &mut t);

    let indexes = drop_secondary_indexes(&pool).await?;
    let hash = refdesk::auth::password::hash(STAFF_PASSWORD.into()).await?;
    seed_libraries(&pool, &hash).await?;
    phase("libraries, teams, staff", &mut t);

    let chunks = |total: i64, size: i64| {
        (0..(total + size - 1) / size).map(move |k| (k * size + 1, ((k + 1) * size).min(total)))
    };
    let jobs = chunks(CONTACTS, 100_000).map(|(a, b)| (CONTACT_SQL.to_owned(), vec![a, b, CONTACTS])).collect();
    parallel(&pool, "contacts", jobs).await?;
    let jobs = chunks(CONTACTS, 100_000).map(|(a, b)| (IDENTITY_SQL.to_owned(), vec![a, b, CONTACTS])).collect();
    parallel(&pool, "contact identities", jobs).await?;
    phase("contacts and identities", &mut t);

    let jobs = chunks(CONVERSATIONS, 100_000)
        .map(|(a, b)| (CONVERSATION_SQL.to_owned(), vec![a, b, CONVERSATIONS, CONTACTS / 10]))
        .collect();
    parallel(&pool, "conversations", jobs).await?;
    phase("conversations", &mut t);

    if !without_messages() {
        let jobs = chunks(CONVERSATIONS, 50_000).map(|(a, b)| (MESSAGE_SQL.to_owned(), vec![a, b])).collect();
        parallel(&pool, "messages", jobs).await?;
        phase("messages", &mut t);
    }

    let jobs = indexes.into_iter().map(|def| (def, vec![])).collect();
    parallel(&pool, "secondary indexes", jobs).await?;
    phase("rebuild secondary indexes", &mut t);

    // The reports' stored facts, as the reply and resolve paths would have written them
    // (report_facts_backfill), then their histograms, built level by level as the hub's
    // background builder builds them (src/reports/rollup.rs).
    let jobs =
        (1..=LIBRARY_SLUGS.len() as i64).map(|l| ("SELECT report_facts_backfill($1)".to_owned(), vec![l])).collect();
    parallel(&pool, "report facts", jobs).await?;
    phase("report facts", &mut t);
    let jobs = (1..=LIBRARY_SLUGS.len() as i64)
        .flat_map(|l| {
            refdesk::reports::rollup::LEVELS.map(move |level| {
                ("SELECT report_rebuild_level($1, $2::bigint::smallint, false)".to_owned(), vec![l, level as i64])
            })
        })
        .collect();
    parallel(&pool, "report histograms", jobs).await?;
    phase("report histograms (rebuilt per level)", &mut t);

    for table in ["library", "team", "staff", "contact", "contact_identity", "conversation"] {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('public.{table}', 'id'), (SELECT max(id) FROM public.{table}))"
        ))
        .execute(&pool)
        .await?;
    }
    // Autovacuum may be off; a live database would have been vacuumed and analysed.
    let jobs = [
        "message",
        "conversation",
        "contact",
        "contact_identity",
        "staff",
        "team",
        "library",
        "conversation_fact",
        "report_histogram",
        "report_histogram_packed",
    ]
    .iter()
    .map(|t| (format!("VACUUM (ANALYZE) {t}"), vec![]))
    .collect();
    parallel(&pool, "vacuum analyze", jobs).await?;
    phase("VACUUM (ANALYZE)", &mut t);

    let (contacts, conversations, messages): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM conversation), (SELECT count(*) FROM message)",
    )
    .fetch_one(&pool)
    .await?;
    let generated_in = started.elapsed();
    sqlx::query(
        "INSERT INTO bench.dataset (spec, generated_in_secs, contacts, conversations, messages) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(spec())
    .bind(generated_in.as_secs_f64())
    .bind(contacts)
    .bind(conversations)
    .bind(messages)
    .execute(&pool)
    .await?;
    pool.close().await;
    Ok(Dataset { reused: false, generated_in, contacts, conversations, messages, phases })
}

/// Drops the indexes of the big tables that no constraint owns; returns their definitions.
async fn drop_secondary_indexes(pool: &PgPool) -> anyhow::Result<Vec<String>> {
    let found: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i
          WHERE i.indrelid IN ('contact'::regclass, 'contact_identity'::regclass,
                               'conversation'::regclass, 'message'::regclass)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
          ORDER BY 1",
    )
    .fetch_all(pool)
    .await?;
    for (name, _) in &found {
        sqlx::query(&format!("DROP INDEX {name}")).execute(pool).await?;
    }
    // The GIN index takes longest: start it first so the other builds fill in beside it.
    let mut defs: Vec<String> = found.into_iter().map(|(_, def)| def).collect();
    defs.sort_by_key(|d| !d.contains("USING gin (search)"));
    Ok(defs)
}

/// Runs `jobs` (SQL and its bigint parameters) on `WORKERS` connections. A job without
/// parameters goes as a simple query (VACUUM refuses to run in a prepared statement's
/// implicit transaction on some drivers; this sidesteps the question).
async fn parallel(pool: &PgPool, what: &str, jobs: Vec<(String, Vec<i64>)>) -> anyhow::Result<()> {
    let total = jobs.len();
    let queue = std::sync::Arc::new(std::sync::Mutex::new(
        jobs.into_iter().enumerate().collect::<std::collections::VecDeque<_>>(),
    ));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..WORKERS {
        let (pool, queue, what) = (pool.clone(), queue.clone(), what.to_owned());
        workers.spawn(async move {
            loop {
                let Some((k, (sql, params))) = queue.lock().unwrap().pop_front() else { return anyhow::Ok(()) };
                let done = if params.is_empty() {
                    sqlx::raw_sql(&sql).execute(&pool).await.map(|_| ())
                } else {
                    let mut q = sqlx::query(&sql);
                    for p in params {
                        q = q.bind(p);
                    }
                    q.execute(&pool).await.map(|_| ())
                };
                done.with_context(|| format!("{what}, job {}", k + 1))?;
                eprintln!("[dataset]   {what} {}/{total} ({:.0} s)", k + 1, started.elapsed().as_secs_f64());
            }
        });
    }
    while let Some(r) = workers.join_next().await {
        r??;
    }
    Ok(())
}

async fn seed_libraries(pool: &PgPool, password_hash: &str) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO library (id, slug, name) OVERRIDING SYSTEM VALUE
         SELECT l, slug, initcap(replace(slug, '-', ' ')) || ' Public Library'
           FROM unnest($1::text[]) WITH ORDINALITY AS s(slug, l)",
    )
    .bind(&LIBRARY_SLUGS[..])
    .execute(&mut *tx)
    .await?;
    // The history reaches back ~13 months, past the default 365-day retention: without a
    // longer policy the hub's retention job scrubbed ~1M old messages while the inbox part
    // measured (session 8: their new index entries filled the search index's pending list,
    // and the work showed as unattributed Postgres CPU per cached request).
    sqlx::query("INSERT INTO privacy_policy (library_id, retention_days) SELECT id, 3650 FROM library")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO team (library_id, id, name) OVERRIDING SYSTEM VALUE
         SELECT l, bench.team_first(l) + k - 1,
                (ARRAY['Reference', 'Circulation', 'Children''s', 'Local History', 'Eastside Branch'])[k]
           FROM generate_series(1, 4) l, LATERAL generate_series(1, bench.team_count(l)) k",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO staff (library_id, id, email, display_name, role, password_hash) OVERRIDING SYSTEM VALUE
         SELECT l, (l - 1) * 10 + k, 'staff' || k || '@' || ($1::text[])[l] || '.example', 'Staff member ' || k,
                CASE k WHEN 1 THEN 'admin' WHEN 2 THEN 'manager' ELSE 'staff' END, $2
           FROM generate_series(1, 4) l, generate_series(1, 10) k",
    )
    .bind(&LIBRARY_SLUGS[..])
    .bind(password_hash)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO team_member (library_id, team_id, staff_id)
         SELECT s.library_id, bench.team_first(s.library_id) + (s.id % bench.team_count(s.library_id)), s.id FROM staff s",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Helpers the generator's SQL uses, in a `bench` schema beside the application's, with the
/// marker table that says the dataset is complete. Every function is a single expression
/// so the planner inlines it.
const HELPERS: &str = include_str!("dataset_helpers.sql");

/// Contacts $1..$2 of $3: 70% with a name, 10% Spanish-speaking, created over two years.
const CONTACT_SQL: &str = "
INSERT INTO contact (library_id, id, display_name, preferred_channel, language, created_at, last_contact_at)
OVERRIDING SYSTEM VALUE
SELECT bench.lib(c), c,
       CASE WHEN h % 10 < 7 THEN
           (ARRAY['Ana', 'Ben', 'Chen', 'Dee', 'Eli', 'Fatima', 'Gus', 'Hana'])[1 + (h >> 4) % 8] || ' ' ||
           (ARRAY['Garcia', 'Smith', 'Nguyen', 'Okafor', 'Kowalski', 'Haddad', 'Jones', 'Ito'])[1 + (h >> 8) % 8]
       END,
       bench.channel(c),
       CASE WHEN (h >> 12) % 10 = 0 THEN 'es' END,
       now() - interval '800 days' + (c::float8 / $3) * interval '700 days',
       now() - ((h >> 16) % 30) * interval '1 day'
  FROM generate_series($1::bigint, $2::bigint) c, LATERAL (SELECT bench.h(c, 11) AS h) x";

/// Identities of contacts $1..$2: one on the preferred channel (id = contact id), and a
/// second (id = $3 + contact id) for one patron in ten.
const IDENTITY_SQL: &str = "
INSERT INTO contact_identity (library_id, id, contact_id, channel, address, created_at)
OVERRIDING SYSTEM VALUE
SELECT ct.library_id, ct.id, ct.id, ct.preferred_channel, bench.address(ct.preferred_channel, ct.id), ct.created_at
  FROM contact ct WHERE ct.id BETWEEN $1 AND $2
UNION ALL
SELECT ct.library_id, $3 + ct.id, ct.id, s.channel, bench.address(s.channel, ct.id), ct.created_at + interval '30 days'
  FROM contact ct,
       LATERAL (SELECT CASE WHEN ct.preferred_channel = 'email' THEN 'sms' ELSE 'email' END AS channel) s
 WHERE ct.id BETWEEN $1 AND $2 AND ct.id % 10 = 3";

/// Conversations $1..$2 of $3. Each patron has two or three (the contact is picked in the
/// conversation's own library: same id residue mod 10). Status: 92% resolved, 3% open
/// (waiting within the last two weeks), 3% pending, 2% snoozed. 5% have no team; 70% of open
/// ones are unassigned. 1 to 9 messages, 5 on average, two hours apart.
const CONVERSATION_SQL: &str = "
INSERT INTO conversation (library_id, id, contact_id, channel, status, snoozed_until, team_id, assignee_id,
                          subject, tags, read_level, created_at, waiting_since, last_message_at,
                          first_response_at, resolved_at, message_count)
OVERRIDING SYSTEM VALUE
SELECT ct.library_id, v, ct.id, ct.preferred_channel, s.status,
       CASE WHEN s.status = 'snoozed' THEN now() + (1 + (a >> 8) % 14) * interval '1 day' END,
       CASE WHEN (a >> 16) % 20 <> 0 THEN bench.team_first(ct.library_id) + (a >> 24) % bench.team_count(ct.library_id) END,
       CASE WHEN s.status = 'open' AND (a >> 28) % 10 < 7 THEN NULL ELSE (ct.library_id - 1) * 10 + 1 + (a >> 32) % 10 END,
       CASE WHEN ct.preferred_channel = 'email' THEN
           (ARRAY['Question about my account', 'Book request', 'Renewal', 'Opening hours', 'Interlibrary loan',
                  'Room booking', 'Lost card', 'Printing'])[1 + (a >> 36) % 8]
       END,
       CASE WHEN (a >> 40) % 10 = 0 THEN ARRAY[(ARRAY['ill', 'fines', 'accessibility', 'youth', 'local-history'])[1 + (a >> 44) % 5]]
            ELSE '{}'::text[] END,
       NULL,
       tm.last - (n.n - 1) * interval '2 hours',
       CASE WHEN s.status = 'open' THEN tm.last END,
       tm.last,
       CASE WHEN n.n > 1 THEN least(now(), tm.last - (n.n - 1) * interval '2 hours'
                                           + CASE WHEN ct.preferred_channel = 'chat' THEN fr.chat ELSE fr.other END * interval '1 second') END,
       CASE WHEN s.status = 'resolved' THEN tm.last - (n.n - 1) * interval '2 hours'
                                            + (CASE WHEN ct.preferred_channel = 'chat' THEN fr.chat ELSE fr.other END + fr.more) * interval '1 second' END,
       n.n
  FROM generate_series($1::bigint, $2::bigint) v,
       LATERAL (SELECT bench.h(v, 1) AS a, bench.h(v, 2) AS b) x,
       LATERAL (SELECT 1 + (a >> 48) % 9 AS n) n,
       -- Response and resolution times spread like a real desk's: chats answered in seconds
       -- to minutes, the rest from half a minute to about six days (log-uniform), and
       -- resolution from a minute to about two weeks after that.
       LATERAL (SELECT 5 + (b >> 20) % 300 AS chat, round(exp(3.4 + ((b >> 20) % 10000) / 10000.0 * 9.8)) AS other,
                       round(exp(4.1 + ((b >> 36) % 10000) / 10000.0 * 10.0)) AS more) fr,
       LATERAL (SELECT CASE WHEN a % 100 < 92 THEN 'resolved' WHEN a % 100 < 95 THEN 'open'
                            WHEN a % 100 < 98 THEN 'pending' ELSE 'snoozed' END AS status) s,
       LATERAL (SELECT CASE WHEN s.status = 'open' THEN now() - (b % 20160) * interval '1 minute'
                            ELSE now() - interval '760 days' + (v::float8 / $3) * interval '730 days'
                                 + (b % 1440) * interval '1 minute' + (n.n - 1) * interval '2 hours'
                       END AS last) tm,
       contact ct
 WHERE ct.library_id = bench.lib(v) AND ct.id = 10 * ((((v - 1) / 10) * 7919) % $4) + ((v - 1) % 10) + 1";

/// The messages of conversations $1..$2: patron and staff alternate, and an open
/// conversation ends with the patron. Message ids come from the identity.
const MESSAGE_SQL: &str = "
INSERT INTO message (library_id, conversation_id, direction, channel, author_staff_id, body, provider_id,
                     delivery_status, created_at)
SELECT c.library_id, c.id, d.dir, c.channel,
       CASE WHEN d.dir = 'out' THEN coalesce(c.assignee_id, (c.library_id - 1) * 10 + 1) END,
       bench.body(bench.h(c.id * 16 + k, 42), d.dir = 'in'),
       CASE WHEN d.dir = 'in' THEN 'gen-' || c.id || '-' || k END,
       CASE WHEN d.dir = 'in' THEN 'received' ELSE 'delivered' END,
       c.created_at + (k - 1) * interval '2 hours'
  FROM conversation c,
       LATERAL generate_series(1, c.message_count) k,
       LATERAL (SELECT CASE WHEN k % 2 = 1 OR (k = c.message_count AND c.status = 'open') THEN 'in' ELSE 'out' END AS dir) d
 WHERE c.id BETWEEN $1 AND $2
 ORDER BY c.id, k";
